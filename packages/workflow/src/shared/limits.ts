/** Bounds on every input of the workflow; exceeding one is `INVALID_INPUT` and changes nothing. */
export interface WorkflowLimits {
  /** Characters of a justification (1 up to this). */
  readonly justificationLength: number;
  /** Characters of a ticket reference. */
  readonly ticketLength: number;
  /** Characters of a review comment, rejection or revocation reason. */
  readonly commentLength: number;
  /** Shortest time-bound grant. */
  readonly minDurationSeconds: number;
  /** Longest time-bound grant whatever the rules say. */
  readonly maxDurationSeconds: number;
  /** How far ahead a start may be scheduled. */
  readonly maxScheduleAheadSeconds: number;
  /** Size of a rules file. */
  readonly rulesFileBytes: number;
  /** Entries of the least-privilege analysis kept in the request's event. */
  readonly newAccessInEvent: number;
}

/** The defaults. */
export const DEFAULT_WORKFLOW_LIMITS: WorkflowLimits = Object.freeze({
  justificationLength: 2000,
  ticketLength: 128,
  commentLength: 2000,
  minDurationSeconds: 60,
  maxDurationSeconds: 90 * 86_400,
  maxScheduleAheadSeconds: 90 * 86_400,
  rulesFileBytes: 64 * 1024,
  newAccessInEvent: 50,
});
