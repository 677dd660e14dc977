import { assertStreamId } from '../append/limits.js';
import { EventStoreError, databaseError } from '../errors.js';
import type { RecordedEvent } from '../events.js';
import { EVENT_COLUMNS, toRecordedEvent, type EventRow } from '../schema/eventRow.js';
import type { Queryable } from '../schema/queryable.js';
import { MAX_READ_LIMIT } from './readAll.js';
import { assertLimit, pointInTimeCondition, type PointInTime } from './pointInTime.js';

/** Options of {@link readStream}. */
export interface ReadStreamOptions {
  /** First version to return (default 1). */
  readonly fromVersion?: number;
  /** At most this many events, 1-10,000 (default 10,000). */
  readonly limit?: number;
  /** Only events up to this point in time: the stream as it was then. */
  readonly asOf?: PointInTime;
}

/** A stream's events, in version order. */
export interface ReadStreamResult {
  readonly streamId: string;
  /** The stream's current version (0: no stream), whatever `asOf` says. */
  readonly currentVersion: number;
  readonly events: readonly RecordedEvent[];
}

/**
 * Reads one stream in version order. A stream's committed events are always a
 * contiguous prefix (appends to it are serialised), so no horizon is needed here.
 */
export async function readStream(
  db: Queryable,
  streamId: string,
  options: ReadStreamOptions = {},
): Promise<ReadStreamResult> {
  assertStreamId(streamId);
  const fromVersion = options.fromVersion ?? 1;
  if (!Number.isSafeInteger(fromVersion) || fromVersion < 1) {
    throw new EventStoreError('INVALID_ARGUMENT', '`fromVersion` must be an integer >= 1');
  }
  const limit = options.limit ?? MAX_READ_LIMIT;
  assertLimit(limit, MAX_READ_LIMIT);
  const values: unknown[] = [streamId, fromVersion, limit];
  const asOf = pointInTimeCondition(options.asOf, values);
  try {
    // One statement, one snapshot: the version must be the version of the events
    // returned. (Two queries on a pool see two snapshots; a commit between them
    // gave old events with a new version, and a writer deciding on that read
    // passed its expected-version check on a state it never saw.)
    const { rows } = await db.query<StreamRow>(
      `SELECT h.version::text AS head_version, ${EVENT_COLUMNS}
         FROM (SELECT 1) AS one
         LEFT JOIN event_streams h ON h.stream_id = $1
         LEFT JOIN LATERAL (
           SELECT * FROM events e
            WHERE e.stream_id = $1 AND e.stream_version >= $2 AND ${asOf}
            ORDER BY e.stream_version
            LIMIT $3) e ON TRUE
        ORDER BY e.stream_version`,
      values,
    );
    return {
      streamId,
      currentVersion: Number(rows[0]?.head_version ?? '0'),
      // Without events the join yields one row of nulls: only the head is real.
      events: rows.filter(hasEvent).map(toRecordedEvent),
    };
  } catch (error) {
    throw databaseError(error, `reading stream \`${streamId}\``);
  }
}

/** A row of the stream read: the head's version, and an event unless the stream has none to return. */
type StreamRow = Omit<EventRow, 'event_id'> & {
  readonly event_id: string | null;
  readonly head_version: string | null;
};

function hasEvent(row: StreamRow): row is StreamRow & EventRow {
  return row.event_id !== null;
}
