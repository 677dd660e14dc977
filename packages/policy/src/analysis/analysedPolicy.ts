import { parsePolicy } from '../document/parsePolicy.js';
import type { StatementNode, StringListNode } from '../document/policyAst.js';
import { compileStatement } from '../evaluate/compileStatement.js';
import { compilePolicy } from '../evaluate/policyCache.js';
import { conditionAtoms, conditionBlock, type ConditionBlock } from './conditionAtoms.js';

/** Which statement of which policy: the unit reports name as "responsible". */
export interface StatementRef {
  readonly policy: string;
  /** Index in the policy's Statement array (0 when Statement is a single object). */
  readonly statement: number;
  readonly sid?: string;
}

/**
 * A statement as the analysis reads it: effect, action and resource patterns as written, and
 * the condition as atoms. Resource patterns stay text here; they are turned into languages per
 * principal, once policy variables are known.
 */
export interface AnalysedStatement {
  readonly index: number;
  readonly sid: string | undefined;
  readonly effect: 'Allow' | 'Deny';
  /**
   * False for a statement with an element the compiler could not understand. Such a Deny is
   * read in its widest sense (every action and resource, a condition of its own) where that
   * makes access smaller, and ignored where it would make access larger.
   */
  readonly exact: boolean;
  readonly actions: { readonly negated: boolean; readonly patterns: readonly string[] };
  /** Undefined when the statement has neither Resource nor NotResource. */
  readonly resources:
    { readonly negated: boolean; readonly patterns: readonly string[] } | undefined;
  readonly atoms: readonly string[];
  readonly condition: ConditionBlock | undefined;
}

/** A policy as the analysis reads it. */
export interface AnalysedPolicyDocument {
  /** Whether its Allow statements may grant (false for a policy that does not validate). */
  readonly grants: boolean;
  /** Whether `${...}` are policy variables (Version 2012-10-17). */
  readonly variables: boolean;
  readonly statements: readonly AnalysedStatement[];
}

const MAX_CACHED_TEXTS = 2048;
const byText = new Map<string, AnalysedPolicyDocument>();
const byObject = new WeakMap<object, AnalysedPolicyDocument>();

/**
 * Reads a policy document for analysis, once per distinct document (cached like
 * `compilePolicy`: text by content, objects by identity; do not mutate analysed objects).
 * Never throws: a document that cannot be read grants nothing and denies nothing.
 */
export function analyseDocument(document: string | object): AnalysedPolicyDocument {
  if (typeof document === 'object' && (document as object | null) !== null) {
    const known = byObject.get(document);
    if (known !== undefined) return known;
    const analysed = analyseSafely(document);
    byObject.set(document, analysed);
    return analysed;
  }
  if (typeof document !== 'string') return analyseSafely(document);
  const known = byText.get(document);
  if (known !== undefined) return known;
  const analysed = analyseSafely(document);
  if (byText.size >= MAX_CACHED_TEXTS) {
    const oldest = byText.keys().next();
    if (oldest.done !== true) byText.delete(oldest.value);
  }
  byText.set(document, analysed);
  return analysed;
}

const NOTHING: AnalysedPolicyDocument = { grants: false, variables: false, statements: [] };

function analyseSafely(document: string | object): AnalysedPolicyDocument {
  try {
    return analyse(document);
  } catch {
    // A defect here must not turn into a grant: read the document as granting nothing. Its
    // Deny statements are lost too, which the analysis reports as possible new access.
    return NOTHING;
  }
}

function analyse(document: string | object): AnalysedPolicyDocument {
  const parsed = parsePolicy(document);
  if (!parsed.ok) return NOTHING;
  const version = parsed.policy.version?.value;
  const variables = version === '2012-10-17';
  const grants = compilePolicy(document).grants;
  const statements = (parsed.policy.statement?.items ?? []).map((node) =>
    analyseStatement(node, variables),
  );
  return { grants, variables, statements };
}

function analyseStatement(node: StatementNode, variables: boolean): AnalysedStatement {
  const compiled = compileStatement(node, variables);
  const exact = compiled.valid;
  const actionList = node.action ?? node.notAction;
  const resourceList = node.resource ?? node.notResource;
  const readable = (list: StringListNode | undefined, a: 'Action' | 'Resource') =>
    list !== undefined &&
    list.items.length > 0 &&
    !node.malformed.includes(a) &&
    !node.malformed.includes(`Not${a}`);
  return {
    index: node.index,
    sid: node.sid?.value,
    effect: compiled.effect,
    exact,
    actions:
      exact && readable(actionList, 'Action') && actionList !== undefined
        ? {
            negated: node.action === undefined,
            patterns: actionList.items.map((item) => item.value),
          }
        : { negated: true, patterns: [] },
    resources:
      resourceList === undefined &&
      !node.malformed.some((m) => m === 'Resource' || m === 'NotResource')
        ? undefined
        : exact && readable(resourceList, 'Resource') && resourceList !== undefined
          ? {
              negated: node.resource === undefined,
              patterns: resourceList.items.map((item) => item.value),
            }
          : { negated: true, patterns: [] },
    atoms: exact ? conditionAtoms(node.condition) : [`\u0001unreadable:${node.path}`],
    condition: conditionBlock(node.condition),
  };
}

/** A reference to a statement of a named policy. */
export function statementRef(policy: string, statement: AnalysedStatement): StatementRef {
  return statement.sid === undefined
    ? { policy, statement: statement.index }
    : { policy, statement: statement.index, sid: statement.sid };
}
