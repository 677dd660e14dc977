import type {
  ConditionNode,
  PrincipalNode,
  StatementNode,
  StringListNode,
} from '../document/policyAst.js';
import { patternCovers } from './patternCoverage.js';

/**
 * Whether `outer` applies to every request `inner` applies to, ignoring their effects. Sound, not
 * complete: `outer` must have no Condition or exactly the same one, name the same principals
 * (or all), and its Action and Resource must cover `inner`'s pattern by pattern.
 */
export function statementCovers(outer: StatementNode, inner: StatementNode): boolean {
  if (outer.malformed.length > 0 || inner.malformed.length > 0) return false;
  if (outer.condition !== undefined) {
    if (inner.condition === undefined) return false;
    if (conditionSignature(outer.condition) !== conditionSignature(inner.condition)) return false;
  }
  if (!principalCovers(outer, inner)) return false;
  if (!listCovers(outer.action, outer.notAction, inner.action, inner.notAction, true)) return false;
  if (outer.resource === undefined && outer.notResource === undefined) {
    return inner.resource === undefined && inner.notResource === undefined;
  }
  return listCovers(outer.resource, outer.notResource, inner.resource, inner.notResource, false);
}

function listCovers(
  outer: StringListNode | undefined,
  outerNot: StringListNode | undefined,
  inner: StringListNode | undefined,
  innerNot: StringListNode | undefined,
  ignoreCase: boolean,
): boolean {
  if (outerNot !== undefined || outer === undefined) return false;
  if (outer.items.some((item) => item.value === '*')) return true;
  if (innerNot !== undefined || inner === undefined || inner.items.length === 0) return false;
  return inner.items.every((item) =>
    outer.items.some((pattern) => patternCovers(pattern.value, item.value, ignoreCase)),
  );
}

function principalCovers(outer: StatementNode, inner: StatementNode): boolean {
  if (outer.notPrincipal !== undefined || inner.notPrincipal !== undefined) {
    return (
      outer.principal === undefined &&
      inner.principal === undefined &&
      outer.notPrincipal !== undefined &&
      inner.notPrincipal !== undefined &&
      principalSignature(outer.notPrincipal) === principalSignature(inner.notPrincipal)
    );
  }
  if (outer.principal === undefined || inner.principal === undefined) {
    return outer.principal === inner.principal;
  }
  if (isEveryone(outer.principal)) return true;
  return principalSignature(outer.principal) === principalSignature(inner.principal);
}

function isEveryone(principal: PrincipalNode): boolean {
  if (principal.form === 'string') return principal.value.value === '*';
  return principal.entries.some(
    (entry) => entry.type.value === 'AWS' && entry.values.items.some((v) => v.value === '*'),
  );
}

/** A canonical text of a principal element, independent of source layout. */
export function principalSignature(principal: PrincipalNode): string {
  if (principal.form === 'string') return JSON.stringify(principal.value.value);
  return JSON.stringify(
    principal.entries
      .map((entry) => [entry.type.value, entry.values.items.map((v) => v.value).sort()] as const)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
  );
}

/** A canonical text of a Condition element, independent of source layout and order. */
export function conditionSignature(condition: ConditionNode): string {
  return JSON.stringify(
    condition.operators
      .map(
        (operator) =>
          [
            operator.operator.value,
            operator.entries
              .map(
                (entry) => [entry.key.value, entry.values.items.map((v) => v.text).sort()] as const,
              )
              .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
          ] as const,
      )
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
  );
}
