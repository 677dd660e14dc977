// What the event log holds, and how a consumer's deliveries compare with it.
import type pg from 'pg';
import type { RelayedEvent } from './kafka.js';

/** An event as the log (PostgreSQL) holds it. */
export interface LoggedEvent {
  readonly eventId: string;
  readonly streamId: string;
  readonly streamVersion: number;
  readonly type: string;
}

/** Every event of the log, in commit order. */
export function loggedEvents(pool: pg.Pool): Promise<LoggedEvent[]> {
  return eventsWhere(pool, {});
}

/** How deliveries compare with the log. */
export interface DeliveryReport {
  /** Out-of-order or foreign deliveries, described; empty when every stream arrived in order. */
  readonly violations: string[];
  /** Logged events never delivered (ids). */
  readonly missing: string[];
  /** Redeliveries of an event already seen (the relay is at-least-once). */
  readonly redelivered: number;
  /** Distinct events delivered. */
  readonly delivered: number;
}

/**
 * Checks deliveries the way a consumer that keeps one number per stream would
 * (the event store's IdempotentApplier does): a version at or below the last one
 * seen must be a copy of the event seen at that version (a redelivery); the next
 * version applies; anything else is a violation (a gap, or a stream out of order).
 * Every stream must start at version 1 and live on one partition under its own key.
 */
export function compareWithLog(
  received: readonly RelayedEvent[],
  logged: readonly LoggedEvent[],
): DeliveryReport {
  const violations: string[] = [];
  const seen = new Map<string, string[]>(); // stream -> event ids by version - 1
  const partitions = new Map<string, number>();
  const loggedIds = new Set(logged.map((event) => event.eventId));
  let redelivered = 0;
  for (const event of received) {
    if (event.key !== event.streamId) {
      violations.push(`${event.eventId}: key ${event.key} is not its stream ${event.streamId}`);
    }
    const partition = partitions.get(event.streamId);
    if (partition === undefined) partitions.set(event.streamId, event.partition);
    else if (partition !== event.partition) {
      violations.push(`${event.streamId} is on partitions ${partition} and ${event.partition}`);
    }
    if (!loggedIds.has(event.eventId)) {
      violations.push(`${event.eventId} (${event.streamId} v${event.streamVersion}) is not logged`);
    }
    const versions = seen.get(event.streamId) ?? [];
    seen.set(event.streamId, versions);
    if (event.streamVersion <= versions.length) {
      if (versions[event.streamVersion - 1] === event.eventId) redelivered += 1;
      else violations.push(`${event.streamId} v${event.streamVersion}: a different event`);
    } else if (event.streamVersion === versions.length + 1) {
      versions.push(event.eventId);
    } else {
      violations.push(
        `${event.streamId}: v${event.streamVersion} arrived after v${versions.length} (gap)`,
      );
    }
  }
  const delivered = new Set([...seen.values()].flat());
  return {
    violations,
    missing: logged.filter((event) => !delivered.has(event.eventId)).map((e) => e.eventId),
    redelivered,
    delivered: delivered.size,
  };
}

/** True once every logged event was delivered (the condition to wait for). */
export function deliveredAll(
  received: readonly RelayedEvent[],
  logged: readonly LoggedEvent[],
): boolean {
  const ids = new Set(received.map((event) => event.eventId));
  return logged.every((event) => ids.has(event.eventId));
}

/** What {@link eventsWhere} filters on (all given fields must match). */
export interface EventFilter {
  readonly type?: string;
  readonly streamId?: string;
  /** The id of what caused the event (an approved request's id for the change it applied). */
  readonly causationId?: string;
}

/**
 * Logged events matching a filter, in commit order: "applied exactly once" is
 * `eventsWhere(pool, { causationId: requestId })` having one IAM change.
 */
export async function eventsWhere(pool: pg.Pool, filter: EventFilter): Promise<LoggedEvent[]> {
  const { rows } = await pool.query<{
    event_id: string;
    stream_id: string;
    stream_version: string;
    type: string;
  }>(
    `SELECT event_id, stream_id, stream_version, type FROM events
      WHERE ($1::text IS NULL OR type = $1)
        AND ($2::text IS NULL OR stream_id = $2)
        AND ($3::text IS NULL OR causation_id = $3)
      ORDER BY global_position`,
    [filter.type ?? null, filter.streamId ?? null, filter.causationId ?? null],
  );
  return rows.map((row) => ({
    eventId: row.event_id,
    streamId: row.stream_id,
    streamVersion: Number(row.stream_version),
    type: row.type,
  }));
}
