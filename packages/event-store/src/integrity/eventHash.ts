import { createHash } from 'node:crypto';
import { canonicalJson } from './canonicalJson.js';

/** The predecessor hash of every stream's first event: 32 zero bytes, hex. */
export const GENESIS_HASH = '0'.repeat(64);

/** Names the canonical form below; part of every content hash so the form can evolve. */
export const EVENT_HASH_FORMAT = 'gatehouse.event.v1';

/** What an event's content hash covers: everything the writer supplied. */
export interface EventContent {
  readonly eventId: string;
  readonly streamId: string;
  readonly type: string;
  readonly schemaVersion: number;
  readonly actor: string;
  readonly causationId: string | null;
  readonly correlationId: string | null;
  readonly occurredAt: Date;
  readonly data: unknown;
  readonly metadata: unknown;
}

/**
 * The canonical form hashed for an event's content: the canonical JSON
 * ({@link canonicalJson}) of `{ format, eventId, streamId, type, schemaVersion,
 * actor, causationId, correlationId, occurredAt, data, metadata }`, with
 * `eventId` as a lowercase UUID, absent ids as null and `occurredAt` as an
 * ISO-8601 UTC string with milliseconds.
 */
export function canonicalEventContent(content: EventContent): string {
  return canonicalEventContentWith(
    content,
    canonicalJson(content.data, '/data'),
    canonicalJson(content.metadata, '/metadata'),
  );
}

/**
 * {@link canonicalEventContent} from the canonical JSON of data and metadata
 * already computed (the append path computes them once for size and hash).
 * Keys are written in their sorted order.
 */
export function canonicalEventContentWith(
  content: Omit<EventContent, 'data' | 'metadata'>,
  dataJson: string,
  metadataJson: string,
): string {
  return (
    `{"actor":${canonicalJson(content.actor, '/actor')}` +
    `,"causationId":${canonicalJson(content.causationId, '/causationId')}` +
    `,"correlationId":${canonicalJson(content.correlationId, '/correlationId')}` +
    `,"data":${dataJson}` +
    `,"eventId":${canonicalJson(content.eventId, '/eventId')}` +
    `,"format":"${EVENT_HASH_FORMAT}"` +
    `,"metadata":${metadataJson}` +
    `,"occurredAt":${canonicalJson(content.occurredAt.toISOString())}` +
    `,"schemaVersion":${canonicalJson(content.schemaVersion, '/schemaVersion')}` +
    `,"streamId":${canonicalJson(content.streamId, '/streamId')}` +
    `,"type":${canonicalJson(content.type, '/type')}}`
  );
}

/** SHA-256 of the canonical content form (32 bytes). */
export function contentHash(content: EventContent): Buffer {
  return sha256(Buffer.from(canonicalEventContent(content), 'utf8'));
}

/**
 * An event's chained hash: SHA-256(prev_hash ‖ int64be(stream_version) ‖
 * int64be(recorded_at as µs since the Unix epoch) ‖ content_hash). The database
 * computes it at append time (event_store_append); verify recomputes it here.
 */
export function chainHash(
  prevHash: Buffer,
  streamVersion: bigint,
  recordedAtMicros: bigint,
  content: Buffer,
): Buffer {
  const numbers = Buffer.alloc(16);
  numbers.writeBigInt64BE(streamVersion, 0);
  numbers.writeBigInt64BE(recordedAtMicros, 8);
  return sha256(Buffer.concat([prevHash, numbers, content]));
}

/** SHA-256 of bytes. */
export function sha256(bytes: Buffer): Buffer {
  return createHash('sha256').update(bytes).digest();
}
