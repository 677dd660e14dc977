import type { QuorumLeaf, ReviewerRequirement } from '../rules/types.js';

/** Most alternatives a requirement may expand to (the rules validator refuses more). */
export const MAX_ALTERNATIVES = 256;

/** How many alternatives (terms of the disjunctive normal form) a requirement has. */
export function countAlternatives(requirement: ReviewerRequirement): number {
  switch (requirement.kind) {
    case 'group':
    case 'anyone':
    case 'owner':
      return 1;
    case 'all_of':
      return requirement.of.reduce((product, child) => product * countAlternatives(child), 1);
    case 'any_of':
      return requirement.of.reduce((sum, child) => sum + countAlternatives(child), 0);
  }
}

/**
 * The requirement in disjunctive normal form: it is satisfied when the leaves
 * of any one alternative are all filled, each place by a different person.
 * `all_of` of `any_of`s multiplies out; bounded by {@link MAX_ALTERNATIVES}.
 */
export function alternativesOf(requirement: ReviewerRequirement): QuorumLeaf[][] {
  switch (requirement.kind) {
    case 'group':
    case 'anyone':
    case 'owner':
      return [[requirement]];
    case 'any_of':
      return requirement.of.flatMap((child) => alternativesOf(child)).slice(0, MAX_ALTERNATIVES);
    case 'all_of': {
      let terms: QuorumLeaf[][] = [[]];
      for (const child of requirement.of) {
        const childTerms = alternativesOf(child);
        const next: QuorumLeaf[][] = [];
        for (const term of terms) {
          for (const childTerm of childTerms) {
            if (next.length >= MAX_ALTERNATIVES) break;
            next.push([...term, ...childTerm]);
          }
        }
        terms = next;
      }
      return terms;
    }
  }
}

/** Every leaf of a requirement, in document order. */
export function leavesOf(requirement: ReviewerRequirement): QuorumLeaf[] {
  switch (requirement.kind) {
    case 'group':
    case 'anyone':
    case 'owner':
      return [requirement];
    case 'all_of':
    case 'any_of':
      return requirement.of.flatMap((child) => leavesOf(child));
  }
}

/** A short human description: `1 from group security AND (2 from group sre OR 1 owner)`. */
export function describeRequirement(requirement: ReviewerRequirement): string {
  switch (requirement.kind) {
    case 'group':
      return `${requirement.count} from group ${requirement.group}`;
    case 'anyone':
      return `${requirement.count} reviewer${requirement.count === 1 ? '' : 's'}`;
    case 'owner':
      return `${requirement.count} owner${requirement.count === 1 ? '' : 's'}`;
    case 'all_of':
    case 'any_of': {
      const joiner = requirement.kind === 'all_of' ? ' AND ' : ' OR ';
      return requirement.of
        .map((child) =>
          child.kind === 'all_of' || child.kind === 'any_of'
            ? `(${describeRequirement(child)})`
            : describeRequirement(child),
        )
        .join(joiner);
    }
  }
}
