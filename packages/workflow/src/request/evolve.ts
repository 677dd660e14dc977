import type {
  AccessRemoval,
  AssignmentRef,
  ChangeRequestSubmitted,
  RequestEvent,
  ReviewInfo,
} from './events.js';

/** The lifecycle of a change request (see README, "Lifecycle"). */
export type RequestStatus =
  | 'PENDING'
  | 'APPROVED'
  | 'SCHEDULED'
  | 'ACTIVE'
  | 'APPLIED'
  | 'EXPIRED'
  | 'REVOKED'
  | 'REJECTED'
  | 'CANCELLED'
  | 'TIMED_OUT'
  | 'FAILED';

/** Statuses after which nothing more happens to the request (a break-glass review aside). */
export const FINAL_STATUSES: readonly RequestStatus[] = [
  'APPLIED',
  'EXPIRED',
  'REJECTED',
  'CANCELLED',
  'TIMED_OUT',
  'FAILED',
];

/** The grant of a time-bound request. */
export interface GrantState {
  readonly grantId: string;
  readonly startsAt: string;
  readonly durationSeconds: number;
  readonly activatedAt: string | null;
  readonly expiresAt: string | null;
  readonly assignments: readonly AssignmentRef[];
  readonly endedAt: string | null;
  readonly endReason: 'EXPIRED' | 'REVOKED' | null;
  readonly removal: AccessRemoval | null;
}

/** The review after the fact of a break-glass request. */
export type PostReview = 'NONE' | 'PENDING' | 'CONFIRMED' | 'REJECTED';

/** A change request as its stream tells it. */
export type RequestState =
  | { readonly exists: false }
  | {
      readonly exists: true;
      readonly status: RequestStatus;
      readonly request: ChangeRequestSubmitted['data'];
      readonly approvals: readonly ReviewInfo[];
      readonly rejections: readonly ReviewInfo[];
      readonly approvedAt: string | null;
      /** When a permanent change with a start time is due. */
      readonly startsAt: string | null;
      readonly grant: GrantState | null;
      /** After a revocation: the grant's access has been taken away (or there was none). */
      readonly accessRemoved: boolean;
      readonly postReview: PostReview;
      readonly failure: { readonly code: string; readonly reason: string } | null;
      readonly endedAt: string | null;
    };

/** A request that exists. */
export type ExistingRequest = Extract<RequestState, { exists: true }>;

/** The state of a stream with no events. */
export const INITIAL_REQUEST_STATE: RequestState = { exists: false };

/** Folds one event into the state (pure; the same function serves commands, projections and tests). */
export function evolveRequest(state: RequestState, event: RequestEvent): RequestState {
  if (event.type === 'ChangeRequestSubmitted') {
    return {
      exists: true,
      status: 'PENDING',
      request: event.data,
      approvals: [],
      rejections: [],
      approvedAt: null,
      startsAt: null,
      grant: null,
      accessRemoved: false,
      postReview: event.data.breakGlass ? 'PENDING' : 'NONE',
      failure: null,
      endedAt: null,
    };
  }
  if (!state.exists) return state;
  switch (event.type) {
    case 'ChangeRequestAutoApproved':
      return { ...state, status: 'APPROVED', approvedAt: event.data.approvedAt };
    case 'BreakGlassGranted':
      return { ...state, status: 'APPROVED', approvedAt: event.data.grantedAt };
    case 'ChangeRequestApproved': {
      const approvals = [...state.approvals, event.data.review];
      if (state.postReview === 'PENDING') {
        return {
          ...state,
          approvals,
          postReview: event.data.quorumMet ? 'CONFIRMED' : 'PENDING',
        };
      }
      return event.data.quorumMet
        ? { ...state, approvals, status: 'APPROVED', approvedAt: event.data.reviewedAt }
        : { ...state, approvals };
    }
    case 'ChangeRequestRejected': {
      const rejections = [...state.rejections, event.data.review];
      if (state.postReview === 'PENDING') {
        const notStarted = state.status === 'APPROVED' || state.status === 'SCHEDULED';
        return {
          ...state,
          rejections,
          postReview: 'REJECTED',
          ...(notStarted ? { status: 'REJECTED' as const, endedAt: event.data.reviewedAt } : {}),
        };
      }
      return { ...state, rejections, status: 'REJECTED', endedAt: event.data.reviewedAt };
    }
    case 'ChangeRequestCancelled':
      return { ...state, status: 'CANCELLED', endedAt: event.data.cancelledAt };
    case 'ChangeRequestTimedOut':
      return { ...state, status: 'TIMED_OUT', endedAt: event.data.timedOutAt };
    case 'ChangeRequestScheduled':
      return {
        ...state,
        status: 'SCHEDULED',
        startsAt: event.data.startsAt,
        grant:
          event.data.grantId === null
            ? null
            : {
                grantId: event.data.grantId,
                startsAt: event.data.startsAt,
                durationSeconds: event.data.durationSeconds ?? 0,
                activatedAt: null,
                expiresAt: null,
                assignments: [],
                endedAt: null,
                endReason: null,
                removal: null,
              },
      };
    case 'GrantActivated':
      return {
        ...state,
        status: 'ACTIVE',
        grant:
          state.grant === null
            ? null
            : {
                ...state.grant,
                activatedAt: event.data.activatedAt,
                expiresAt: event.data.expiresAt,
                assignments: event.data.assignments,
              },
      };
    case 'ChangeRequestApplied':
      return { ...state, status: 'APPLIED', endedAt: event.data.appliedAt };
    case 'ChangeRequestApplyFailed':
      return {
        ...state,
        status: 'FAILED',
        failure: { code: event.data.code, reason: event.data.reason },
        endedAt: event.data.failedAt,
      };
    case 'GrantExpired':
      return {
        ...state,
        status: 'EXPIRED',
        accessRemoved: true,
        endedAt: event.data.expiredAt,
        grant:
          state.grant === null
            ? null
            : {
                ...state.grant,
                endedAt: event.data.expiredAt,
                endReason: 'EXPIRED',
                removal: removalOf(event.data),
              },
      };
    case 'GrantRevoked': {
      const wasActive = state.status === 'ACTIVE';
      return {
        ...state,
        status: 'REVOKED',
        // Nothing was applied yet: there is nothing to take away.
        accessRemoved: !wasActive,
        endedAt: event.data.revokedAt,
        grant:
          state.grant === null
            ? null
            : { ...state.grant, endedAt: event.data.revokedAt, endReason: 'REVOKED' },
      };
    }
    case 'GrantAccessRemoved':
      return {
        ...state,
        accessRemoved: true,
        grant: state.grant === null ? null : { ...state.grant, removal: removalOf(event.data) },
      };
  }
}

function removalOf(data: AccessRemoval): AccessRemoval {
  return { removed: data.removed, retained: data.retained, sessionsRevoked: data.sessionsRevoked };
}

/** Folds a stream's events. */
export function foldRequest(events: readonly RequestEvent[]): RequestState {
  return events.reduce(evolveRequest, INITIAL_REQUEST_STATE);
}
