import { randomUUID } from 'node:crypto';
import { EventStoreError } from '../errors.js';
import type { EventInput, JsonObject } from '../events.js';
import { canonicalJson } from '../integrity/canonicalJson.js';
import { canonicalEventContentWith, sha256 } from '../integrity/eventHash.js';
import type { AppendLimits } from './limits.js';

/** An event checked, normalised and hashed, ready for event_store_append. */
export interface PreparedEvent {
  readonly eventId: string;
  readonly type: string;
  readonly schemaVersion: number;
  readonly actor: string;
  readonly causationId: string | null;
  readonly correlationId: string | null;
  /** ISO-8601 UTC with milliseconds. */
  readonly occurredAt: string;
  /** Canonical JSON of the data and metadata objects. */
  readonly dataJson: string;
  readonly metadataJson: string;
  /** Hex SHA-256 of the canonical content form. */
  readonly contentHash: string;
}

/**
 * The `p_events` argument of event_store_append: a JSON array of
 * `{ event_id, type, schema_version, actor, causation_id, correlation_id,
 * occurred_at, data, metadata, content_hash }`, with data and metadata spliced
 * in as their canonical JSON (serialised once).
 */
export function appendPayload(events: readonly PreparedEvent[]): string {
  const items = events.map(
    (event) =>
      `{"event_id":${JSON.stringify(event.eventId)},"type":${JSON.stringify(event.type)}` +
      `,"schema_version":${event.schemaVersion},"actor":${JSON.stringify(event.actor)}` +
      `,"causation_id":${JSON.stringify(event.causationId)}` +
      `,"correlation_id":${JSON.stringify(event.correlationId)}` +
      `,"occurred_at":${JSON.stringify(event.occurredAt)}` +
      `,"data":${event.dataJson},"metadata":${event.metadataJson}` +
      `,"content_hash":"${event.contentHash}"}`,
  );
  return `[${items.join(',')}]`;
}

/** Past-tense names are the caller's job; the form is PascalCase, at most 128 characters. */
export const EVENT_TYPE_PATTERN = /^[A-Z][A-Za-z0-9]{0,127}$/;
const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;
const MAX_ACTOR_LENGTH = 512;
const MAX_ID_LENGTH = 128;
// timestamptz(3) and Date.toISOString agree on years 0001-9999; the log needs no more.
const MAX_TIME = Date.UTC(9999, 11, 31, 23, 59, 59, 999);
const MIN_TIME = Date.UTC(1, 0, 1);

/**
 * Checks a batch against the event contract and the limits, normalises it and
 * computes each content hash. Pure: nothing is written when it throws.
 * @throws EventStoreError `INVALID_EVENT`, `BATCH_TOO_LARGE`, `EVENT_TOO_LARGE`
 */
export function prepareEvents(
  streamId: string,
  events: readonly EventInput<string, object>[],
  limits: AppendLimits,
  now: Date = new Date(),
): PreparedEvent[] {
  // Callers from plain JavaScript or untyped input may pass anything.
  const list: unknown = events;
  if (!Array.isArray(list)) {
    throw new EventStoreError('INVALID_EVENT', 'events must be an array');
  }
  if (events.length > limits.maxEventsPerAppend) {
    throw new EventStoreError(
      'BATCH_TOO_LARGE',
      `${events.length} events in one append, at most ${limits.maxEventsPerAppend} allowed`,
      { details: { count: events.length, max: limits.maxEventsPerAppend } },
    );
  }
  const seen = new Set<string>();
  return events.map((event, index) => {
    const prepared = prepareEvent(streamId, event, index, limits, now);
    if (seen.has(prepared.eventId)) {
      invalid(index, 'eventId', `\`${prepared.eventId}\` appears twice in the batch`);
    }
    seen.add(prepared.eventId);
    return prepared;
  });
}

