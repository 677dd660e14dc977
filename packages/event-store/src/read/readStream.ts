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
    const [events, head] = await Promise.all([
      db.query<EventRow>(
        `SELECT ${EVENT_COLUMNS}
           FROM events e
          WHERE e.stream_id = $1 AND e.stream_version >= $2 AND ${asOf}
          ORDER BY e.stream_version
          LIMIT $3`,
        values,
      ),
      db.query<{ version: string }>(
        'SELECT version::text AS version FROM event_streams WHERE stream_id = $1',
        [streamId],
      ),
    ]);
    return {
      streamId,
      currentVersion: Number(head.rows[0]?.version ?? '0'),
      events: events.rows.map(toRecordedEvent),
    };
  } catch (error) {
    throw databaseError(error, `reading stream \`${streamId}\``);
  }
}
