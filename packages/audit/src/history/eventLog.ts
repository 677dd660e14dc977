import {
  EVENT_COLUMNS,
  toRecordedEvent,
  type Checkpoint,
  type EventRow,
  type Queryable,
  type RecordedEvent,
} from '@gatehouse/event-store';
import { asOfCondition, type AsOf } from '../shared/pointInTime.js';
import type { HistoryFilter, HistoryOrder } from './filter.js';

/**
 * Only rows below the oldest transaction still in flight are read: below that
 * horizon every row is final, so a page handed out never gains an event later
 * (no gaps between pages while events arrive; see the event store's README).
 */
const HORIZON = 'e.transaction_id < pg_snapshot_xmin(pg_current_snapshot())';

/** A filter after its targets and change request were resolved to streams and a correlation id. */
export interface ResolvedFilter extends Omit<HistoryFilter, 'targets' | 'changeRequestId'> {
  /** Streams of the targets (empty array: nothing can match). */
  readonly streamIds?: readonly string[] | undefined;
  /** A change request: its stream and its correlation id. */
  readonly request?: { readonly streamId: string; readonly correlationId: string | null };
}

function conditions(filter: ResolvedFilter, values: unknown[]): string[] {
  const where = [HORIZON];
  const param = (value: unknown) => {
    values.push(value);
    return `$${values.length}`;
  };
  if (filter.actor !== undefined) where.push(`e.actor = ${param(filter.actor)}`);
  if (filter.person !== undefined)
    where.push(`e.metadata->>'originalPrincipalArn' = ${param(filter.person)}`);
  if (filter.streamIds !== undefined)
    where.push(`e.stream_id = ANY(${param(filter.streamIds)}::text[])`);
  if (filter.eventTypes !== undefined)
    where.push(`e.type = ANY(${param(filter.eventTypes)}::text[])`);
  if (filter.actions !== undefined) {
    const commands = filter.actions.map((a) => a.slice(a.indexOf(':') + 1));
    where.push(`e.metadata->>'command' = ANY(${param(commands)}::text[])`);
  }
  if (filter.from !== undefined) where.push(`e.recorded_at >= ${param(filter.from)}`);
  if (filter.to !== undefined) where.push(`e.recorded_at < ${param(filter.to)}`);
  if (filter.correlationId !== undefined)
    where.push(`e.correlation_id = ${param(filter.correlationId)}`);
  if (filter.request !== undefined) {
    const stream = param(filter.request.streamId);
    where.push(
      filter.request.correlationId === null
        ? `e.stream_id = ${stream}`
        : `(e.stream_id = ${stream} OR e.correlation_id = ${param(filter.request.correlationId)})`,
    );
  }
  return where;
}

/** One page of events in log order (or reverse), after a position, `limit` rows at most. */
export async function readHistoryPage(
  db: Queryable,
  filter: ResolvedFilter,
  order: HistoryOrder,
  after: Checkpoint | undefined,
  limit: number,
): Promise<RecordedEvent[]> {
  const values: unknown[] = [];
  const where = conditions(filter, values);
  const direction = order === 'NEWEST_FIRST' ? 'DESC' : 'ASC';
  if (after !== undefined) {
    values.push(after.transactionId.toString(), after.globalPosition.toString());
    const op = order === 'NEWEST_FIRST' ? '<' : '>';
    where.push(
      `(e.transaction_id, e.global_position) ${op} ($${values.length - 1}::xid8, $${values.length}::bigint)`,
    );
  }
  values.push(limit);
  const { rows } = await db.query<EventRow>(
    `SELECT ${EVENT_COLUMNS} FROM events e WHERE ${where.join(' AND ')}
      ORDER BY e.transaction_id ${direction}, e.global_position ${direction} LIMIT $${values.length}`,
    values,
  );
  return rows.map(toRecordedEvent);
}

/** Events in a recorded-time range, in log order, after a position (exports). */
export async function readRange(
  db: Queryable,
  range: { readonly from: Date; readonly to: Date },
  after: Checkpoint | undefined,
  limit: number,
): Promise<RecordedEvent[]> {
  return readHistoryPage(db, { from: range.from, to: range.to }, 'OLDEST_FIRST', after, limit);
}

/** One event by id. */
export async function readEventById(
  db: Queryable,
  eventId: string,
): Promise<RecordedEvent | undefined> {
  const { rows } = await db.query<EventRow>(
    `SELECT ${EVENT_COLUMNS} FROM events e WHERE e.event_id = $1::uuid`,
    [eventId],
  );
  const row = rows[0];
  return row === undefined ? undefined : toRecordedEvent(row);
}

/**
 * The columns a fold needs (no hashes, no metadata): reading a 10,000-event
 * stream this way is markedly cheaper than with every column.
 */
const FOLD_COLUMNS = `e.global_position, e.transaction_id::text AS transaction_id, e.event_id::text AS event_id,
  e.stream_id, e.stream_version, e.type, e.schema_version, e.actor, e.causation_id, e.correlation_id,
  e.occurred_at, e.recorded_at, e.data, '{}'::jsonb AS metadata, '' AS prev_hash, '' AS hash`;

/** Every event of some streams (up to a moment), in log order, for folding (no hashes or metadata). */
export async function readStreams(
  db: Queryable,
  streamIds: readonly string[],
  asOf?: AsOf,
): Promise<RecordedEvent[]> {
  if (streamIds.length === 0) return [];
  const values: unknown[] = [streamIds];
  const { rows } = await db.query<EventRow>(
    `SELECT ${FOLD_COLUMNS} FROM events e
      WHERE e.stream_id = ANY($1::text[]) AND ${asOfCondition(asOf, values)}
      ORDER BY e.transaction_id, e.global_position`,
    values,
  );
  return rows.map(toRecordedEvent);
}

/** A stream's events in `(afterVersion, toVersion]` (oldest first), for folding (no hashes or metadata). */
export async function readStreamRange(
  db: Queryable,
  streamId: string,
  afterVersion: number,
  toVersion: number,
): Promise<RecordedEvent[]> {
  const { rows } = await db.query<EventRow>(
    `SELECT ${FOLD_COLUMNS} FROM events e
      WHERE e.stream_id = $1 AND e.stream_version > $2 AND e.stream_version <= $3
      ORDER BY e.stream_version`,
    [streamId, afterVersion, toVersion],
  );
  return rows.map(toRecordedEvent);
}
