import type { RecordedEvent } from '@gatehouse/event-store';
import { describeRequirement } from '../quorum/alternatives.js';
import { evaluateQuorum, type QuorumStatus } from '../quorum/evaluateQuorum.js';
import type { AnalysisSummary, RequestEvent, ReviewInfo } from '../request/events.js';
import type { ExistingRequest, RequestStatus } from '../request/evolve.js';
import { changeRequestArn, grantArn } from '../shared/arns.js';

/** A change request as the API shows it (plain data; dates as ISO strings). */
export interface ChangeRequestView {
  readonly requestId: string;
  readonly arn: string;
  readonly status: RequestStatus;
  readonly source: string;
  readonly requesterArn: string;
  readonly requesterPerson: string;
  readonly beneficiaryArn: string | null;
  readonly summary: string;
  readonly action: string;
  readonly resource: string;
  readonly justification: string;
  readonly ticket: string | null;
  readonly durationSeconds: number | null;
  readonly startAt: string | null;
  readonly submittedAt: string;
  readonly pendingUntil: string;
  readonly breakGlass: boolean;
  readonly postReview: 'NONE' | 'PENDING' | 'CONFIRMED' | 'REJECTED';
  readonly rule: {
    readonly name: string;
    readonly ruleSetVersion: number;
    /** `1 from group security AND 2 from group sre`; null when auto-approved. */
    readonly reviewers: string | null;
    readonly requireMfa: boolean;
  };
  readonly quorum: QuorumStatus | null;
  readonly analysis: AnalysisSummary;
  readonly approvals: readonly ReviewInfo[];
  readonly rejections: readonly ReviewInfo[];
  readonly grant: {
    readonly grantId: string;
    readonly arn: string;
    readonly startsAt: string;
    readonly activatedAt: string | null;
    readonly expiresAt: string | null;
    readonly endedAt: string | null;
    readonly endReason: 'EXPIRED' | 'REVOKED' | null;
  } | null;
  readonly failure: { readonly code: string; readonly reason: string } | null;
  readonly correlationId: string;
  /** The stream version this view reflects. */
  readonly version: number;
}

/** The view of a request's state. */
export function viewOf(state: ExistingRequest, version: number): ChangeRequestView {
  const { request } = state;
  const reviewers = request.rule.reviewers;
  return {
    requestId: request.requestId,
    arn: changeRequestArn(request.accountId, request.requestId),
    status: state.status,
    source: request.source,
    requesterArn: request.requester.principalArn,
    requesterPerson: request.requester.person,
    beneficiaryArn: request.beneficiaryArn,
    summary: request.summary,
    action: request.action,
    resource: request.resource,
    justification: request.justification,
    ticket: request.ticket,
    durationSeconds: request.durationSeconds,
    startAt: request.startAt,
    submittedAt: request.submittedAt,
    pendingUntil: request.pendingUntil,
    breakGlass: request.breakGlass,
    postReview: state.postReview,
    rule: {
      name: request.rule.name,
      ruleSetVersion: request.rule.ruleSetVersion,
      reviewers: reviewers === null ? null : describeRequirement(reviewers),
      requireMfa: request.rule.requireMfa,
    },
    quorum:
      reviewers === null
        ? null
        : evaluateQuorum(
            reviewers,
            state.approvals.map((r) => ({ person: r.person, groups: r.groups, owner: r.owner })),
          ),
    analysis: request.analysis,
    approvals: state.approvals,
    rejections: state.rejections,
    grant:
      state.grant === null
        ? null
        : {
            grantId: state.grant.grantId,
            arn: grantArn(request.accountId, state.grant.grantId),
            startsAt: state.grant.startsAt,
            activatedAt: state.grant.activatedAt,
            expiresAt: state.grant.expiresAt,
            endedAt: state.grant.endedAt,
            endReason: state.grant.endReason,
          },
    failure: state.failure,
    correlationId: request.correlationId,
    version,
  };
}

/** One entry of a request's history: an event as people read it. */
export interface HistoryEntry {
  readonly eventId: string;
  readonly type: RequestEvent['type'];
  readonly version: number;
  readonly at: string;
  /** Who caused it (a principal ARN, or the approvals service). */
  readonly actor: string;
  /** The event's data as recorded (reviews, analyses, grants, reasons). */
  readonly data: object;
}

/** A request's events as history entries, oldest first. */
export function historyOf(events: readonly RecordedEvent[]): HistoryEntry[] {
  return events.map((event) => ({
    eventId: event.eventId,
    type: event.type as RequestEvent['type'],
    version: event.streamVersion,
    at: event.occurredAt.toISOString(),
    actor: event.actor,
    data: event.data,
  }));
}
