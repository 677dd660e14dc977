import type pg from 'pg';
import type { RequestStatus } from '../request/evolve.js';
import { changeRequestArn, grantArn } from '../shared/arns.js';
import { invalidInput } from '../shared/workflowError.js';
import {
  decodeCursor,
  pageSize,
  toConnection,
  type Connection,
  type PageArgs,
} from './connection.js';

/** A change request in a list. */
export interface ChangeRequestSummary {
  readonly requestId: string;
  readonly arn: string;
  readonly status: RequestStatus;
  readonly summary: string;
  readonly action: string;
  readonly resource: string;
  readonly requesterArn: string;
  readonly beneficiaryArn: string | null;
  readonly risk: string;
  readonly ruleName: string;
  readonly breakGlass: boolean;
  readonly postReview: string;
  readonly durationSeconds: number | null;
  readonly submittedAt: Date;
  readonly pendingUntil: Date;
  readonly endedAt: Date | null;
  readonly grantId: string | null;
}

/** A grant in a list. */
export interface GrantSummary {
  readonly grantId: string;
  readonly arn: string;
  readonly requestId: string;
  readonly beneficiaryArn: string | null;
  readonly summary: string;
  readonly status: string;
  readonly startsAt: Date;
  readonly activatedAt: Date | null;
  readonly expiresAt: Date | null;
  readonly endedAt: Date | null;
  readonly endReason: string | null;
}

/** A request the approvals service must act on now. */
export interface DueRequest {
  readonly requestId: string;
  readonly status: RequestStatus;
  readonly nextDueAt: Date;
}

interface RequestRow {
  request_id: string;
  account_id: string;
  status: RequestStatus;
  summary: string;
  action: string;
  resource: string;
  requester_arn: string;
  beneficiary_arn: string | null;
  risk: string;
  rule_name: string;
  break_glass: boolean;
  post_review: string;
  duration_seconds: number | null;
  submitted_at: Date;
  pending_until: Date;
  ended_at: Date | null;
  grant_id: string | null;
}

interface GrantRow {
  grant_id: string;
  account_id: string;
  request_id: string;
  beneficiary_arn: string | null;
  summary: string;
  status: string;
  starts_at: Date;
  activated_at: Date | null;
  expires_at: Date | null;
  ended_at: Date | null;
  end_reason: string | null;
}

const REQUEST_COLUMNS = `r.request_id::text AS request_id, r.account_id, r.status, r.summary, r.action, r.resource,
  r.requester_arn, r.beneficiary_arn, r.risk, r.rule_name, r.break_glass, r.post_review, r.duration_seconds,
  r.submitted_at, r.pending_until, r.ended_at, r.grant_id`;

const STATUSES: readonly RequestStatus[] = [
  'PENDING',
  'APPROVED',
  'SCHEDULED',
  'ACTIVE',
  'APPLIED',
  'EXPIRED',
  'REVOKED',
  'REJECTED',
  'CANCELLED',
  'TIMED_OUT',
  'FAILED',
];

function requestNode(row: RequestRow): ChangeRequestSummary {
  return {
    requestId: row.request_id,
    arn: changeRequestArn(row.account_id, row.request_id),
    status: row.status,
    summary: row.summary,
    action: row.action,
    resource: row.resource,
    requesterArn: row.requester_arn,
    beneficiaryArn: row.beneficiary_arn,
    risk: row.risk,
    ruleName: row.rule_name,
    breakGlass: row.break_glass,
    postReview: row.post_review,
    durationSeconds: row.duration_seconds,
    submittedAt: row.submitted_at,
    pendingUntil: row.pending_until,
    endedAt: row.ended_at,
    grantId: row.grant_id,
  };
}

function grantNode(row: GrantRow): GrantSummary {
  return {
    grantId: row.grant_id,
    arn: grantArn(row.account_id, row.grant_id),
    requestId: row.request_id,
    beneficiaryArn: row.beneficiary_arn,
    summary: row.summary,
    status: row.status,
    startsAt: row.starts_at,
    activatedAt: row.activated_at,
    expiresAt: row.expires_at,
    endedAt: row.ended_at,
    endReason: row.end_reason,
  };
}

