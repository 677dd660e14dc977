import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import type { QuorumLeaf, ReviewerRequirement } from '../rules/types.js';
import { alternativesOf, describeRequirement } from './alternatives.js';
import { canCount, eligibleFor, evaluateQuorum, type ReviewerFacts } from './evaluateQuorum.js';

const group = (name: string, count = 1): ReviewerRequirement => ({
  kind: 'group',
  group: name,
  count,
});
const allOf = (...of: ReviewerRequirement[]): ReviewerRequirement => ({ kind: 'all_of', of });
const anyOf = (...of: ReviewerRequirement[]): ReviewerRequirement => ({ kind: 'any_of', of });
const person = (name: string, groups: string[], owner = false): ReviewerFacts => ({
  person: `arn:gatehouse:iam::123456789012:user/${name}`,
  groups,
  owner,
});

describe('evaluateQuorum', () => {
  const securityAndSre = allOf(group('security'), group('sre'));

  it('AND across groups needs one person from each, different people', () => {
    expect(evaluateQuorum(securityAndSre, [person('alice', ['security'])]).satisfied).toBe(false);
    expect(
      evaluateQuorum(securityAndSre, [person('alice', ['security']), person('bob', ['sre'])])
        .satisfied,
    ).toBe(true);
  });

  it('counts a person in both groups once', () => {
    const both = person('alice', ['security', 'sre']);
    expect(evaluateQuorum(securityAndSre, [both]).satisfied).toBe(false);
    expect(evaluateQuorum(securityAndSre, [both, both]).satisfied).toBe(false);
    // With a second person from either group the places can be filled.
    expect(evaluateQuorum(securityAndSre, [both, person('bob', ['security'])]).satisfied).toBe(
      true,
    );
  });

  it('N of M: two from sre need two different people', () => {
    const twoSre = group('sre', 2);
    const carol = person('carol', ['sre']);
    expect(evaluateQuorum(twoSre, [carol]).satisfied).toBe(false);
    expect(evaluateQuorum(twoSre, [carol, carol]).satisfied).toBe(false);
    expect(evaluateQuorum(twoSre, [carol, person('dan', ['sre'])]).satisfied).toBe(true);
    expect(evaluateQuorum(twoSre, [carol, person('erin', ['security'])]).satisfied).toBe(false);
  });

  it('finds the assignment that works (augmenting paths)', () => {
    // alice could fill either; bob only security: alice must take sre.
    const req = allOf(group('security'), group('sre'));
    const status = evaluateQuorum(req, [
      person('alice', ['security', 'sre']),
      person('bob', ['security']),
    ]);
    expect(status.satisfied).toBe(true);
    expect(status.progress.map((p) => p.filledBy.map((arn) => arn.split('/')[1]))).toEqual([
      ['bob'],
      ['alice'],
    ]);
  });

  it('any_of: one alternative is enough; progress shows the closest one', () => {
    const req = anyOf(group('leads', 2), { kind: 'owner', count: 1 });
    expect(evaluateQuorum(req, [person('olga', [], true)]).satisfied).toBe(true);
    const partial = evaluateQuorum(req, [person('lee', ['leads'])]);
    expect(partial.satisfied).toBe(false);
    expect(partial.missing).toBe(1);
    expect(describeRequirement(req)).toBe('2 from group leads OR 1 owner');
  });

  it('anyone counts any reviewer; owner only owners', () => {
    const anyone: QuorumLeaf = { kind: 'anyone', count: 2 };
    expect(eligibleFor(anyone, person('x', []))).toBe(true);
    expect(eligibleFor({ kind: 'owner', count: 1 }, person('x', []))).toBe(false);
    expect(canCount(securityAndSre, person('x', ['other']))).toBe(false);
    expect(
      evaluateQuorum(allOf(group('security'), anyone), [
        person('a', ['security']),
        person('b', []),
        person('c', []),
      ]).satisfied,
    ).toBe(true);
  });

  it('multiplies out all_of of any_of', () => {
    const req = allOf(anyOf(group('a'), group('b')), anyOf(group('c'), group('d')));
    expect(alternativesOf(req)).toHaveLength(4);
  });
});

