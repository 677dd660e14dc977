import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { Reachability } from './reachability.js';

/** The nodes reachable from `from` by breadth-first search (itself included). */
function search(successors: readonly (readonly number[])[], from: number): Set<number> {
  const seen = new Set([from]);
  const queue = [from];
  for (const node of queue) {
    for (const to of successors[node] ?? []) {
      if (seen.has(to)) continue;
      seen.add(to);
      queue.push(to);
    }
  }
  return seen;
}

const graph = fc.integer({ min: 1, max: 70 }).chain((n) =>
  fc.array(fc.array(fc.integer({ min: 0, max: n - 1 }), { maxLength: 4 }), {
    minLength: n,
    maxLength: n,
  }),
);

describe('Reachability', () => {
  it('answers as a search does, cycles and self-loops included', () => {
    fc.assert(
      fc.property(graph, (successors) => {
        const reach = new Reachability(successors);
        const nodes = successors.map((_, i) => i);
        for (const from of nodes) {
          const expected = search(successors, from);
          expect(reach.reachedBy(from)).toEqual(nodes.filter((n) => expected.has(n)));
          expect(nodes.filter((to) => reach.reaches(from, to))).toEqual(
            nodes.filter((n) => expected.has(n)),
          );
          const targets = [from, (from * 7 + 3) % successors.length];
          expect(reach.reachesAny(from, reach.bitSet(targets))).toBe(
            targets.some((t) => expected.has(t)),
          );
        }
      }),
      { numRuns: 100 },
    );
  });

  it('puts the nodes of a cycle in one component', () => {
    const reach = new Reachability([[1], [2], [0, 3], []]);
    expect(reach.componentOf(0)).toBe(reach.componentOf(2));
    expect(reach.componentOf(3)).not.toBe(reach.componentOf(0));
    expect(reach.reaches(3, 0)).toBe(false);
    expect(reach.reachedBy(1)).toEqual([0, 1, 2, 3]);
  });

  it('handles a long chain without deep recursion', () => {
    const n = 5000;
    const reach = new Reachability(Array.from({ length: n }, (_, i) => (i + 1 < n ? [i + 1] : [])));
    expect(reach.reaches(0, n - 1)).toBe(true);
    expect(reach.reaches(n - 1, 0)).toBe(false);
  });
});
