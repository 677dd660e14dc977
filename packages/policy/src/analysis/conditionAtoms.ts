import type { ConditionNode } from '../document/policyAst.js';

/**
 * A Condition element as JSON (`{ "StringEquals": { "aws:username": ["alice"] } }`), values as
 * text; the shape stored in reports.
 */
export type ConditionBlock = Readonly<Record<string, Readonly<Record<string, readonly string[]>>>>;

/**
 * The condition of a statement as a set of atoms: one per (operator, key, values) entry. A
 * Condition holds when all its entries hold, so a statement whose atoms include all of
 * another's is at least as narrow. Treating entries as opaque atoms is what makes the analysis
 * sound without reasoning about operators: it never concludes that one condition implies
 * another unless the second is literally part of the first.
 */
export function conditionAtoms(condition: ConditionNode | undefined): readonly string[] {
  if (condition === undefined) return [];
  const atoms: string[] = [];
  for (const operator of condition.operators) {
    for (const entry of operator.entries) {
      const values = entry.values.items.map((v) => v.text).sort();
      // Keys are case-insensitive in IAM; operators and values are not.
      atoms.push(
        `${operator.operator.value}\u0000${entry.key.value.toLowerCase()}\u0000${JSON.stringify(values)}`,
      );
    }
  }
  return [...new Set(atoms)].sort();
}

/** The Condition element as plain JSON, for reports. */
export function conditionBlock(condition: ConditionNode | undefined): ConditionBlock | undefined {
  if (condition === undefined) return undefined;
  const block: Record<string, Record<string, string[]>> = {};
  for (const operator of condition.operators) {
    const entries: Record<string, string[]> = {};
    for (const entry of operator.entries) {
      entries[entry.key.value] = entry.values.items.map((v) => v.text);
    }
    block[operator.operator.value] = entries;
  }
  return block;
}

/** Whether every atom of `narrow`'s superset test holds: `subset` ⊆ `superset` (both sorted). */
export function atomsIncluded(subset: readonly string[], superset: readonly string[]): boolean {
  if (subset.length === 0) return true;
  if (subset.length > superset.length) return false;
  let j = 0;
  for (const atom of subset) {
    while (j < superset.length && (superset[j] ?? '') < atom) j++;
    if (superset[j] !== atom) return false;
    j++;
  }
  return true;
}

/** The sorted union of two sorted atom lists. */
export function atomsUnion(a: readonly string[], b: readonly string[]): readonly string[] {
  if (b.length === 0) return a;
  if (a.length === 0) return b;
  return [...new Set([...a, ...b])].sort();
}
