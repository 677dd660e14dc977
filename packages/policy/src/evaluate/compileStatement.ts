import { compileConditionBlock, type CompiledCondition } from '../conditions/compileCondition.js';
import type { RequestContext } from '../conditions/requestContext.js';
import type { StatementNode, StringListNode } from '../document/policyAst.js';
import { buildGlob, globOf, matchGlob, type Glob } from '../patterns/glob.js';
import { parseTemplate, resolvePieces } from '../patterns/policyVariables.js';
import { TemplateResolutionCache } from '../patterns/templateCache.js';
import { compilePrincipal, type PrincipalMatcher } from './principalMatcher.js';

/** `Action` (negated false) or `NotAction` (negated true), lowercased: actions ignore case. */
export interface ActionMatcher {
  readonly negated: boolean;
  readonly globs: readonly Glob[];
}

/** `Resource` or `NotResource`; resources are case-sensitive. */
export interface ResourceMatcher {
  readonly negated: boolean;
  /** The list contains the bare `*`. */
  readonly any: boolean;
  readonly fixed: readonly Glob[];
  /** Patterns with policy variables, resolved per request. */
  readonly dynamic: readonly TemplateResolutionCache<Glob>[];
}

/** A statement compiled for evaluation. */
export interface CompiledStatement {
  readonly index: number;
  readonly sid: string | undefined;
  /** Anything but exactly `Allow` is treated as `Deny` (see `valid`). */
  readonly effect: 'Allow' | 'Deny';
  /** False when some element could not be understood; the policy then never grants. */
  readonly valid: boolean;
  readonly actions: ActionMatcher;
  /** Undefined when the statement has neither Resource nor NotResource. */
  readonly resources: ResourceMatcher | undefined;
  /** Undefined when the statement has neither Principal nor NotPrincipal. */
  readonly principal: PrincipalMatcher | undefined;
  readonly conditions: readonly CompiledCondition[];
}

/** Matches every action: an empty `NotAction`. Used for an element that cannot be understood. */
const EVERY_ACTION: ActionMatcher = { negated: true, globs: [] };
/** Matches every resource: an empty `NotResource`. */
const EVERY_RESOURCE: ResourceMatcher = { negated: true, any: false, fixed: [], dynamic: [] };

/**
 * Compiles one statement. Elements that cannot be understood (wrong types, unknown operators,
 * values that do not fit their operator, conflicting pairs such as Action with NotAction) make
 * the statement invalid; an invalid policy never grants (the evaluator skips its Allow
 * statements), and in a Deny statement such an element is read in the widest sense, so that a
 * broken Deny still denies (fail closed): it matches every action, resource or principal, and
 * a condition entry that cannot be compiled is left out of the conjunction.
 */
export function compileStatement(
  node: StatementNode,
  variablesEnabled: boolean,
): CompiledStatement {
  let valid = node.malformed.length === 0;
  const effectText = node.effect?.value;
  if (effectText !== 'Allow' && effectText !== 'Deny') valid = false;

  let actions = EVERY_ACTION;
  const actionList = node.action ?? node.notAction;
  const actionMalformed = node.malformed.includes('Action') || node.malformed.includes('NotAction');
  if (
    (node.action !== undefined && node.notAction !== undefined) ||
    actionList === undefined ||
    actionList.items.length === 0
  ) {
    valid = false;
  } else if (!actionMalformed) {
    actions = {
      negated: node.action === undefined,
      globs: actionList.items.map((item) => globOf(item.value.toLowerCase())),
    };
  }

  let resources: ResourceMatcher | undefined;
  const resourceList = node.resource ?? node.notResource;
  const resourceMalformed =
    node.malformed.includes('Resource') || node.malformed.includes('NotResource');
  if (node.resource !== undefined && node.notResource !== undefined) {
    valid = false;
    resources = EVERY_RESOURCE;
  } else if (resourceList !== undefined) {
    if (resourceList.items.length === 0) valid = false;
    resources =
      resourceMalformed || resourceList.items.length === 0
        ? EVERY_RESOURCE
        : compileResources(resourceList, node.resource === undefined, variablesEnabled);
  } else if (resourceMalformed) {
    resources = EVERY_RESOURCE;
  }

  let principal: PrincipalMatcher | undefined;
  const principalNode = node.principal ?? node.notPrincipal;
  if (node.principal !== undefined && node.notPrincipal !== undefined) {
    valid = false;
  } else if (principalNode !== undefined) {
    const compiled = compilePrincipal(principalNode, node.principal === undefined);
    if (!compiled.valid) valid = false;
    const malformed =
      node.malformed.includes('Principal') || node.malformed.includes('NotPrincipal');
    if (compiled.valid && !malformed) principal = compiled.matcher;
  }

  let conditions: readonly CompiledCondition[] = [];
  if (node.condition !== undefined) {
    const block = compileConditionBlock(node.condition, variablesEnabled);
    if (block.invalidEntries > 0) valid = false;
    conditions = block.conditions;
  }

  return {
    index: node.index,
    sid: node.sid?.value,
    effect: effectText === 'Allow' ? 'Allow' : 'Deny',
    valid,
    actions,
    resources,
    principal,
    conditions,
  };
}

function compileResources(
  list: StringListNode,
  negated: boolean,
  variablesEnabled: boolean,
): ResourceMatcher {
  let any = false;
  const fixed: Glob[] = [];
  const dynamic: TemplateResolutionCache<Glob>[] = [];
  for (const item of list.items) {
    if (item.value === '*') {
      any = true;
      continue;
    }
    const { template } = parseTemplate(item.value, variablesEnabled);
    if (template.hasVariables) {
      dynamic.push(
        new TemplateResolutionCache(template, (lookup) => {
          const pieces = resolvePieces(template, lookup);
          return pieces === undefined ? undefined : buildGlob(pieces, true);
        }),
      );
    } else {
      fixed.push(buildGlob(resolvePieces(template, undefined) ?? [], true));
    }
  }
  return { negated, any, fixed, dynamic };
}

/** Whether the action (already lowercased) is covered by the statement's Action/NotAction. */
export function actionMatches(matcher: ActionMatcher, actionLower: string): boolean {
  let matched = false;
  for (const glob of matcher.globs) {
    if (matchGlob(glob, actionLower)) {
      matched = true;
      break;
    }
  }
  return matched !== matcher.negated;
}

/**
 * Whether the resource is covered by the statement's Resource/NotResource. False as well when a
 * policy variable of the element cannot be resolved: AWS then treats the statement as invalid,
 * so it applies neither as Resource nor as NotResource.
 */
export function resourceMatches(
  matcher: ResourceMatcher,
  resource: string,
  context: RequestContext,
): boolean {
  let matched = matcher.any;
  for (const template of matcher.dynamic) {
    const glob = template.resolve(context.lookupVariable);
    if (glob === undefined) return false;
    if (!matched && matchGlob(glob, resource)) matched = true;
  }
  if (!matched) {
    for (const glob of matcher.fixed) {
      if (matchGlob(glob, resource)) {
        matched = true;
        break;
      }
    }
  }
  return matched !== matcher.negated;
}

/** Whether every condition of the statement holds (AND across operators and keys). */
export function conditionsHold(
  conditions: readonly CompiledCondition[],
  context: RequestContext,
): boolean {
  for (const condition of conditions) {
    if (!condition.test(context)) return false;
  }
  return true;
}
