import type { Queryable, RecordedEvent } from '@gatehouse/event-store';
import {
  changeRequestArn,
  foldRequest,
  requestIdOfStream,
  requestStream,
  type RequestEvent,
} from '@gatehouse/workflow';
import { readStreams } from '../history/eventLog.js';

/** A reviewer's decision on a change request. */
export interface ReviewerRecord {
  readonly reviewerArn: string;
  /** The person behind the reviewer's session. */
  readonly person: string;
  readonly decision: 'APPROVED' | 'REJECTED';
  readonly mfa: boolean;
  readonly groups: readonly string[];
}

/** The change request through which something was approved. */
export interface ChangeRequestRecord {
  readonly requestId: string;
  readonly arn: string;
  readonly status: string;
  readonly summary: string;
  readonly requesterArn: string;
  readonly requester: string;
  readonly beneficiaryArn: string | null;
  readonly justification: string | null;
  readonly ticket: string | null;
  readonly correlationId: string;
  readonly submittedAt: string;
  readonly approvedAt: string | null;
  readonly autoApproved: boolean;
  readonly breakGlass: boolean;
  readonly reviewers: readonly ReviewerRecord[];
  readonly grantId: string | null;
  readonly grantExpiresAt: string | null;
}

function recordOf(events: readonly RecordedEvent[]): ChangeRequestRecord | undefined {
  const state = foldRequest(events as unknown as RequestEvent[]);
  if (!state.exists) return undefined;
  const { request } = state;
  return {
    requestId: request.requestId,
    arn: changeRequestArn(request.accountId, request.requestId),
    status: state.status,
    summary: request.summary,
    requesterArn: request.requester.principalArn,
    requester: request.requester.person,
    beneficiaryArn: request.beneficiaryArn,
    justification: request.justification,
    ticket: request.ticket,
    correlationId: request.correlationId,
    submittedAt: request.submittedAt,
    approvedAt: state.approvedAt,
    autoApproved: events.some((e) => e.type === 'ChangeRequestAutoApproved'),
    breakGlass: request.breakGlass,
    reviewers: [
      ...state.approvals.map((r) => ({ ...r, decision: 'APPROVED' as const })),
      ...state.rejections.map((r) => ({ ...r, decision: 'REJECTED' as const })),
    ].map((r) => ({
      reviewerArn: r.reviewerArn,
      person: r.person,
      decision: r.decision,
      mfa: r.mfa,
      groups: r.groups,
    })),
    grantId: state.grant?.grantId ?? null,
    grantExpiresAt: state.grant?.expiresAt ?? null,
  };
}

/**
 * Change requests behind events: the request whose stream an event is in, or
 * whose correlation id the event carries (the approvals service applies a
 * request's IAM change under the request's correlation id). One read for the
 * lookups and one for the requests' streams, whatever the number of events.
 */
export async function changeRequestsOf(
  db: Queryable,
  events: readonly RecordedEvent[],
): Promise<Map<string, ChangeRequestRecord>> {
  const byEvent = new Map<string, ChangeRequestRecord>();
  const requestOfEvent = new Map<string, string>();
  const correlations = new Set<string>();
  for (const event of events) {
    const own = requestIdOfStream(event.streamId);
    if (own !== undefined) requestOfEvent.set(event.eventId, own);
    else if (event.correlationId !== null) correlations.add(event.correlationId);
  }
  const requestOfCorrelation = new Map<string, string>();
  if (correlations.size > 0) {
    const { rows } = await db.query<{ correlation_id: string; stream_id: string }>(
      `SELECT DISTINCT ON (e.correlation_id) e.correlation_id, e.stream_id FROM events e
        WHERE e.correlation_id = ANY($1::text[]) AND e.type = 'ChangeRequestSubmitted'
        ORDER BY e.correlation_id, e.transaction_id, e.global_position`,
      [[...correlations]],
    );
    for (const row of rows) {
      const id = requestIdOfStream(row.stream_id);
      if (id !== undefined) requestOfCorrelation.set(row.correlation_id, id);
    }
  }
  for (const event of events) {
    if (requestOfEvent.has(event.eventId) || event.correlationId === null) continue;
    const id = requestOfCorrelation.get(event.correlationId);
    if (id !== undefined) requestOfEvent.set(event.eventId, id);
  }
  const ids = [...new Set(requestOfEvent.values())];
  const records = await readRequests(db, ids);
  for (const [eventId, id] of requestOfEvent) {
    const record = records.get(id);
    if (record !== undefined) byEvent.set(eventId, record);
  }
  return byEvent;
}

/** Change requests by id, as their streams tell them now. */
export async function readRequests(
  db: Queryable,
  requestIds: readonly string[],
): Promise<Map<string, ChangeRequestRecord>> {
  const events = await readStreams(db, requestIds.map(requestStream));
  const grouped = new Map<string, RecordedEvent[]>();
  for (const event of events) {
    const list = grouped.get(event.streamId) ?? [];
    list.push(event);
    grouped.set(event.streamId, list);
  }
  const out = new Map<string, ChangeRequestRecord>();
  for (const id of requestIds) {
    const record = recordOf(grouped.get(requestStream(id)) ?? []);
    if (record !== undefined) out.set(id, record);
  }
  return out;
}