function checkStatuses(statuses: readonly string[] | undefined): readonly string[] | null {
  if (statuses === undefined || statuses.length === 0) return null;
  if (
    statuses.length > STATUSES.length ||
    statuses.some((s) => !(STATUSES as readonly string[]).includes(s))
  ) {
    throw invalidInput('status', `must be among ${STATUSES.join(', ')}`);
  }
  return statuses;
}

/**
 * The workflow's lists, over its read models (keyset pagination, Relay
 * connections). Read models trail the log by the projection's lag; a single
 * request read after a write is current through `WorkflowService.getRequest`.
 */
export class WorkflowQueries {
  readonly #db: Pick<pg.Pool, 'query'>;

  constructor(db: Pick<pg.Pool, 'query'>) {
    this.#db = db;
  }

  /** Requests a person submitted (as any of their principals), newest first. */
  async myRequests(
    person: string,
    filter: { readonly status?: readonly RequestStatus[] } = {},
    page: PageArgs = {},
  ): Promise<Connection<ChangeRequestSummary>> {
    const first = pageSize(page);
    const after = decodeCursor(page.after, 2);
    const { rows } = await this.#db.query<RequestRow>(
      `SELECT ${REQUEST_COLUMNS} FROM workflow_requests r
        WHERE r.requester_person = $1
          AND ($2::text[] IS NULL OR r.status = ANY($2::text[]))
          AND ($3::timestamptz IS NULL OR (r.submitted_at, r.request_id) < ($3::timestamptz, $4::uuid))
        ORDER BY r.submitted_at DESC, r.request_id DESC LIMIT $5`,
      [person, checkStatuses(filter.status), after?.[0] ?? null, after?.[1] ?? null, first + 1],
    );
    return toConnection(
      rows,
      first,
      (r) => [r.submitted_at.toISOString(), r.request_id],
      requestNode,
    );
  }

  /**
   * Requests awaiting a reviewer: pending (or break-glass awaiting its review
   * afterwards), not theirs, not giving them access, not reviewed by them yet,
   * and naming them in a quorum (one of their groups, as an owner, or
   * "anyone"). Oldest first. Whether they may approve is the evaluator's call
   * (`approvals:ApproveChangeRequest`), checked when they approve.
   */
  async awaitingReview(
    reviewer: { readonly person: string; readonly groups: readonly string[] },
    now: Date,
    page: PageArgs = {},
  ): Promise<Connection<ChangeRequestSummary>> {
    const first = pageSize(page);
    const after = decodeCursor(page.after, 2);
    if (reviewer.groups.length > 1000) throw invalidInput('groups', 'must be at most 1000 names');
    const { rows } = await this.#db.query<RequestRow>(
      `SELECT ${REQUEST_COLUMNS} FROM workflow_requests r
        WHERE ((r.status = 'PENDING' AND r.post_review = 'NONE' AND r.pending_until > $4) OR r.post_review = 'PENDING')
          AND r.requester_person <> $1
          AND r.beneficiary_arn IS DISTINCT FROM $1
          AND EXISTS (SELECT 1 FROM workflow_request_reviewers v WHERE v.request_id = r.request_id
                AND ((v.kind = 'group' AND v.value = ANY($2::text[])) OR (v.kind = 'owner' AND v.value = $1)
                     OR v.kind = 'anyone'))
          AND NOT EXISTS (SELECT 1 FROM workflow_reviews w WHERE w.request_id = r.request_id AND w.person = $1)
          AND ($3::timestamptz IS NULL OR (r.submitted_at, r.request_id) > ($3::timestamptz, $5::uuid))
        ORDER BY r.submitted_at, r.request_id LIMIT $6`,
      [
        reviewer.person,
        [...reviewer.groups],
        after?.[0] ?? null,
        now,
        after?.[1] ?? null,
        first + 1,
      ],
    );
    return toConnection(
      rows,
      first,
      (r) => [r.submitted_at.toISOString(), r.request_id],
      requestNode,
    );
  }

  /** Active grants (optionally of one beneficiary), soonest to end first. */
  async activeGrants(
    filter: { readonly beneficiaryArn?: string } = {},
    page: PageArgs = {},
  ): Promise<Connection<GrantSummary>> {
    const first = pageSize(page);
    const after = decodeCursor(page.after, 2);
    const { rows } = await this.#db.query<GrantRow>(
      `SELECT g.grant_id, r.account_id, g.request_id::text AS request_id, g.beneficiary_arn, g.summary, g.status,
              g.starts_at, g.activated_at, g.expires_at, g.ended_at, g.end_reason
         FROM workflow_grants g JOIN workflow_requests r ON r.request_id = g.request_id
        WHERE g.status = 'ACTIVE'
          AND ($1::text IS NULL OR g.beneficiary_arn = $1)
          AND ($2::timestamptz IS NULL OR (g.expires_at, g.grant_id) > ($2::timestamptz, $3::text))
        ORDER BY g.expires_at, g.grant_id LIMIT $4`,
      [filter.beneficiaryArn ?? null, after?.[0] ?? null, after?.[1] ?? null, first + 1],
    );
    return toConnection(
      rows,
      first,
      (g) => [g.expires_at?.toISOString() ?? '', g.grant_id],
      grantNode,
    );
  }

  /** Requests the approvals service must act on at `now` (timeouts, starts, expiries, revocations). */
  async dueRequests(now: Date, limit = 100): Promise<DueRequest[]> {
    const { rows } = await this.#db.query<{
      request_id: string;
      status: RequestStatus;
      next_due_at: Date;
    }>(
      `SELECT request_id::text AS request_id, status, next_due_at FROM workflow_requests
        WHERE next_due_at <= $1 ORDER BY next_due_at, request_id LIMIT $2`,
      [now, limit],
    );
    return rows.map((r) => ({
      requestId: r.request_id,
      status: r.status,
      nextDueAt: r.next_due_at,
    }));
  }

  /** When the next request falls due (null: none is waiting on a clock). */
  async nextDueAt(): Promise<Date | null> {
    const { rows } = await this.#db.query<{ at: Date | null }>(
      'SELECT min(next_due_at) AS at FROM workflow_requests',
    );
    return rows[0]?.at ?? null;
  }

  /** Open sessions under grants that have ended (the approvals service revokes them). */
  async endedGrantSessions(
    now: Date,
    limit = 100,
  ): Promise<{ sessionId: string; grantId: string; correlationId: string }[]> {
    const { rows } = await this.#db.query<{
      session_id: string;
      grant_id: string;
      correlation_id: string;
    }>(
      `SELECT s.session_id, s.grant_id, r.correlation_id
         FROM workflow_grant_sessions s
         JOIN workflow_grants g ON g.grant_id = s.grant_id
         JOIN workflow_requests r ON r.request_id = g.request_id
        WHERE s.revoked_at IS NULL AND s.expires_at > $1 AND g.status IN ('EXPIRED', 'REVOKED')
        ORDER BY s.session_id LIMIT $2`,
      [now, limit],
    );
    return rows.map((r) => ({
      sessionId: r.session_id,
      grantId: r.grant_id,
      correlationId: r.correlation_id,
    }));
  }

  /** Sessions started under a grant that are not revoked. */
  async grantSessions(grantId: string): Promise<string[]> {
    const { rows } = await this.#db.query<{ session_id: string }>(
      'SELECT session_id FROM workflow_grant_sessions WHERE grant_id = $1 AND revoked_at IS NULL ORDER BY session_id',
      [grantId],
    );
    return rows.map((r) => r.session_id);
  }
}
