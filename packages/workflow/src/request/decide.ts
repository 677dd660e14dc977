import { canCount, evaluateQuorum, type ReviewerFacts } from '../quorum/evaluateQuorum.js';
import { WorkflowError } from '../shared/workflowError.js';
import type {
  AccessRemoval,
  AnalysisSummary,
  AssignmentRef,
  ChangeRequestSubmitted,
  RequestEvent,
  ReviewInfo,
} from './events.js';
import type { ExistingRequest, RequestState } from './evolve.js';

/** The reviewer of an approve or reject command, as the service established it. */
export interface ReviewerContext {
  readonly review: ReviewInfo;
  /** The reviewer is allowed the action (`approvals:ApproveChangeRequest` / `RejectChangeRequest`) on the request. */
  readonly allowed: boolean;
  readonly now: Date;
}

function existing(state: RequestState, requestId: string): ExistingRequest {
  if (!state.exists) {
    throw new WorkflowError('NOT_FOUND', `change request \`${requestId}\` cannot be found`, {
      details: { requestId },
    });
  }
  return state;
}

function invalidState(state: ExistingRequest, operation: string): WorkflowError {
  return new WorkflowError(
    'INVALID_STATE',
    `cannot ${operation} change request \`${state.request.requestId}\`: it is ${state.status}`,
    { details: { requestId: state.request.requestId, status: state.status } },
  );
}

function factsOf(review: ReviewInfo): ReviewerFacts {
  return { person: review.person, groups: review.groups, owner: review.owner };
}

/** Whether a review is in the window of its kind: pending, or a break-glass request reviewed afterwards. */
function reviewable(state: ExistingRequest, now: Date, operation: string): 'pending' | 'post' {
  if (state.postReview === 'PENDING') return 'post';
  if (state.status !== 'PENDING') throw invalidState(state, operation);
  if (now.getTime() >= Date.parse(state.request.pendingUntil)) {
    throw new WorkflowError(
      'INVALID_STATE',
      `cannot ${operation} change request \`${state.request.requestId}\`: it timed out at ${state.request.pendingUntil}`,
      { details: { requestId: state.request.requestId, status: 'TIMED_OUT' } },
    );
  }
  return 'pending';
}

/** Separation of duties, permission, one review per person, MFA, eligibility. */
function checkReviewer(state: ExistingRequest, context: ReviewerContext, operation: string): void {
  const { request } = state;
  const { review } = context;
  if (
    review.person === request.requester.person ||
    review.reviewerArn === request.requester.principalArn
  ) {
    throw new WorkflowError(
      'SELF_REVIEW',
      `nobody reviews their own request: \`${review.person}\` submitted it`,
      {
        details: { requestId: request.requestId },
      },
    );
  }
  if (request.beneficiaryArn !== null && review.person === request.beneficiaryArn) {
    throw new WorkflowError(
      'SELF_REVIEW',
      `nobody reviews a request that gives them access: \`${review.person}\` would gain it`,
      { details: { requestId: request.requestId } },
    );
  }
  if (!context.allowed) {
    throw new WorkflowError(
      'NOT_AUTHORIZED',
      `\`${review.reviewerArn}\` is not authorized to ${operation} change request \`${request.requestId}\``,
      { details: { requestId: request.requestId } },
    );
  }
  if ([...state.approvals, ...state.rejections].some((r) => r.person === review.person)) {
    throw new WorkflowError(
      'ALREADY_REVIEWED',
      `\`${review.person}\` has reviewed this request already`,
      {
        details: { requestId: request.requestId },
      },
    );
  }
  const { rule } = request;
  if (
    rule.requireMfa &&
    (!review.mfa || (review.mfaAgeSeconds ?? Infinity) > rule.maxMfaAgeSeconds)
  ) {
    throw new WorkflowError(
      'MFA_REQUIRED',
      `rule \`${rule.name}\` requires reviewers to have signed in with MFA in the last ${rule.maxMfaAgeSeconds} seconds`,
      { details: { requestId: request.requestId, maxMfaAgeSeconds: rule.maxMfaAgeSeconds } },
    );
  }
  if (rule.reviewers === null || !canCount(rule.reviewers, factsOf(review))) {
    throw new WorkflowError(
      'NOT_ELIGIBLE_REVIEWER',
      `\`${review.person}\` counts toward none of the quorums rule \`${rule.name}\` requires`,
      { details: { requestId: request.requestId } },
    );
  }
}

/** Submits a request; an auto-approving rule approves it at once, break-glass grants it at once. */
export function decideSubmit(
  state: RequestState,
  data: ChangeRequestSubmitted['data'],
): RequestEvent[] {
  if (state.exists) {
    throw new WorkflowError('INVALID_STATE', `change request \`${data.requestId}\` exists already`);
  }
  const events: RequestEvent[] = [{ type: 'ChangeRequestSubmitted', data }];
  if (data.breakGlass) {
    events.push({
      type: 'BreakGlassGranted',
      data: {
        requestId: data.requestId,
        ruleName: data.rule.name,
        maxDurationSeconds: data.rule.breakGlassMaxDurationSeconds ?? 0,
        grantedAt: data.submittedAt,
      },
    });
  } else if (data.rule.autoApprove) {
    events.push({
      type: 'ChangeRequestAutoApproved',
      data: { requestId: data.requestId, ruleName: data.rule.name, approvedAt: data.submittedAt },
    });
  }
  return events;
}

