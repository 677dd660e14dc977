import type { JsonObject, RecordedEvent } from '../events.js';

/** The columns every event read selects, in the shape {@link toRecordedEvent} maps. */
export const EVENT_COLUMNS = `e.global_position, e.transaction_id::text AS transaction_id, e.event_id::text AS event_id,
  e.stream_id, e.stream_version, e.type, e.schema_version, e.actor, e.causation_id, e.correlation_id,
  e.occurred_at, e.recorded_at, e.data, e.metadata,
  encode(e.prev_hash, 'hex') AS prev_hash, encode(e.hash, 'hex') AS hash`;

/** A row selected with {@link EVENT_COLUMNS} (int8 and xid8 arrive as strings). */
export interface EventRow {
  readonly global_position: string;
  readonly transaction_id: string;
  readonly event_id: string;
  readonly stream_id: string;
  readonly stream_version: string;
  readonly type: string;
  readonly schema_version: number;
  readonly actor: string;
  readonly causation_id: string | null;
  readonly correlation_id: string | null;
  readonly occurred_at: Date;
  readonly recorded_at: Date;
  readonly data: JsonObject;
  readonly metadata: JsonObject;
  readonly prev_hash: string;
  readonly hash: string;
}

/** Maps a selected row to the public event shape. */
export function toRecordedEvent(row: EventRow): RecordedEvent {
  return {
    eventId: row.event_id,
    streamId: row.stream_id,
    streamVersion: Number(row.stream_version),
    type: row.type,
    schemaVersion: row.schema_version,
    actor: row.actor,
    causationId: row.causation_id,
    correlationId: row.correlation_id,
    occurredAt: row.occurred_at,
    recordedAt: row.recorded_at,
    data: row.data,
    metadata: row.metadata,
    globalPosition: BigInt(row.global_position),
    transactionId: BigInt(row.transaction_id),
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}
