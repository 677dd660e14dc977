import type { Catalogue } from '../catalogue/catalogue.js';
import type { PolicyInput } from '../evaluate/evaluationTypes.js';
import { globOf, matchGlob, type Glob } from '../patterns/glob.js';
import {
  actionLanguage,
  resourceLanguage,
  type PatternLanguage,
  type VariableValues,
} from '../patterns/patternLanguage.js';
import {
  analyseDocument,
  statementRef,
  type AnalysedPolicyDocument,
  type AnalysedStatement,
  type StatementRef,
} from './analysedPolicy.js';
import type { ConditionBlock } from './conditionAtoms.js';
import { ALL, exceptOf, someOf, type Region } from './region.js';

/**
 * The policies that decide what one principal may do: its identity policies (user, group and
 * role policies, inline and managed), its permissions boundary and the account's guardrails,
 * with the values of policy variables that are fixed for the principal.
 */
export interface PermissionSet {
  readonly identityPolicies: readonly PolicyInput[];
  readonly permissionsBoundary?: PolicyInput | undefined;
  readonly guardrails?: readonly PolicyInput[] | undefined;
  /**
   * Values of policy variables known for the principal (`aws:username`, `aws:PrincipalTag/team`);
   * `null` for a key known to be absent. Others are unknown and read as any text.
   */
  readonly variables?: VariableValues | undefined;
}

/**
 * Whether two permission sets are the same: the same policies in the same order (by name and
 * document identity), boundary, guardrails and variables. Equal sets have equal models, so
 * whatever was derived from one holds for the other.
 */
export function samePermissionSet(a: PermissionSet, b: PermissionSet): boolean {
  if (a === b) return true;
  const same = (x: PolicyInput | undefined, y: PolicyInput | undefined) =>
    x === y || (x?.name === y?.name && x !== undefined && x.document === y?.document);
  const sameList = (x: readonly PolicyInput[], y: readonly PolicyInput[]) =>
    x === y || (x.length === y.length && x.every((p, i) => same(p, y[i])));
  return (
    sameList(a.identityPolicies, b.identityPolicies) &&
    same(a.permissionsBoundary, b.permissionsBoundary) &&
    sameList(a.guardrails ?? [], b.guardrails ?? []) &&
    sameVariables(a.variables ?? {}, b.variables ?? {})
  );
}

/** Same JSON text (the model cache keys on it): the same keys in the same order, same values. */
function sameVariables(a: VariableValues, b: VariableValues): boolean {
  if (a === b) return true;
  const keys = Object.keys(a);
  const others = Object.keys(b);
  if (keys.length === others.length && keys.every((k, i) => k === others[i] && a[k] === b[k]))
    return true;
  return JSON.stringify(a) === JSON.stringify(b);
}

/** A statement ready for set reasoning: patterns as languages, resources as a region. */
export interface ModelStatement {
  /** Equal signatures, equal statements (place, effect, patterns as resolved, condition). */
  readonly signature: string;
  readonly ref: StatementRef;
  readonly effect: 'Allow' | 'Deny';
  readonly exact: boolean;
  readonly actionNegated: boolean;
  readonly actionTexts: readonly string[];
  readonly actionLanguages: readonly PatternLanguage[];
  readonly actionGlobs: readonly Glob[];
  readonly actionRegion: Region;
  readonly resources: Region;
  /** The resource region split per written entry, for reporting new access entry by entry. */
  readonly resourceItems: readonly Region[];
  readonly atoms: readonly string[];
  readonly condition: ConditionBlock | undefined;
}

/** A principal's permission set, read for analysis. */
export interface PermissionModel {
  /** Allow statements of identity policies that may grant. */
  readonly allows: readonly ModelStatement[];
  /** Deny statements of every policy (identity, boundary, guardrails). */
  readonly denies: readonly ModelStatement[];
  /** Allow statements of the boundary; undefined without a boundary. */
  readonly boundary: readonly ModelStatement[] | undefined;
  /** Allow statements of each guardrail. */
  readonly guardrails: readonly (readonly ModelStatement[])[];
}

const modelCache = new WeakMap<AnalysedPolicyDocument, Map<string, readonly ModelStatement[]>>();

/** Reads a permission set for analysis; statements are cached per document, name and variables. */
export function permissionModel(set: PermissionSet): PermissionModel {
  const variables = set.variables ?? {};
  const allows: ModelStatement[] = [];
  const denies: ModelStatement[] = [];
  for (const policy of set.identityPolicies) {
    for (const s of statementsOf(policy, variables))
      (s.effect === 'Allow' ? allows : denies).push(s);
  }
  let boundary: ModelStatement[] | undefined;
  if (set.permissionsBoundary !== undefined) {
    boundary = [];
    for (const s of statementsOf(set.permissionsBoundary, variables)) {
      (s.effect === 'Allow' ? boundary : denies).push(s);
    }
  }
  const guardrails: ModelStatement[][] = [];
  for (const guardrail of set.guardrails ?? []) {
    const list: ModelStatement[] = [];
    for (const s of statementsOf(guardrail, variables))
      (s.effect === 'Allow' ? list : denies).push(s);
    guardrails.push(list);
  }
  return { allows, denies, boundary, guardrails };
}