// ---------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------

const GROUPS = ['a', 'b', 'c'];
const leaf: fc.Arbitrary<ReviewerRequirement> = fc.oneof(
  fc.record({
    kind: fc.constant('group' as const),
    group: fc.constantFrom(...GROUPS),
    count: fc.integer({ min: 1, max: 3 }),
  }),
  fc.record({ kind: fc.constant('anyone' as const), count: fc.integer({ min: 1, max: 3 }) }),
  fc.record({ kind: fc.constant('owner' as const), count: fc.integer({ min: 1, max: 2 }) }),
);
const requirement: fc.Arbitrary<ReviewerRequirement> = fc.letrec<{ node: ReviewerRequirement }>(
  (tie) => ({
    node: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      leaf,
      fc.record({
        kind: fc.constantFrom('all_of' as const, 'any_of' as const),
        of: fc.array(tie('node'), { minLength: 1, maxLength: 3 }),
      }),
    ),
  }),
).node;
const approval: fc.Arbitrary<ReviewerFacts> = fc.record({
  person: fc.constantFrom('p0', 'p1', 'p2', 'p3', 'p4', 'p5'),
  groups: fc.subarray(GROUPS),
  owner: fc.boolean(),
});

/** Brute force: some alternative whose places can be given to distinct people (tries every injection). */
function bruteForce(req: ReviewerRequirement, approvals: readonly ReviewerFacts[]): boolean {
  const people = new Map<string, ReviewerFacts>();
  for (const a of approvals) {
    const seen = people.get(a.person);
    people.set(
      a.person,
      seen === undefined
        ? a
        : {
            person: a.person,
            groups: [...new Set([...seen.groups, ...a.groups])],
            owner: seen.owner || a.owner,
          },
    );
  }
  const persons = [...people.values()];
  return alternativesOf(req).some((term) => {
    const slots = term.flatMap((l) => Array.from({ length: l.count }, () => l));
    const used = new Set<number>();
    const place = (i: number): boolean => {
      const slot = slots[i];
      if (slot === undefined) return true;
      for (let p = 0; p < persons.length; p += 1) {
        if (used.has(p) || !eligibleFor(slot, persons[p]!)) continue;
        used.add(p);
        if (place(i + 1)) return true;
        used.delete(p);
      }
      return false;
    };
    return place(0);
  });
}

describe('evaluateQuorum properties', () => {
  it('agrees with a brute-force search', () => {
    fc.assert(
      fc.property(requirement, fc.array(approval, { maxLength: 6 }), (req, approvals) => {
        expect(evaluateQuorum(req, approvals).satisfied).toBe(bruteForce(req, approvals));
      }),
      { numRuns: 300 },
    );
  });

  it('adding an approval never makes a satisfied requirement unsatisfied', () => {
    fc.assert(
      fc.property(
        requirement,
        fc.array(approval, { maxLength: 6 }),
        approval,
        (req, approvals, extra) => {
          if (evaluateQuorum(req, approvals).satisfied) {
            expect(evaluateQuorum(req, [...approvals, extra]).satisfied).toBe(true);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('one person counts once: repeating a person’s approvals changes nothing', () => {
    fc.assert(
      fc.property(
        requirement,
        fc.array(approval, { minLength: 1, maxLength: 6 }),
        fc.nat(),
        (req, approvals, pick) => {
          const repeated = approvals[pick % approvals.length]!;
          const again = { ...repeated, groups: repeated.groups.slice(0, 1), owner: false };
          expect(evaluateQuorum(req, [...approvals, again, again]).satisfied).toBe(
            evaluateQuorum(req, approvals).satisfied,
          );
        },
      ),
      { numRuns: 300 },
    );
  });

  it('one person alone fills at most one place', () => {
    fc.assert(
      fc.property(requirement, approval, (req, only) => {
        const minimumPlaces = Math.min(
          ...alternativesOf(req).map((term) => term.reduce((n, l) => n + l.count, 0)),
        );
        if (minimumPlaces >= 2) expect(evaluateQuorum(req, [only, only]).satisfied).toBe(false);
      }),
      { numRuns: 300 },
    );
  });
});
