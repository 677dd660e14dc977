import type { AssignmentEvent } from './events.js';

/**
 * Who holds one IAM assignment (a membership, an attachment, an inline policy):
 * the active grants that gave it, and whether it is also permanent (it existed
 * before any grant held it). A grant's end removes the assignment from IAM only
 * when no other grant holds it and it is not permanent.
 */
export interface AssignmentState {
  readonly holders: readonly string[];
  readonly permanent: boolean;
}

/** No holder, not permanent. */
export const INITIAL_ASSIGNMENT_STATE: AssignmentState = { holders: [], permanent: false };

/** Folds one event. */
export function evolveAssignment(state: AssignmentState, event: AssignmentEvent): AssignmentState {
  switch (event.type) {
    case 'AssignmentHeld':
      return {
        holders: state.holders.includes(event.data.grantId)
          ? state.holders
          : [...state.holders, event.data.grantId],
        // Present before any grant held it: someone assigned it outside the workflow.
        permanent: state.holders.length === 0 ? event.data.preexisting : state.permanent,
      };
    case 'AssignmentReleased':
      return {
        holders: state.holders.filter((id) => id !== event.data.grantId),
        permanent: event.data.removed ? false : state.permanent,
      };
  }
}

/** Folds a stream. */
export function foldAssignment(events: readonly AssignmentEvent[]): AssignmentState {
  return events.reduce(evolveAssignment, INITIAL_ASSIGNMENT_STATE);
}

/** A grant takes hold of the assignment (idempotent: a holder holding again changes nothing). */
export function decideHold(
  state: AssignmentState,
  input: {
    readonly key: string;
    readonly grantId: string;
    readonly requestId: string;
    readonly preexisting: boolean;
    readonly now: Date;
  },
): AssignmentEvent[] {
  if (state.holders.includes(input.grantId)) return [];
  return [
    {
      type: 'AssignmentHeld',
      data: {
        key: input.key,
        grantId: input.grantId,
        requestId: input.requestId,
        preexisting: input.preexisting,
        heldAt: input.now.toISOString(),
      },
    },
  ];
}

/** What releasing a grant's hold means: whether IAM must lose the assignment. */
export interface ReleaseDecision {
  readonly events: AssignmentEvent[];
  /** True: remove the assignment from IAM in the same transaction as `events`. */
  readonly remove: boolean;
  readonly retainedBy: readonly string[];
  readonly permanent: boolean;
  /** The grant did not hold it (released already): nothing to do. */
  readonly alreadyReleased: boolean;
}

/**
 * A grant lets go: the assignment leaves IAM only if no other grant holds it
 * and it is not permanent; otherwise it stays, and the event says why.
 */
export function decideRelease(
  state: AssignmentState,
  input: {
    readonly key: string;
    readonly grantId: string;
    readonly requestId: string;
    readonly now: Date;
  },
): ReleaseDecision {
  if (!state.holders.includes(input.grantId)) {
    return {
      events: [],
      remove: false,
      retainedBy: [],
      permanent: state.permanent,
      alreadyReleased: true,
    };
  }
  const retainedBy = state.holders.filter((id) => id !== input.grantId);
  const remove = retainedBy.length === 0 && !state.permanent;
  return {
    events: [
      {
        type: 'AssignmentReleased',
        data: {
          key: input.key,
          grantId: input.grantId,
          requestId: input.requestId,
          removed: remove,
          retainedBy,
          permanent: state.permanent,
          releasedAt: input.now.toISOString(),
        },
      },
    ],
    remove,
    retainedBy,
    permanent: state.permanent,
    alreadyReleased: false,
  };
}
