import { checkpointOf, formatCheckpoint, type RecordedEvent } from '@gatehouse/event-store';
import type { RequestEvent } from '../request/events.js';
import type { ExistingRequest, RequestState, RequestStatus } from '../request/evolve.js';
import { changeRequestArn } from '../shared/arns.js';

/**
 * One state change of a change request, as webhooks deliver it and
 * subscriptions push it: the event, the status before and after, and the
 * request's identifying facts (never its full analysis or justification).
 */
export interface ChangeRequestUpdate {
  /** The event's id: receivers deduplicate on it (webhooks are at-least-once). */
  readonly eventId: string;
  readonly type: RequestEvent['type'];
  readonly occurredAt: string;
  readonly requestId: string;
  readonly requestArn: string;
  readonly status: RequestStatus;
  readonly previousStatus: RequestStatus | null;
  readonly actor: string;
  readonly summary: string;
  readonly requesterArn: string;
  readonly beneficiaryArn: string | null;
  readonly grantId: string | null;
  readonly expiresAt: string | null;
  /** Where the event sits in the log (for read-your-writes). */
  readonly checkpoint: string;
}

/** The update an event of a request makes. */
export function updateOf(
  event: RecordedEvent,
  before: RequestState,
  after: ExistingRequest,
): ChangeRequestUpdate {
  return {
    eventId: event.eventId,
    type: event.type as RequestEvent['type'],
    occurredAt: event.occurredAt.toISOString(),
    requestId: after.request.requestId,
    requestArn: changeRequestArn(after.request.accountId, after.request.requestId),
    status: after.status,
    previousStatus: before.exists ? before.status : null,
    actor: event.actor,
    summary: after.request.summary,
    requesterArn: after.request.requester.principalArn,
    beneficiaryArn: after.request.beneficiaryArn,
    grantId: after.grant?.grantId ?? null,
    expiresAt: after.grant?.expiresAt ?? null,
    checkpoint: formatCheckpoint(checkpointOf(event)),
  };
}
