import type {
  EventConsumer,
  EventStore,
  ProjectionOptions,
  RecordedEvent,
} from '@gatehouse/event-store';
import type pg from 'pg';
import { updateOf } from '../notifications/changeRequestUpdate.js';
import { leavesOf } from '../quorum/alternatives.js';
import type { RequestEvent } from '../request/events.js';
import {
  evolveRequest,
  INITIAL_REQUEST_STATE,
  type ExistingRequest,
  type RequestState,
} from '../request/evolve.js';
import type { ApprovalRulesPublished } from '../ruleset/ruleSetVersions.js';
import { isRequestEventType } from '../request/events.js';
import { requestIdOfStream, RULES_STREAM } from '../shared/streams.js';

/** The consumer id (checkpoint and lock) of the workflow's read models. */
export const WORKFLOW_READ_MODELS_CONSUMER = 'workflow-read-models';

/** The read-model tables a rebuild empties (the webhook outbox and its log are kept). */
export const WORKFLOW_READ_MODEL_TABLES = [
  'workflow_requests',
  'workflow_request_reviewers',
  'workflow_reviews',
  'workflow_grants',
  'workflow_grant_sessions',
  'workflow_rule_sets',
] as const;

/** Options of the projection. */
export interface WorkflowProjectionSettings {
  /** Webhook endpoints: each state change is queued for each of them (the outbox). */
  readonly webhookEndpoints?: readonly string[];
}

type Db = pg.ClientBase;

const GRANT_SOURCE_IDENTITY = /^gatehouse-(g-[0-9a-f-]{36})$/;

/** When the approvals service must next act on a request, or null when it need not. */
export function nextDueAt(state: ExistingRequest): string | null {
  switch (state.status) {
    case 'PENDING':
      return state.postReview === 'NONE' ? state.request.pendingUntil : null;
    case 'APPROVED':
      // Scheduled (or applied) at once; a later start is the SCHEDULED clock's.
      return state.approvedAt ?? state.request.submittedAt;
    case 'SCHEDULED':
      return state.startsAt ?? state.request.submittedAt;
    case 'ACTIVE':
      return state.grant?.expiresAt ?? null;
    case 'REVOKED':
      return state.accessRemoved ? null : (state.endedAt ?? state.request.submittedAt);
    case 'APPLIED':
    case 'EXPIRED':
    case 'REJECTED':
    case 'CANCELLED':
    case 'TIMED_OUT':
    case 'FAILED':
      return null;
  }
}

async function loadState(db: Db, requestId: string): Promise<RequestState> {
  const { rows } = await db.query<{ state: RequestState }>(
    'SELECT state FROM workflow_requests WHERE request_id = $1 FOR UPDATE',
    [requestId],
  );
  return rows[0]?.state ?? INITIAL_REQUEST_STATE;
}

async function saveRequest(
  db: Db,
  state: ExistingRequest,
  version: number,
  at: Date,
): Promise<void> {
  const { request } = state;
  await db.query(
    `INSERT INTO workflow_requests (request_id, account_id, status, source, requester_arn, requester_person,
       beneficiary_arn, summary, action, resource, justification, ticket, risk, rule_name, rule_set_version,
       break_glass, post_review, duration_seconds, start_at, submitted_at, pending_until, approved_at, ended_at,
       grant_id, failure_reason, access_removed, next_due_at, correlation_id, version, state, updated_at)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,$20,$21,$22,$23,$24,$25,$26,$27,$28,$29,$30,$31)
     ON CONFLICT (request_id) DO UPDATE SET status = EXCLUDED.status, post_review = EXCLUDED.post_review,
       approved_at = EXCLUDED.approved_at, ended_at = EXCLUDED.ended_at, grant_id = EXCLUDED.grant_id,
       failure_reason = EXCLUDED.failure_reason, access_removed = EXCLUDED.access_removed,
       next_due_at = EXCLUDED.next_due_at, version = EXCLUDED.version, state = EXCLUDED.state,
       updated_at = EXCLUDED.updated_at`,
    [
      request.requestId,
      request.accountId,
      state.status,
      request.source,
      request.requester.principalArn,
      request.requester.person,
      request.beneficiaryArn,
      request.summary,
      request.action,
      request.resource,
      request.justification,
      request.ticket,
      request.analysis.risk,
      request.rule.name,
      request.rule.ruleSetVersion,
      request.breakGlass,
      state.postReview,
      request.durationSeconds,
      request.startAt,
      request.submittedAt,
      request.pendingUntil,
      state.approvedAt,
      state.endedAt,
      state.grant?.grantId ?? null,
      state.failure?.reason ?? null,
      state.accessRemoved,
      nextDueAt(state),
      request.correlationId,
      version,
      JSON.stringify(state),
      at,
    ],
  );
}

