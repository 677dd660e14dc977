import { describe, expect, it } from '@jest/globals';
import { EventStoreError } from '../errors.js';
import type { EventInput } from '../events.js';
import { contentHash } from '../integrity/eventHash.js';
import { DEFAULT_APPEND_LIMITS, assertStreamId, resolveLimits } from './limits.js';
import { appendPayload, prepareEvents } from './prepareEvents.js';

const event: EventInput = {
  type: 'UserCreated',
  data: { userName: 'alice' },
  actor: 'arn:gatehouse:iam::000000000000:root',
};
const now = new Date('2026-11-28T00:00:00.000Z');

function codeOf(run: () => unknown): string {
  try {
    run();
    return 'OK';
  } catch (error) {
    if (error instanceof EventStoreError) return error.code;
    throw error;
  }
}

describe('prepareEvents', () => {
  it('fills defaults and hashes the canonical content', () => {
    const [prepared] = prepareEvents('user-1', [event], DEFAULT_APPEND_LIMITS, now);
    expect(prepared).toMatchObject({
      type: 'UserCreated',
      schemaVersion: 1,
      causationId: null,
      correlationId: null,
      occurredAt: '2026-11-28T00:00:00.000Z',
      dataJson: '{"userName":"alice"}',
      metadataJson: '{}',
    });
    expect(prepared?.eventId).toMatch(/^[0-9a-f-]{36}$/);
    expect(prepared?.contentHash).toBe(
      contentHash({
        eventId: prepared!.eventId,
        streamId: 'user-1',
        type: 'UserCreated',
        schemaVersion: 1,
        actor: event.actor,
        causationId: null,
        correlationId: null,
        occurredAt: now,
        data: event.data,
        metadata: {},
      }).toString('hex'),
    );
  });

  it('lower-cases event ids, so a retried append matches what PostgreSQL returns', () => {
    const [prepared] = prepareEvents(
      'user-1',
      [{ ...event, eventId: '0B6D3C5E-6B8F-4E3A-9A55-3D1F0D2C7E11' }],
      DEFAULT_APPEND_LIMITS,
    );
    expect(prepared?.eventId).toBe('0b6d3c5e-6b8f-4e3a-9a55-3d1f0d2c7e11');
  });

  it('builds the append payload as JSON with data spliced in canonically', () => {
    const prepared = prepareEvents(
      'user-1',
      [{ ...event, data: { b: [1, { d: null, c: 'é' }], a: 1 }, causationId: 'c"1' }],
      DEFAULT_APPEND_LIMITS,
      now,
    );
    const payload: unknown = JSON.parse(appendPayload(prepared));
    expect(payload).toEqual([
      {
        event_id: prepared[0]!.eventId,
        type: 'UserCreated',
        schema_version: 1,
        actor: event.actor,
        causation_id: 'c"1',
        correlation_id: null,
        occurred_at: '2026-11-28T00:00:00.000Z',
        data: { a: 1, b: [1, { c: 'é', d: null }] },
        metadata: {},
        content_hash: prepared[0]!.contentHash,
      },
    ]);
  });

  it('refuses a lone surrogate in the actor', () => {
    expect(
      codeOf(() => prepareEvents('s', [{ ...event, actor: 'a\ud800' }], DEFAULT_APPEND_LIMITS)),
    ).toBe('INVALID_EVENT');
  });

  it.each<[string, Partial<EventInput> | Record<string, unknown>, string]>([
    ['a lower-case type', { type: 'userCreated' }, 'INVALID_EVENT'],
    ['a dotted type', { type: 'iam.UserCreated' }, 'INVALID_EVENT'],
    ['a 129-character type', { type: `U${'x'.repeat(128)}` }, 'INVALID_EVENT'],
    ['a missing actor', { actor: undefined }, 'INVALID_EVENT'],
    ['an actor with a newline', { actor: 'a\nb' }, 'INVALID_EVENT'],
    ['a numeric event id', { eventId: 42 }, 'INVALID_EVENT'],
    ['schema version 0', { schemaVersion: 0 }, 'INVALID_EVENT'],
    ['a fractional schema version', { schemaVersion: 1.5 }, 'INVALID_EVENT'],
    ['an empty causation id', { causationId: '' }, 'INVALID_EVENT'],
    ['a 129-character correlation id', { correlationId: 'c'.repeat(129) }, 'INVALID_EVENT'],
    ['an invalid date', { occurredAt: new Date(Number.NaN) }, 'INVALID_EVENT'],
    ['a date string', { occurredAt: '2026-01-01' }, 'INVALID_EVENT'],
    ['array data', { data: [1] }, 'INVALID_EVENT'],
    ['null data', { data: null }, 'INVALID_EVENT'],
    ['metadata with undefined', { metadata: { a: undefined } }, 'INVALID_EVENT'],
    ['data of 262,145 bytes', { data: { s: 'x'.repeat(262_140) } }, 'EVENT_TOO_LARGE'],
  ])('refuses %s', (_name, change, code) => {
    expect(
      codeOf(() => prepareEvents('s-1', [{ ...event, ...change }], DEFAULT_APPEND_LIMITS)),
    ).toBe(code);
  });

  it('counts size in UTF-8 bytes of data and metadata', () => {
    const limits = resolveLimits({ maxEventBytes: 100 });
    const fits = { ...event, data: { s: 'é'.repeat(30) } };
    const tooBig = { ...event, data: { s: 'é'.repeat(30) }, metadata: { t: 'x'.repeat(30) } };
    expect(codeOf(() => prepareEvents('s', [fits], limits))).toBe('OK');
    expect(codeOf(() => prepareEvents('s', [tooBig], limits))).toBe('EVENT_TOO_LARGE');
  });

  it('refuses batches over the limit and duplicate ids within a batch', () => {
    const limits = resolveLimits({ maxEventsPerAppend: 2 });
    expect(codeOf(() => prepareEvents('s', [event, event, event], limits))).toBe('BATCH_TOO_LARGE');
    const id = '0b6d3c5e-6b8f-4e3a-9a55-3d1f0d2c7e11';
    expect(
      codeOf(() =>
        prepareEvents(
          's',
          [
            { ...event, eventId: id },
            { ...event, eventId: id },
          ],
          limits,
        ),
      ),
    ).toBe('INVALID_EVENT');
    expect(codeOf(() => prepareEvents('s', 'nope' as unknown as EventInput[], limits))).toBe(
      'INVALID_EVENT',
    );
  });
});

describe('limits', () => {
  it('accept overrides within their ceilings only', () => {
    expect(resolveLimits({ maxEventsPerAppend: 10 }).maxEventsPerAppend).toBe(10);
    expect(codeOf(() => resolveLimits({ maxEventsPerAppend: 0 }))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => resolveLimits({ maxEventsPerAppend: 10_001 }))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => resolveLimits({ maxEventBytes: 5 * 1024 * 1024 }))).toBe(
      'INVALID_ARGUMENT',
    );
  });

  it.each([
    ['user-42', true],
    ['arn:aws:iam::123456789012:user/division_abc/Bob', true],
    ['role:Admin@corp+x=y,z', true],
    ['-leading-dash', false],
    ['', false],
    ['has space', false],
    ['x'.repeat(200), true],
    ['x'.repeat(201), false],
    ['emoji-😀', false],
  ])('stream id %j valid: %s', (id, valid) => {
    expect(codeOf(() => assertStreamId(id))).toBe(valid ? 'OK' : 'INVALID_STREAM_ID');
  });
});