function prepareEvent(
  streamId: string,
  event: EventInput<string, object>,
  index: number,
  limits: AppendLimits,
  now: Date,
): PreparedEvent {
  if (typeof event !== 'object' || (event as unknown) === null) {
    invalid(index, '', 'must be an object');
  }
  const type: unknown = event.type;
  const actor: unknown = event.actor;
  if (typeof type !== 'string' || !EVENT_TYPE_PATTERN.test(type)) {
    invalid(index, 'type', `\`${String(type).slice(0, 64)}\` is not a PascalCase event name`);
  }
  if (
    typeof actor !== 'string' ||
    actor.length === 0 ||
    actor.length > MAX_ACTOR_LENGTH ||
    CONTROL.test(actor)
  ) {
    invalid(index, 'actor', `must be 1-${MAX_ACTOR_LENGTH} characters without control characters`);
  }
  const rawId: unknown = event.eventId;
  const eventId =
    rawId === undefined ? randomUUID() : typeof rawId === 'string' ? rawId.toLowerCase() : '';
  if (!UUID_PATTERN.test(eventId)) {
    invalid(index, 'eventId', 'must be a UUID');
  }
  const schemaVersion = event.schemaVersion ?? 1;
  if (!Number.isInteger(schemaVersion) || schemaVersion < 1 || schemaVersion > 2_147_483_647) {
    invalid(index, 'schemaVersion', 'must be a positive integer');
  }
  const causationId = optionalId(event.causationId, index, 'causationId');
  const correlationId = optionalId(event.correlationId, index, 'correlationId');
  const occurredAt = event.occurredAt ?? now;
  if (
    !(occurredAt instanceof Date) ||
    Number.isNaN(occurredAt.getTime()) ||
    occurredAt.getTime() < MIN_TIME ||
    occurredAt.getTime() > MAX_TIME
  ) {
    invalid(index, 'occurredAt', 'must be a valid Date between years 1 and 9999');
  }
  const dataJson = canonicalAt(jsonObject(event.data, index, 'data'), index, 'data');
  const metadataJson = canonicalAt(
    jsonObject(event.metadata ?? {}, index, 'metadata'),
    index,
    'metadata',
  );
  const bytes = Buffer.byteLength(dataJson) + Buffer.byteLength(metadataJson);
  if (bytes > limits.maxEventBytes) {
    throw new EventStoreError(
      'EVENT_TOO_LARGE',
      `event ${index} has ${bytes} bytes of data and metadata, at most ${limits.maxEventBytes} allowed`,
      { details: { index, bytes, max: limits.maxEventBytes } },
    );
  }
  let canonical: string;
  try {
    canonical = canonicalEventContentWith(
      { eventId, streamId, type, schemaVersion, actor, causationId, correlationId, occurredAt },
      dataJson,
      metadataJson,
    );
  } catch (error) {
    // A lone surrogate in actor or an id: the field patterns do not rule those out.
    throw rethrowAt(error, index);
  }
  return {
    eventId,
    type,
    schemaVersion,
    actor,
    causationId,
    correlationId,
    occurredAt: occurredAt.toISOString(),
    dataJson,
    metadataJson,
    contentHash: sha256(Buffer.from(canonical, 'utf8')).toString('hex'),
  };
}

function optionalId(value: unknown, index: number, field: string): string | null {
  if (value === undefined || value === null) return null;
  if (
    typeof value !== 'string' ||
    value.length === 0 ||
    value.length > MAX_ID_LENGTH ||
    CONTROL.test(value)
  ) {
    invalid(index, field, `must be 1-${MAX_ID_LENGTH} characters without control characters`);
  }
  return value;
}

function jsonObject(value: unknown, index: number, field: string): JsonObject {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    invalid(index, field, 'must be a JSON object');
  }
  return value as JsonObject;
}

function canonicalAt(value: JsonObject, index: number, field: string): string {
  try {
    return canonicalJson(value, `/${index}/${field}`);
  } catch (error) {
    throw rethrowAt(error, index);
  }
}

function rethrowAt(error: unknown, index: number): unknown {
  if (error instanceof EventStoreError) {
    return new EventStoreError('INVALID_EVENT', `event ${index}: ${error.message}`, {
      cause: error,
      details: error.details,
    });
  }
  return error;
}

function invalid(index: number, field: string, problem: string): never {
  const where = field === '' ? `event ${index}` : `event ${index} \`${field}\``;
  throw new EventStoreError('INVALID_EVENT', `${where} ${problem}`, {
    details: { index, field },
  });
}
