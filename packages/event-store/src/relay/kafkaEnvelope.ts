import type { IHeaders, Message } from 'kafkajs';
import { EventStoreError } from '../errors.js';
import type { JsonObject, RecordedEvent } from '../events.js';

/** Content type of the relay's message values (header `content-type`). */
export const ENVELOPE_CONTENT_TYPE = 'application/vnd.gatehouse.event+json;version=1';

/** The Kafka headers the relay sets on every message. */
export const HEADERS = {
  eventId: 'event-id',
  eventType: 'event-type',
  streamId: 'stream-id',
  streamVersion: 'stream-version',
  globalPosition: 'global-position',
  transactionId: 'transaction-id',
  schemaVersion: 'schema-version',
  correlationId: 'correlation-id',
  causationId: 'causation-id',
  contentType: 'content-type',
} as const;

/** The JSON value of a relayed message: the recorded event, big numbers as strings. */
export interface EventEnvelope {
  readonly eventId: string;
  readonly streamId: string;
  readonly streamVersion: number;
  readonly type: string;
  readonly schemaVersion: number;
  readonly actor: string;
  readonly causationId: string | null;
  readonly correlationId: string | null;
  readonly occurredAt: string;
  readonly recordedAt: string;
  readonly globalPosition: string;
  readonly transactionId: string;
  readonly prevHash: string;
  readonly hash: string;
  readonly data: JsonObject;
  readonly metadata: JsonObject;
}

/** The Kafka message for an event: key = stream id (per-stream order), envelope value, headers. */
export function toKafkaMessage(event: RecordedEvent): Message {
  const envelope: EventEnvelope = {
    eventId: event.eventId,
    streamId: event.streamId,
    streamVersion: event.streamVersion,
    type: event.type,
    schemaVersion: event.schemaVersion,
    actor: event.actor,
    causationId: event.causationId,
    correlationId: event.correlationId,
    occurredAt: event.occurredAt.toISOString(),
    recordedAt: event.recordedAt.toISOString(),
    globalPosition: event.globalPosition.toString(),
    transactionId: event.transactionId.toString(),
    prevHash: event.prevHash,
    hash: event.hash,
    data: event.data,
    metadata: event.metadata,
  };
  const headers: IHeaders = {
    [HEADERS.eventId]: event.eventId,
    [HEADERS.eventType]: event.type,
    [HEADERS.streamId]: event.streamId,
    [HEADERS.streamVersion]: String(event.streamVersion),
    [HEADERS.globalPosition]: event.globalPosition.toString(),
    [HEADERS.transactionId]: event.transactionId.toString(),
    [HEADERS.schemaVersion]: String(event.schemaVersion),
    [HEADERS.contentType]: ENVELOPE_CONTENT_TYPE,
  };
  if (event.correlationId !== null) headers[HEADERS.correlationId] = event.correlationId;
  if (event.causationId !== null) headers[HEADERS.causationId] = event.causationId;
  return {
    key: event.streamId,
    value: JSON.stringify(envelope),
    headers,
    timestamp: String(event.recordedAt.getTime()),
  };
}

/** The parts of a consumed Kafka message the decoder needs (kafkajs `KafkaMessage` fits). */
export interface ConsumedMessage {
  readonly key: Buffer | null;
  readonly value: Buffer | null;
  readonly headers?: IHeaders;
}

/**
 * Decodes a message written by the relay back into a {@link RecordedEvent}.
 * @throws EventStoreError `INVALID_MESSAGE`
 */
export function fromKafkaMessage(message: ConsumedMessage): RecordedEvent {
  if (message.value === null) invalid('it has no value');
  let parsed: unknown;
  try {
    parsed = JSON.parse(message.value.toString('utf8'));
  } catch (error) {
    return invalid('its value is not JSON', error);
  }
  if (typeof parsed !== 'object' || parsed === null) invalid('its value is not a JSON object');
  const envelope = parsed as Readonly<Record<keyof EventEnvelope, unknown>>;
  const text = (field: keyof EventEnvelope): string => {
    const value = envelope[field];
    if (typeof value !== 'string') invalid(`\`${field}\` is not a string`);
    return value;
  };
  const nullable = (field: 'causationId' | 'correlationId'): string | null => {
    const value = envelope[field];
    if (value !== null && typeof value !== 'string') invalid(`\`${field}\` is not a string`);
    return value;
  };
  const integer = (field: 'streamVersion' | 'schemaVersion'): number => {
    const value = envelope[field];
    if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
      invalid(`\`${field}\` is not an integer`);
    }
    return value;
  };
  const object = (field: 'data' | 'metadata'): JsonObject => {
    const value = envelope[field];
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      invalid(`\`${field}\` is not an object`);
    }
    return value as JsonObject;
  };
  const big = (field: 'globalPosition' | 'transactionId'): bigint => {
    const value = text(field);
    if (!/^\d{1,20}$/.test(value)) invalid(`\`${field}\` is not a decimal integer`);
    return BigInt(value);
  };
  const date = (field: 'occurredAt' | 'recordedAt'): Date => {
    const value = new Date(text(field));
    if (Number.isNaN(value.getTime())) invalid(`\`${field}\` is not a date`);
    return value;
  };
  const event: RecordedEvent = {
    eventId: text('eventId'),
    streamId: text('streamId'),
    streamVersion: integer('streamVersion'),
    type: text('type'),
    schemaVersion: integer('schemaVersion'),
    actor: text('actor'),
    causationId: nullable('causationId'),
    correlationId: nullable('correlationId'),
    occurredAt: date('occurredAt'),
    recordedAt: date('recordedAt'),
    data: object('data'),
    metadata: object('metadata'),
    globalPosition: big('globalPosition'),
    transactionId: big('transactionId'),
    prevHash: text('prevHash'),
    hash: text('hash'),
  };
  if (message.key !== null && message.key.toString('utf8') !== event.streamId) {
    invalid('its key is not the stream id of its value');
  }
  return event;
}

function invalid(problem: string, cause?: unknown): never {
  throw new EventStoreError('INVALID_MESSAGE', `not a gatehouse event message: ${problem}`, {
    cause,
  });
}