async function saveReviewers(db: Db, state: ExistingRequest): Promise<void> {
  const { request } = state;
  const rows: [string, string][] = [];
  for (const leaf of request.rule.reviewers === null ? [] : leavesOf(request.rule.reviewers)) {
    if (leaf.kind === 'group') rows.push(['group', leaf.group]);
    else if (leaf.kind === 'anyone') rows.push(['anyone', '*']);
    else for (const owner of request.owners) rows.push(['owner', owner]);
  }
  for (const [kind, value] of rows) {
    await db.query(
      `INSERT INTO workflow_request_reviewers (request_id, kind, value) VALUES ($1, $2, $3)
       ON CONFLICT DO NOTHING`,
      [request.requestId, kind, value],
    );
  }
}

async function saveGrant(db: Db, state: ExistingRequest): Promise<void> {
  const grant = state.grant;
  if (grant === null) return;
  const status =
    grant.endReason ??
    (grant.activatedAt !== null
      ? 'ACTIVE'
      : state.status === 'SCHEDULED'
        ? 'SCHEDULED'
        : state.status);
  await db.query(
    `INSERT INTO workflow_grants (grant_id, request_id, beneficiary_arn, requester_person, summary, status,
       starts_at, activated_at, expires_at, ended_at, end_reason, assignments)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12)
     ON CONFLICT (grant_id) DO UPDATE SET status = EXCLUDED.status, activated_at = EXCLUDED.activated_at,
       expires_at = EXCLUDED.expires_at, ended_at = EXCLUDED.ended_at, end_reason = EXCLUDED.end_reason,
       assignments = EXCLUDED.assignments`,
    [
      grant.grantId,
      state.request.requestId,
      state.request.beneficiaryArn,
      state.request.requester.person,
      state.request.summary,
      status,
      grant.startsAt,
      grant.activatedAt,
      grant.expiresAt,
      grant.endedAt,
      grant.endReason,
      JSON.stringify(grant.assignments),
    ],
  );
}

async function projectRequestEvent(
  db: Db,
  requestId: string,
  event: RecordedEvent,
  endpoints: readonly string[],
): Promise<void> {
  const before = await loadState(db, requestId);
  const after = evolveRequest(before, event as unknown as RequestEvent);
  if (!after.exists) return;
  await saveRequest(db, after, event.streamVersion, event.recordedAt);
  if (event.type === 'ChangeRequestSubmitted') await saveReviewers(db, after);
  if (event.type === 'ChangeRequestApproved' || event.type === 'ChangeRequestRejected') {
    const review =
      event.type === 'ChangeRequestApproved' ? after.approvals.at(-1) : after.rejections.at(-1);
    if (review !== undefined) {
      const data = event.data as { comment?: string | null; reason?: string };
      await db.query(
        `INSERT INTO workflow_reviews (event_id, request_id, person, reviewer_arn, decision, comment, groups, mfa, reviewed_at)
           VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9) ON CONFLICT DO NOTHING`,
        [
          event.eventId,
          requestId,
          review.person,
          review.reviewerArn,
          event.type === 'ChangeRequestApproved' ? 'APPROVED' : 'REJECTED',
          data.comment ?? data.reason ?? null,
          review.groups,
          review.mfa,
          event.occurredAt,
        ],
      );
    }
  }
  await saveGrant(db, after);
  if (endpoints.length > 0) {
    const payload = JSON.stringify(updateOf(event, before, after));
    for (const endpoint of endpoints) {
      await db.query(
        `INSERT INTO workflow_webhook_deliveries (event_id, endpoint, event_type, request_id, payload, status, attempts, next_attempt_at, created_at)
         VALUES ($1, $2, $3, $4, $5::jsonb, 'PENDING', 0, $6, $6) ON CONFLICT (event_id, endpoint) DO NOTHING`,
        [event.eventId, endpoint, event.type, requestId, payload, event.occurredAt],
      );
    }
  }
}