function statementsOf(policy: PolicyInput, variables: VariableValues): readonly ModelStatement[] {
  const analysed = analyseDocument(policy.document);
  let byKey = modelCache.get(analysed);
  if (byKey === undefined) {
    byKey = new Map();
    modelCache.set(analysed, byKey);
  }
  const key = analysed.variables ? `${policy.name}\u0000${JSON.stringify(variables)}` : policy.name;
  const known = byKey.get(key);
  if (known !== undefined) return known;
  const built: ModelStatement[] = [];
  for (const statement of analysed.statements) {
    if (statement.effect === 'Allow' && !analysed.grants) continue;
    const model = modelStatement(policy.name, statement, analysed.variables, variables);
    if (model !== undefined) built.push(model);
  }
  if (byKey.size > 64) byKey.clear();
  byKey.set(key, built);
  return built;
}

function modelStatement(
  policy: string,
  statement: AnalysedStatement,
  variablesEnabled: boolean,
  variables: VariableValues,
): ModelStatement | undefined {
  const ref = statementRef(policy, statement);
  const actionTexts = statement.actions.patterns;
  const actionLanguages = actionTexts.map(actionLanguage);
  const actionRegion = statement.actions.negated
    ? exceptOf(actionLanguages)
    : someOf(actionLanguages);
  let resources: Region;
  let resourceItems: Region[];
  if (statement.resources === undefined) {
    // In an identity policy an Allow without Resource grants nothing; a Deny covers everything.
    if (statement.effect === 'Allow') return undefined;
    resources = ALL;
    resourceItems = [ALL];
  } else {
    const languages: PatternLanguage[] = [];
    for (const text of statement.resources.patterns) {
      const language = resourceLanguage(text, variablesEnabled, variables);
      // A variable known to be absent without default: IAM ignores the whole statement.
      if (language === undefined) return undefined;
      languages.push(language);
    }
    if (statement.resources.negated) {
      resources = exceptOf(languages);
      resourceItems = [resources];
    } else {
      resources = someOf(languages);
      resourceItems = resources.kind === 'all' ? [ALL] : languages.map((l) => someOf([l]));
    }
  }
  const resourceKeys =
    resources.kind === 'all'
      ? '*'
      : `${resources.kind}:${resources.patterns.map((l) => l.key).join('\u0001')}`;
  return {
    signature: JSON.stringify([
      ref,
      statement.effect,
      statement.exact,
      statement.actions,
      resourceKeys,
      statement.atoms,
    ]),
    ref,
    effect: statement.effect,
    exact: statement.exact,
    actionNegated: statement.actions.negated,
    actionTexts,
    actionLanguages,
    actionGlobs: actionTexts.map((text) => globOf(text.toLowerCase())),
    actionRegion,
    resources,
    resourceItems,
    atoms: statement.atoms,
    condition: statement.condition,
  };
}

/** Whether the statement's Action/NotAction covers one concrete action (lowercased). */
export function coversAction(statement: ModelStatement, actionKey: string): boolean {
  let matched = false;
  for (const glob of statement.actionGlobs) {
    if (matchGlob(glob, actionKey)) {
      matched = true;
      break;
    }
  }
  return matched !== statement.actionNegated;
}

const expansions = new WeakMap<Catalogue, WeakMap<ModelStatement, readonly number[]>>();

/** The ids of the catalogue actions a statement's Action/NotAction covers (cached). */
export function catalogueActionsOf(
  statement: ModelStatement,
  catalogue: Catalogue,
): readonly number[] {
  let byStatement = expansions.get(catalogue);
  if (byStatement === undefined) {
    byStatement = new WeakMap();
    expansions.set(catalogue, byStatement);
  }
  const known = byStatement.get(statement);
  if (known !== undefined) return known;
  let ids: number[];
  if (!statement.actionNegated) {
    const set = new Set<number>();
    for (const text of statement.actionTexts)
      for (const action of catalogue.expand(text)) set.add(action.id);
    ids = [...set];
  } else {
    const excluded = new Set<number>();
    for (const text of statement.actionTexts)
      for (const action of catalogue.expand(text)) excluded.add(action.id);
    ids = [];
    for (const action of catalogue.actions) if (!excluded.has(action.id)) ids.push(action.id);
  }
  byStatement.set(statement, ids);
  return ids;
}
