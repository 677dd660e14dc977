import { databaseError } from '../errors.js';
import type { RecordedEvent } from '../events.js';
import { EVENT_COLUMNS, toRecordedEvent, type EventRow } from '../schema/eventRow.js';
import type { Queryable } from '../schema/queryable.js';
import { START_CHECKPOINT, assertCheckpoint, checkpointOf, type Checkpoint } from './checkpoint.js';
import { assertLimit, pointInTimeCondition, type PointInTime } from './pointInTime.js';

/** Options of {@link readAll}. */
export interface ReadAllOptions {
  /** Read events after this checkpoint (default: from the start). */
  readonly after?: Checkpoint;
  /** Page size, 1-10,000 (default 1,000). */
  readonly limit?: number;
  /** Only events up to this point in time. */
  readonly asOf?: PointInTime;
}

/** One page of the log in consumer order. */
export interface ReadAllPage {
  readonly events: readonly RecordedEvent[];
  /** Pass as `after` to read the next page (the last event's checkpoint, or `after`). */
  readonly next: Checkpoint;
  /** True when the page is not full: nothing more is readable right now. */
  readonly isEnd: boolean;
}

/** Largest page {@link readAll} returns. */
export const MAX_READ_LIMIT = 10_000;

/**
 * Reads the log in consumer order, (transactionId, globalPosition), and only
 * below the oldest transaction still in flight anywhere on the server
 * (`pg_snapshot_xmin(pg_current_snapshot())`). Rows with a transaction id under
 * that horizon are final — committed or rolled back — so no event can later
 * appear before a checkpoint this returns: reading `after` it never skips.
 */
export async function readAll(db: Queryable, options: ReadAllOptions = {}): Promise<ReadAllPage> {
  const after = options.after ?? START_CHECKPOINT;
  assertCheckpoint(after, 'after');
  const limit = options.limit ?? 1_000;
  assertLimit(limit, MAX_READ_LIMIT);
  const values: unknown[] = [
    after.transactionId.toString(),
    after.globalPosition.toString(),
    limit,
  ];
  const asOf = pointInTimeCondition(options.asOf, values);
  let rows: EventRow[];
  try {
    ({ rows } = await db.query<EventRow>(
      `SELECT ${EVENT_COLUMNS}
         FROM events e
        WHERE (e.transaction_id, e.global_position) > ($1::xid8, $2::bigint)
          AND e.transaction_id < pg_snapshot_xmin(pg_current_snapshot())
          AND ${asOf}
        ORDER BY e.transaction_id, e.global_position
        LIMIT $3`,
      values,
    ));
  } catch (error) {
    throw databaseError(error, 'reading the log');
  }
  const events = rows.map(toRecordedEvent);
  const last = events.at(-1);
  return {
    events,
    next: last === undefined ? after : checkpointOf(last),
    isEnd: events.length < limit,
  };
}

/**
 * True when committed events after `after` exist but are not readable yet,
 * because a transaction that started earlier (anywhere on the server, event
 * writer or not) is still in flight. Consumers then re-poll soon instead of
 * waiting for a notification that such a transaction may never send.
 */
export async function hasHeldBackEvents(db: Queryable, after: Checkpoint): Promise<boolean> {
  assertCheckpoint(after, 'after');
  try {
    const { rows } = await db.query<{ held: boolean }>(
      `SELECT EXISTS (
         SELECT 1 FROM events e
          WHERE (e.transaction_id, e.global_position) > ($1::xid8, $2::bigint)
            AND e.transaction_id >= pg_snapshot_xmin(pg_current_snapshot())) AS held`,
      [after.transactionId.toString(), after.globalPosition.toString()],
    );
    return rows[0]?.held === true;
  } catch (error) {
    throw databaseError(error, 'looking for held-back events');
  }
}

/** Every readable page from `after` on, until a page is not full. */
export async function* readAllPages(
  db: Queryable,
  options: ReadAllOptions = {},
): AsyncGenerator<ReadAllPage, void, undefined> {
  let after = options.after ?? START_CHECKPOINT;
  for (;;) {
    const page = await readAll(db, { ...options, after });
    if (page.events.length > 0) yield page;
    if (page.isEnd) return;
    after = page.next;
  }
}

/** The log's head: the last readable checkpoint and the highest position drawn so far. */
export interface LogHead {
  /** The last event below the in-flight horizon (what a caught-up consumer has seen). */
  readonly readable: Checkpoint;
  /**
   * The last committed event in consumer order, readable or still held back by an older
   * transaction in flight anywhere on the server. A consumer that reached it has handled
   * everything committed when the head was read.
   */
  readonly committed: Checkpoint;
  /** The highest global position of any committed event (readable or still held back). */
  readonly lastGlobalPosition: bigint;
}

function checkpointFromRow(
  tx: string | null | undefined,
  pos: string | null | undefined,
): Checkpoint {
  return tx == null || pos == null
    ? START_CHECKPOINT
    : { transactionId: BigInt(tx), globalPosition: BigInt(pos) };
}

/** Reads the {@link LogHead}. */
export async function readHead(db: Queryable): Promise<LogHead> {
  try {
    const { rows } = await db.query<{
      tx: string | null;
      pos: string | null;
      ctx: string | null;
      cpos: string | null;
      max: string | null;
    }>(
      `SELECT r.transaction_id::text AS tx, r.global_position::text AS pos,
              c.transaction_id::text AS ctx, c.global_position::text AS cpos,
              (SELECT max(global_position)::text FROM events) AS max
         FROM (SELECT 1) AS one
         LEFT JOIN LATERAL (
           SELECT e.transaction_id, e.global_position FROM events e
            WHERE e.transaction_id < pg_snapshot_xmin(pg_current_snapshot())
            ORDER BY e.transaction_id DESC, e.global_position DESC LIMIT 1) r ON TRUE
         LEFT JOIN LATERAL (
           SELECT e.transaction_id, e.global_position FROM events e
            ORDER BY e.transaction_id DESC, e.global_position DESC LIMIT 1) c ON TRUE`,
    );
    const row = rows[0];
    return {
      readable: checkpointFromRow(row?.tx, row?.pos),
      committed: checkpointFromRow(row?.ctx, row?.cpos),
      lastGlobalPosition: BigInt(row?.max ?? '0'),
    };
  } catch (error) {
    throw databaseError(error, 'reading the head of the log');
  }
}