/**
 * Records an approval. Refused (typed) for the requester or beneficiary, a
 * reviewer without the permission, a second review by the same person, a
 * reviewer without the MFA the rule requires, or one who fills no quorum.
 */
export function decideApprove(
  state: RequestState,
  requestId: string,
  context: ReviewerContext,
  comment: string | null,
): RequestEvent[] {
  const current = existing(state, requestId);
  reviewable(current, context.now, 'approve');
  checkReviewer(current, context, 'approve');
  const reviewers = current.request.rule.reviewers;
  const quorumMet =
    reviewers !== null &&
    evaluateQuorum(reviewers, [...current.approvals, context.review].map(factsOf)).satisfied;
  return [
    {
      type: 'ChangeRequestApproved',
      data: {
        requestId,
        review: context.review,
        comment,
        quorumMet,
        reviewedAt: context.now.toISOString(),
      },
    },
  ];
}

/**
 * Records a rejection: one eligible reviewer's rejection ends a pending request.
 * For break-glass, a rejection afterwards revokes the grant if it is active.
 */
export function decideReject(
  state: RequestState,
  requestId: string,
  context: ReviewerContext,
  reason: string,
): RequestEvent[] {
  const current = existing(state, requestId);
  const window = reviewable(current, context.now, 'reject');
  checkReviewer(current, context, 'reject');
  const at = context.now.toISOString();
  const events: RequestEvent[] = [
    {
      type: 'ChangeRequestRejected',
      data: { requestId, review: context.review, reason, reviewedAt: at },
    },
  ];
  if (window === 'post' && current.status === 'ACTIVE') {
    events.push({
      type: 'GrantRevoked',
      data: {
        requestId,
        grantId: current.grant?.grantId ?? null,
        revokedBy: context.review.reviewerArn,
        reason: `break-glass rejected in review: ${reason}`,
        revokedAt: at,
      },
    });
  }
  return events;
}

/** Cancels a request that has not taken effect; the requester may, or whoever is allowed `approvals:CancelChangeRequest`. */
export function decideCancel(
  state: RequestState,
  requestId: string,
  by: { readonly principalArn: string; readonly person: string; readonly allowed: boolean },
  reason: string | null,
  now: Date,
): RequestEvent[] {
  const current = existing(state, requestId);
  if (!['PENDING', 'APPROVED', 'SCHEDULED'].includes(current.status)) {
    throw invalidState(current, 'cancel');
  }
  if (by.person !== current.request.requester.person && !by.allowed) {
    throw new WorkflowError(
      'NOT_AUTHORIZED',
      `\`${by.principalArn}\` is not authorized to cancel change request \`${requestId}\``,
      { details: { requestId } },
    );
  }
  return [
    {
      type: 'ChangeRequestCancelled',
      data: { requestId, cancelledBy: by.principalArn, reason, cancelledAt: now.toISOString() },
    },
  ];
}

/** Times out a pending request whose deadline passed (the pending clock). */
export function decideTimeOut(state: RequestState, requestId: string, now: Date): RequestEvent[] {
  const current = existing(state, requestId);
  if (current.status !== 'PENDING' || current.postReview !== 'NONE') return [];
  if (now.getTime() < Date.parse(current.request.pendingUntil)) return [];
  return [
    {
      type: 'ChangeRequestTimedOut',
      data: {
        requestId,
        pendingUntil: current.request.pendingUntil,
        timedOutAt: now.toISOString(),
      },
    },
  ];
}

/**
 * Schedules an approved request: time-bound ones get their grant's identity;
 * the start is the requested one, or now when that has passed (the start clock).
 */
export function decideSchedule(
  state: RequestState,
  requestId: string,
  grantId: string,
  now: Date,
): RequestEvent[] {
  const current = existing(state, requestId);
  if (current.status !== 'APPROVED') return [];
  const { request } = current;
  const requested = request.startAt === null ? 0 : Date.parse(request.startAt);
  const startsAt = new Date(Math.max(requested, now.getTime())).toISOString();
  return [
    {
      type: 'ChangeRequestScheduled',
      data: {
        requestId,
        grantId: request.durationSeconds === null ? null : grantId,
        startsAt,
        durationSeconds: request.durationSeconds,
      },
    },
  ];
}

/** True when an approved or scheduled request is due to take effect. */
export function isDue(state: ExistingRequest, now: Date): boolean {
  if (state.status === 'APPROVED')
    return state.request.startAt === null || now.getTime() >= Date.parse(state.request.startAt);
  if (state.status === 'SCHEDULED')
    return now.getTime() >= Date.parse(state.startsAt ?? state.request.submittedAt);
  return false;
}

