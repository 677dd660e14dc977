import type { Queryable } from '@gatehouse/event-store';
import { invalidInput } from '../shared/auditError.js';
import type { AuditLimits } from '../shared/limits.js';
import type { Connection } from '../history/connection.js';
import type { HistoryOrder } from '../history/filter.js';

/** The gateway's decision log table (Prisma model AuthorizationDecision, migration authorization_decisions), read as is. */
const TABLE = 'authorization_decisions';

/** One logged authorization decision. */
export interface DecisionEntry {
  readonly id: string;
  readonly decidedAt: Date;
  readonly requestId: string;
  /** `gateway` (its own API) or `isAuthorized`. */
  readonly source: string;
  readonly callerArn: string;
  readonly principalArn: string;
  readonly action: string;
  readonly service: string;
  readonly resource: string;
  readonly decision: string;
  /** The deciding statements (JSON text). */
  readonly matched: string;
  readonly root: boolean;
  readonly sourceIp: string | null;
}

/** What a decisions page may be narrowed to. */
export interface DecisionFilter {
  readonly principalArn?: string | undefined;
  readonly callerArn?: string | undefined;
  readonly action?: string | undefined;
  readonly service?: string | undefined;
  readonly resource?: string | undefined;
  readonly decision?: 'Allowed' | 'ExplicitlyDenied' | 'ImplicitlyDenied' | undefined;
  readonly source?: string | undefined;
  readonly requestId?: string | undefined;
  readonly from?: Date | undefined;
  readonly to?: Date | undefined;
}

interface DecisionRow {
  id: string;
  decided_at: Date;
  request_id: string;
  source: string;
  caller_arn: string;
  principal_arn: string;
  action: string;
  service: string;
  resource: string;
  decision: string;
  matched: unknown;
  root: boolean;
  source_ip: string | null;
}

const CURSOR = 'dc1:';

function encode(id: string): string {
  return Buffer.from(`${CURSOR}${id}`).toString('base64url');
}

function decode(cursor: string): string {
  const text = /^[A-Za-z0-9_-]{1,64}$/.test(cursor)
    ? Buffer.from(cursor, 'base64url').toString('utf8')
    : '';
  const match = /^dc1:(\d{1,19})$/.exec(text);
  if (match?.[1] === undefined) throw invalidInput('after', 'is not a cursor of this connection');
  return match[1];
}

/**
 * The decision log, queryable like the history (filters, either order, opaque
 * cursors on the row id, capped pages), and its retention. Decisions are not
 * events: they change no state, and they are deleted after the retention period.
 */
export class DecisionQueries {
  readonly #db: Queryable;
  readonly #limits: AuditLimits;

  constructor(db: Queryable, limits: AuditLimits) {
    this.#db = db;
    this.#limits = limits;
  }

  async list(
    filter: DecisionFilter,
    page: { first?: number | undefined; after?: string | null | undefined; order?: HistoryOrder },
  ): Promise<Connection<DecisionEntry>> {
    const first = page.first ?? this.#limits.defaultPageSize;
    if (!Number.isSafeInteger(first) || first < 1 || first > this.#limits.maxPageSize)
      throw invalidInput('first', `must be 1-${this.#limits.maxPageSize}`);
    const values: unknown[] = [];
    const where: string[] = ['TRUE'];
    const eq = (column: string, value: string | undefined, field: string) => {
      if (value === undefined) return;
      if (value.length === 0 || value.length > 2048)
        throw invalidInput(field, 'must be 1-2048 characters');
      values.push(value);
      where.push(`${column} = $${values.length}`);
    };
    eq('principal_arn', filter.principalArn, 'filter.principalArn');
    eq('caller_arn', filter.callerArn, 'filter.callerArn');
    eq('action', filter.action, 'filter.action');
    eq('service', filter.service, 'filter.service');
    eq('resource', filter.resource, 'filter.resource');
    eq('decision', filter.decision, 'filter.decision');
    eq('source', filter.source, 'filter.source');
    eq('request_id', filter.requestId, 'filter.requestId');
    if (filter.from !== undefined) {
      values.push(filter.from);
      where.push(`decided_at >= $${values.length}`);
    }
    if (filter.to !== undefined) {
      values.push(filter.to);
      where.push(`decided_at < $${values.length}`);
    }
    const newest = (page.order ?? 'NEWEST_FIRST') === 'NEWEST_FIRST';
    if (page.after != null) {
      values.push(decode(page.after));
      where.push(`id ${newest ? '<' : '>'} $${values.length}::bigint`);
    }
    values.push(first + 1);
    const { rows } = await this.#db.query<DecisionRow>(
      `SELECT id::text AS id, decided_at, request_id, source, caller_arn, principal_arn, action,
              service, resource, decision, matched, root, source_ip
         FROM ${TABLE} WHERE ${where.join(' AND ')}
        ORDER BY id ${newest ? 'DESC' : 'ASC'} LIMIT $${values.length}`,
      values,
    );
    const nodes = rows.slice(0, first).map((r) => ({
      id: r.id,
      decidedAt: r.decided_at,
      requestId: r.request_id,
      source: r.source,
      callerArn: r.caller_arn,
      principalArn: r.principal_arn,
      action: r.action,
      service: r.service,
      resource: r.resource,
      decision: r.decision,
      matched: JSON.stringify(r.matched),
      root: r.root,
      sourceIp: r.source_ip,
    }));
    return {
      edges: nodes.map((node) => ({ cursor: encode(node.id), node })),
      pageInfo: {
        hasNextPage: rows.length > first,
        hasPreviousPage: false,
        startCursor: nodes[0] === undefined ? null : encode(nodes[0].id),
        endCursor: nodes.length === 0 ? null : encode(nodes[nodes.length - 1]?.id ?? '0'),
      },
    };
  }

  /** Deletes decisions older than `olderThan`, in batches; returns how many went. */
  async purge(olderThan: Date, batchSize = 10_000): Promise<number> {
    let total = 0;
    for (;;) {
      const result = await this.#db.query(
        `DELETE FROM ${TABLE} WHERE id IN (
           SELECT id FROM ${TABLE} WHERE decided_at < $1 ORDER BY decided_at LIMIT $2)`,
        [olderThan, batchSize],
      );
      const count = result.rowCount ?? 0;
      total += count;
      if (count < batchSize) return total;
    }
  }
}