async function projectSession(db: Db, event: RecordedEvent): Promise<void> {
  const data = event.data as {
    sessionId?: unknown;
    sourceIdentity?: unknown;
    principalArn?: unknown;
    issuedAt?: unknown;
    expiresAt?: unknown;
  };
  if (event.type === 'SessionStarted') {
    const match =
      typeof data.sourceIdentity === 'string'
        ? GRANT_SOURCE_IDENTITY.exec(data.sourceIdentity)
        : null;
    if (match?.[1] === undefined) return;
    await db.query(
      `INSERT INTO workflow_grant_sessions (session_id, grant_id, principal_arn, started_at, expires_at)
       VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING`,
      [data.sessionId, match[1], data.principalArn, data.issuedAt, data.expiresAt],
    );
  } else if (event.type === 'SessionRevoked') {
    await db.query('UPDATE workflow_grant_sessions SET revoked_at = $2 WHERE session_id = $1', [
      data.sessionId,
      event.occurredAt,
    ]);
  }
}

/**
 * Writes events into the workflow's read models inside `transaction` (the
 * projection runner's, or the idempotent Kafka applier's): requests (with the
 * domain state folded by the domain's own `evolveRequest`), reviewers,
 * reviews, grants, sessions under grants, rule-set versions, and the webhook
 * outbox. Other events are ignored.
 */
export async function projectWorkflowEvents(
  events: readonly RecordedEvent[],
  transaction: pg.ClientBase,
  settings: WorkflowProjectionSettings = {},
): Promise<void> {
  const endpoints = settings.webhookEndpoints ?? [];
  for (const event of events) {
    const requestId = requestIdOfStream(event.streamId);
    if (requestId !== undefined) {
      if (isRequestEventType(event.type))
        await projectRequestEvent(transaction, requestId, event, endpoints);
    } else if (event.streamId === RULES_STREAM && event.type === 'ApprovalRulesPublished') {
      const data = event.data as unknown as ApprovalRulesPublished['data'];
      await transaction.query(
        `INSERT INTO workflow_rule_sets (version, digest, file_name, source, published_by, published_at)
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING`,
        [data.version, data.digest, data.fileName, data.source, event.actor, event.occurredAt],
      );
    } else if (event.streamId.startsWith('iam-session-')) {
      await projectSession(transaction, event);
    }
  }
}

/** Empties the read models (not the webhook outbox: a rebuild must not send again). */
export async function resetWorkflowReadModels(transaction: pg.ClientBase): Promise<void> {
  await transaction.query(`TRUNCATE ${WORKFLOW_READ_MODEL_TABLES.join(', ')}`);
}

/** The read-model projection on the event store (exactly-once; `rebuild()` replays the log). */
export function createWorkflowProjection(
  store: EventStore,
  options: Omit<ProjectionOptions, 'consumerId' | 'project' | 'reset'> &
    WorkflowProjectionSettings & { readonly consumerId?: string } = {},
): EventConsumer {
  const { webhookEndpoints, consumerId, ...settings } = options;
  return store.createProjection({
    ...settings,
    consumerId: consumerId ?? WORKFLOW_READ_MODELS_CONSUMER,
    project: (events, tx) =>
      projectWorkflowEvents(events, tx, webhookEndpoints === undefined ? {} : { webhookEndpoints }),
    reset: resetWorkflowReadModels,
  });
}