/** Activates a scheduled grant: recorded in the same transaction as the IAM change. */
export function decideActivate(
  state: RequestState,
  requestId: string,
  input: {
    readonly now: Date;
    readonly assignments: readonly AssignmentRef[];
    readonly analysis: AnalysisSummary;
  },
): RequestEvent[] {
  const current = existing(state, requestId);
  if (current.status !== 'SCHEDULED' || current.grant === null)
    throw invalidState(current, 'activate');
  const activatedAt = input.now.toISOString();
  const expiresAt = new Date(
    input.now.getTime() + current.grant.durationSeconds * 1000,
  ).toISOString();
  return [
    {
      type: 'GrantActivated',
      data: {
        requestId,
        grantId: current.grant.grantId,
        beneficiaryArn: current.request.beneficiaryArn,
        activatedAt,
        expiresAt,
        assignments: input.assignments,
        analysis: input.analysis,
      },
    },
  ];
}

/** Records a permanent change as applied (in the same transaction as the IAM change). */
export function decideApplied(
  state: RequestState,
  requestId: string,
  now: Date,
  analysis: AnalysisSummary,
): RequestEvent[] {
  const current = existing(state, requestId);
  if ((current.status !== 'APPROVED' && current.status !== 'SCHEDULED') || current.grant !== null) {
    throw invalidState(current, 'apply');
  }
  return [
    { type: 'ChangeRequestApplied', data: { requestId, appliedAt: now.toISOString(), analysis } },
  ];
}

/** Records why applying failed (FAILED, with the reason). */
export function decideApplyFailed(
  state: RequestState,
  requestId: string,
  failure: {
    readonly code: string;
    readonly reason: string;
    readonly analysis: AnalysisSummary | null;
  },
  now: Date,
): RequestEvent[] {
  const current = existing(state, requestId);
  if (current.status !== 'APPROVED' && current.status !== 'SCHEDULED') return [];
  return [
    {
      type: 'ChangeRequestApplyFailed',
      data: {
        requestId,
        ...failure,
        reason: failure.reason.slice(0, 2000),
        failedAt: now.toISOString(),
      },
    },
  ];
}

/** Records a grant's expiry once its access is removed (the grant clock). */
export function decideExpire(
  state: RequestState,
  requestId: string,
  removal: AccessRemoval,
  now: Date,
): RequestEvent[] {
  const current = existing(state, requestId);
  if (current.status !== 'ACTIVE' || current.grant === null) return [];
  return [
    {
      type: 'GrantExpired',
      data: { requestId, grantId: current.grant.grantId, expiredAt: now.toISOString(), ...removal },
    },
  ];
}

/** True when an active grant's time is up. */
export function isExpired(state: ExistingRequest, now: Date): boolean {
  return (
    state.status === 'ACTIVE' &&
    state.grant?.expiresAt !== null &&
    state.grant?.expiresAt !== undefined &&
    now.getTime() >= Date.parse(state.grant.expiresAt)
  );
}

/**
 * Revokes a grant (active, or scheduled and not yet active): effective at once
 * in the workflow; the approvals service removes the access and ends the
 * grant's sessions right after. Allowed to whoever holds `approvals:RevokeGrant`
 * on the grant, and to the beneficiary giving up their own access.
 */
export function decideRevoke(
  state: RequestState,
  requestId: string,
  by: { readonly principalArn: string; readonly person: string; readonly allowed: boolean },
  reason: string,
  now: Date,
): RequestEvent[] {
  const current = existing(state, requestId);
  if ((current.status !== 'ACTIVE' && current.status !== 'SCHEDULED') || current.grant === null) {
    throw invalidState(current, 'revoke the grant of');
  }
  const own =
    current.request.beneficiaryArn !== null && by.person === current.request.beneficiaryArn;
  if (!by.allowed && !own) {
    throw new WorkflowError(
      'NOT_AUTHORIZED',
      `\`${by.principalArn}\` is not authorized to revoke the grant of change request \`${requestId}\``,
      { details: { requestId } },
    );
  }
  return [
    {
      type: 'GrantRevoked',
      data: {
        requestId,
        grantId: current.grant.grantId,
        revokedBy: by.principalArn,
        reason,
        revokedAt: now.toISOString(),
      },
    },
  ];
}

/** Records that a revoked grant's access is gone. */
export function decideAccessRemoved(
  state: RequestState,
  requestId: string,
  removal: AccessRemoval,
  now: Date,
): RequestEvent[] {
  const current = existing(state, requestId);
  if (current.status !== 'REVOKED' || current.accessRemoved || current.grant === null) return [];
  return [
    {
      type: 'GrantAccessRemoved',
      data: { requestId, grantId: current.grant.grantId, removedAt: now.toISOString(), ...removal },
    },
  ];
}
