import { describe, expect, it } from '@jest/globals';
import { EventStoreError } from '../errors.js';
import type { RecordedEvent } from '../events.js';
import { StreamVersionTracker, classifyDelivery } from './idempotentApplier.js';
import {
  ENVELOPE_CONTENT_TYPE,
  HEADERS,
  fromKafkaMessage,
  toKafkaMessage,
} from './kafkaEnvelope.js';
import { DEFAULT_EVENTS_TOPIC, categoryTopic, streamCategory } from './topics.js';

const event: RecordedEvent = {
  eventId: '0b6d3c5e-6b8f-4e3a-9a55-3d1f0d2c7e11',
  streamId: 'user-42',
  streamVersion: 3,
  type: 'UserCreated',
  schemaVersion: 2,
  actor: 'root',
  causationId: null,
  correlationId: 'req-1',
  occurredAt: new Date('2026-11-28T10:00:00.123Z'),
  recordedAt: new Date('2026-11-28T10:00:00.456Z'),
  data: { userName: 'alice' },
  metadata: { source: 'test' },
  globalPosition: 9_007_199_254_740_993n,
  transactionId: 18_446_744_073_709_551_615n,
  prevHash: 'a'.repeat(64),
  hash: 'b'.repeat(64),
};

function consumed(message: ReturnType<typeof toKafkaMessage>) {
  return {
    key: message.key == null ? null : Buffer.from(message.key),
    value: message.value == null ? null : Buffer.from(message.value),
    headers: message.headers ?? {},
  };
}

describe('Kafka envelope', () => {
  it('keys by stream id and carries id, version and positions in headers', () => {
    const message = toKafkaMessage(event);
    expect(message.key).toBe('user-42');
    expect(message.headers).toMatchObject({
      [HEADERS.eventId]: event.eventId,
      [HEADERS.streamVersion]: '3',
      [HEADERS.globalPosition]: '9007199254740993',
      [HEADERS.transactionId]: '18446744073709551615',
      [HEADERS.contentType]: ENVELOPE_CONTENT_TYPE,
      [HEADERS.correlationId]: 'req-1',
    });
    expect(message.headers).not.toHaveProperty(HEADERS.causationId);
    expect(message.timestamp).toBe(String(event.recordedAt.getTime()));
  });

  it('round-trips an event exactly, big numbers included', () => {
    expect(fromKafkaMessage(consumed(toKafkaMessage(event)))).toEqual(event);
  });

  it.each<[string, unknown]>([
    ['no value', null],
    ['a non-JSON value', 'nope'],
    ['a JSON array', '[]'],
    ['a missing field', JSON.stringify({ eventId: 'x' })],
  ])('refuses %s', (_name, value) => {
    const message = { key: null, value: value === null ? null : Buffer.from(value as string) };
    expect(() => fromKafkaMessage(message)).toThrow(EventStoreError);
  });

  it('refuses a key that is not the stream id', () => {
    const message = consumed(toKafkaMessage(event));
    expect(() => fromKafkaMessage({ ...message, key: Buffer.from('user-43') })).toThrow(/key/);
  });
});

describe('idempotent delivery', () => {
  it('classifies by the last applied version of the stream', () => {
    expect(classifyDelivery(0, 1)).toBe('apply');
    expect(classifyDelivery(4, 5)).toBe('apply');
    expect(classifyDelivery(4, 4)).toBe('duplicate');
    expect(classifyDelivery(4, 2)).toBe('duplicate');
    expect(classifyDelivery(4, 6)).toBe('gap');
    expect(classifyDelivery(0, 2)).toBe('gap');
  });

  it('removes the duplicates of an at-least-once redelivery', () => {
    const delivered = [1, 2, 3, 2, 3, 4, 1, 5].map((v) => ({
      streamId: 's',
      streamVersion: v,
      eventId: `e${v}`,
    }));
    const tracker = new StreamVersionTracker();
    expect(
      delivered.filter((e) => tracker.accept(e) === 'apply').map((e) => e.streamVersion),
    ).toEqual([1, 2, 3, 4, 5]);
    expect(tracker.lastApplied('s')).toBe(5);
    expect(tracker.accept({ streamId: 's', streamVersion: 7, eventId: 'e7' })).toBe('gap');
    expect(tracker.lastApplied('s')).toBe(5);
  });
});

describe('topics', () => {
  it('default to one versioned topic, or one per stream category', () => {
    expect(DEFAULT_EVENTS_TOPIC).toBe('gatehouse.events.v1');
    expect(streamCategory('user-42')).toBe('user');
    expect(streamCategory('policy:arn/x')).toBe('policy');
    expect(streamCategory('odd$name')).toBe('odd_name');
    expect(categoryTopic()(event)).toBe('gatehouse.events.v1.user');
    expect(categoryTopic('acme.events')(event)).toBe('acme.events.user');
  });
});
