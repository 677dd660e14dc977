export type { AssignmentEvent, AssignmentHeld, AssignmentReleased } from './events.js';
export {
  INITIAL_ASSIGNMENT_STATE,
  decideHold,
  decideRelease,
  evolveAssignment,
  foldAssignment,
  type AssignmentState,
  type ReleaseDecision,
} from './provenance.js';
