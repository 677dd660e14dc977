export {
  MAX_ALTERNATIVES,
  alternativesOf,
  countAlternatives,
  describeRequirement,
  leavesOf,
} from './alternatives.js';
export {
  canCount,
  eligibleFor,
  evaluateQuorum,
  type LeafProgress,
  type QuorumStatus,
  type ReviewerFacts,
} from './evaluateQuorum.js';
