import type { ConditionNode } from '../document/policyAst.js';
import { parseTemplate } from '../patterns/policyVariables.js';
import { TemplateResolutionCache } from '../patterns/templateCache.js';
import { valueKindOf, type ValueKind } from './conditionValue.js';
import {
  familySupportsVariables,
  parseConditionOperator,
  type ConditionOperator,
} from './operators.js';
import type { ContextEntry, RequestContext } from './requestContext.js';
import { parseBoolValue } from './values/boolValue.js';

/** One `operator: { key: values }` entry, ready to test against requests. */
export interface CompiledCondition {
  readonly operator: ConditionOperator;
  readonly key: string;
  /** True when the request satisfies this entry. */
  readonly test: (context: RequestContext) => boolean;
}

/** A statement's Condition element compiled; every condition must hold (logical AND). */
export interface CompiledConditionBlock {
  readonly conditions: readonly CompiledCondition[];
  /** How many entries could not be compiled (unknown operator, empty or ill-typed values). */
  readonly invalidEntries: number;
}

/**
 * Compiles a Condition element. Entries that cannot be compiled are counted, not kept: the
 * statement compiler decides what an unusable condition means (see `compileStatement`).
 */
export function compileConditionBlock(
  node: ConditionNode,
  variablesEnabled: boolean,
): CompiledConditionBlock {
  const conditions: CompiledCondition[] = [];
  let invalidEntries = 0;
  for (const operatorNode of node.operators) {
    const parsed = parseConditionOperator(operatorNode.operator.value);
    if (!parsed.ok) {
      invalidEntries += Math.max(1, operatorNode.entries.length);
      continue;
    }
    if (operatorNode.entries.length === 0) invalidEntries++;
    for (const entry of operatorNode.entries) {
      const texts = entry.values.items.map((item) => item.text);
      const compiled = compileEntry(parsed.operator, entry.key.value, texts, variablesEnabled);
      if (compiled === undefined) invalidEntries++;
      else conditions.push(compiled);
    }
  }
  return { conditions, invalidEntries };
}

/** Compiles one key's test, or undefined when its values do not fit the operator. */
export function compileEntry(
  operator: ConditionOperator,
  key: string,
  texts: readonly string[],
  variablesEnabled: boolean,
): CompiledCondition | undefined {
  if (texts.length === 0) return undefined;
  const keyLower = key.toLowerCase();
  if (operator.family === 'Null') {
    const expectations: boolean[] = [];
    for (const text of texts) {
      const value = parseBoolValue(text);
      if (value === undefined) return undefined;
      expectations.push(value);
    }
    return {
      operator,
      key,
      test: (context) => {
        const present = context.entry(key, keyLower) !== undefined;
        // `Null: true` holds when the key is absent, `Null: false` when it is present.
        for (const absent of expectations) if (absent !== present) return true;
        return false;
      },
    };
  }
  const kind = valueKindOf(operator.family, operator.comparison);
  const withVariables = variablesEnabled && familySupportsVariables(operator.family);
  const fixed: unknown[] = [];
  const dynamic: TemplateResolutionCache<unknown>[] = [];
  for (const text of texts) {
    const { template } = parseTemplate(text, withVariables);
    if (template.hasVariables) {
      dynamic.push(new TemplateResolutionCache(template, (lookup) => kind.read(template, lookup)));
      continue;
    }
    const value = kind.read(template, undefined);
    if (value === undefined) return undefined;
    fixed.push(value);
  }
  const missingKey = missingKeyResult(operator);
  // Reused across calls (evaluation is synchronous and never re-enters a condition), so that
  // resolving variables allocates nothing per request.
  const resolved: unknown[] = [];
  return {
    operator,
    key,
    test: (context) => {
      const entry = context.entry(key, keyLower);
      if (entry === undefined) return missingKey;
      resolved.length = 0;
      for (const template of dynamic) {
        const value = template.resolve(context.lookupVariable);
        // An unresolvable variable makes the statement not match (AWS: "causes the statement
        // to be invalid"), whatever the operator's polarity.
        if (value === undefined) return false;
        resolved.push(value);
      }
      return combine(operator, entry, fixed, resolved, kind);
    },
  };
}

/**
 * The result for a key absent from the request (AWS, "Condition operators"): `...IfExists` and
 * `ForAllValues:` hold, `ForAnyValue:` does not, negated operators hold, others do not.
 */
export function missingKeyResult(operator: ConditionOperator): boolean {
  if (operator.ifExists) return true;
  if (operator.qualifier === 'ForAllValues') return true;
  if (operator.qualifier === 'ForAnyValue') return false;
  return operator.negated;
}

/**
 * Combines value-by-value results. A request value "matches" when it satisfies the positive
 * comparison with any policy value (OR across policy values); a negated operator holds for a
 * request value that matches none. Without a qualifier, a multivalued key is treated as holding
 * when any request value matches (negated: when none does); `ForAllValues:` needs every request
 * value to hold and `ForAnyValue:` at least one.
 */
function combine(
  operator: ConditionOperator,
  entry: ContextEntry,
  fixed: readonly unknown[],
  resolved: readonly unknown[],
  kind: ValueKind<unknown>,
): boolean {
  const count = entry.values.length;
  switch (operator.qualifier) {
    case undefined: {
      for (let i = 0; i < count; i++) {
        if (matchesAny(entry, i, fixed, resolved, kind)) return !operator.negated;
      }
      return operator.negated;
    }
    case 'ForAllValues': {
      for (let i = 0; i < count; i++) {
        if (matchesAny(entry, i, fixed, resolved, kind) === operator.negated) return false;
      }
      return true;
    }
    case 'ForAnyValue': {
      for (let i = 0; i < count; i++) {
        if (matchesAny(entry, i, fixed, resolved, kind) !== operator.negated) return true;
      }
      return false;
    }
  }
}

/** Whether request value `index` satisfies the comparison with any policy value. */
function matchesAny(
  entry: ContextEntry,
  index: number,
  fixed: readonly unknown[],
  resolved: readonly unknown[],
  kind: ValueKind<unknown>,
): boolean {
  for (const value of fixed) {
    if (kind.test(entry, index, value)) return true;
  }
  for (const value of resolved) {
    if (kind.test(entry, index, value)) return true;
  }
  return false;
}
