import type { QuorumLeaf, ReviewerRequirement } from '../rules/types.js';
import { alternativesOf, leavesOf } from './alternatives.js';

/** What counts about one approval: who (the person), their groups then, and whether they own the resource. */
export interface ReviewerFacts {
  /** The person: the long-term identity behind the credentials (a user ARN). */
  readonly person: string;
  /** Group names the person belonged to when reviewing. */
  readonly groups: readonly string[];
  /** The person owns the requested resource. */
  readonly owner: boolean;
}

/** One leaf's progress in the alternative closest to completion. */
export interface LeafProgress {
  readonly leaf: QuorumLeaf;
  /** The people filling its places (at most `leaf.count`). */
  readonly filledBy: readonly string[];
}

/** Whether a requirement is met by a set of approvals, and how far along it is. */
export interface QuorumStatus {
  readonly satisfied: boolean;
  /** The alternative closest to completion (the satisfied one when satisfied). */
  readonly progress: readonly LeafProgress[];
  /** Places still to fill in that alternative. */
  readonly missing: number;
}

/** True when the person may fill a place of the leaf. */
export function eligibleFor(leaf: QuorumLeaf, facts: ReviewerFacts): boolean {
  switch (leaf.kind) {
    case 'group':
      return facts.groups.includes(leaf.group);
    case 'anyone':
      return true;
    case 'owner':
      return facts.owner;
  }
}

/** True when the person could fill a place of some leaf of the requirement. */
export function canCount(requirement: ReviewerRequirement, facts: ReviewerFacts): boolean {
  return leavesOf(requirement).some((leaf) => eligibleFor(leaf, facts));
}

/** One entry per person: reviews by the same person merge (they count once). */
function people(approvals: readonly ReviewerFacts[]): ReviewerFacts[] {
  const byPerson = new Map<string, ReviewerFacts>();
  for (const facts of approvals) {
    const seen = byPerson.get(facts.person);
    byPerson.set(
      facts.person,
      seen === undefined
        ? facts
        : {
            person: facts.person,
            groups: [...new Set([...seen.groups, ...facts.groups])],
            owner: seen.owner || facts.owner,
          },
    );
  }
  return [...byPerson.values()].sort((a, b) => (a.person < b.person ? -1 : 1));
}

/**
 * Fills an alternative's places with people, each person at most once
 * (maximum bipartite matching, Kuhn's augmenting paths). Returns, per place,
 * the index of the person filling it or -1.
 */
function fill(term: readonly QuorumLeaf[], persons: readonly ReviewerFacts[]): number[] {
  const slots: QuorumLeaf[] = term.flatMap((leaf) =>
    Array.from({ length: leaf.count }, () => leaf),
  );
  const slotOfPerson = new Array<number>(persons.length).fill(-1);
  const personOfSlot = new Array<number>(slots.length).fill(-1);
  const tryAssign = (slot: number, visited: boolean[]): boolean => {
    const leaf = slots[slot];
    if (leaf === undefined) return false;
    for (let p = 0; p < persons.length; p += 1) {
      const person = persons[p];
      if (person === undefined || visited[p] === true || !eligibleFor(leaf, person)) continue;
      visited[p] = true;
      const holder = slotOfPerson[p] ?? -1;
      if (holder === -1 || tryAssign(holder, visited)) {
        slotOfPerson[p] = slot;
        personOfSlot[slot] = p;
        return true;
      }
    }
    return false;
  };
  for (let slot = 0; slot < slots.length; slot += 1) {
    tryAssign(slot, new Array<boolean>(persons.length).fill(false));
  }
  return personOfSlot;
}

/**
 * Evaluates a reviewer requirement against approvals. Satisfied when some
 * alternative of its normal form can have all its places filled by different
 * people: `all_of` of "1 from A" and "1 from B" needs two people even if one
 * is in both groups, and a person approving twice counts once. Adding an
 * approval never turns a satisfied requirement unsatisfied (a matching only grows).
 */
export function evaluateQuorum(
  requirement: ReviewerRequirement,
  approvals: readonly ReviewerFacts[],
): QuorumStatus {
  const persons = people(approvals);
  let best: QuorumStatus | undefined;
  for (const term of alternativesOf(requirement)) {
    const assignment = fill(term, persons);
    const missing = assignment.filter((p) => p === -1).length;
    let offset = 0;
    const progress = term.map((leaf): LeafProgress => {
      const filledBy = assignment
        .slice(offset, offset + leaf.count)
        .flatMap((p) => (p === -1 ? [] : [persons[p]?.person ?? '']));
      offset += leaf.count;
      return { leaf, filledBy };
    });
    const status: QuorumStatus = { satisfied: missing === 0, progress, missing };
    if (status.satisfied) return status;
    if (best === undefined || missing < best.missing) best = status;
  }
  return best ?? { satisfied: false, progress: [], missing: 0 };
}
