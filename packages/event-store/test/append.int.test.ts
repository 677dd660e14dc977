// Appending: expected versions, idempotency, conflicts that write nothing,
// bounded inputs, the caller's transaction, point-in-time reads, and the
// database refusing to change recorded events.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  compareCheckpoints,
  EventStoreError,
  type AppendResult,
  type EventStore,
  type ExpectedVersion,
} from '../src/index.js';
import { connect, createTestStore, type TestStore } from './support/database.js';
import { aStream, anEvent, someEvents } from './support/events.js';

let t: TestStore;
let store: EventStore;

beforeAll(async () => {
  t = await createTestStore();
  store = t.store;
});
afterAll(async () => {
  await t.close();
});

async function lastSequenceValue(): Promise<string> {
  const { rows } = await t.pool.query<{ last_value: string; is_called: boolean }>(
    'SELECT last_value::text AS last_value, is_called FROM events_global_position_seq',
  );
  return `${rows[0]?.last_value}:${String(rows[0]?.is_called)}`;
}

async function eventCount(): Promise<number> {
  const { rows } = await t.pool.query<{ n: string }>('SELECT count(*)::text AS n FROM events');
  return Number(rows[0]?.n);
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof EventStoreError) return error.code;
    throw error;
  }
  return 'OK';
}

describe('expected version', () => {
  it('appends to a new stream and reads it back in order', async () => {
    const stream = aStream();
    const events = someEvents(3);
    const result = await store.appendToStream(stream, events, { expectedVersion: 'no_stream' });
    expect(result.nextExpectedVersion).toBe(3);
    expect(result.globalPositions).toHaveLength(3);
    expect(result.idempotent).toBe(false);
    const read = await store.readStream(stream);
    expect(read.currentVersion).toBe(3);
    expect(read.events.map((e) => e.streamVersion)).toEqual([1, 2, 3]);
    expect(read.events.map((e) => e.eventId)).toEqual(events.map((e) => e.eventId));
    expect(read.events[0]).toMatchObject({
      type: 'ThingHappened',
      actor: 'arn:gatehouse:iam::000000000000:user/test',
      correlationId: 'corr-1',
      causationId: null,
      schemaVersion: 1,
      data: events[0]?.data,
      metadata: {},
      prevHash: '0'.repeat(64),
    });
    expect(read.events[1]?.prevHash).toBe(read.events[0]?.hash);
  });

  it.each<[string, ExpectedVersion, ExpectedVersion, boolean]>([
    ['no_stream on a new stream', 'no_stream', 'no_stream', true],
    ['stream_exists on a new stream', 'stream_exists', 'stream_exists', false],
    ['exact 0 on a new stream', 0, 0, true],
    ['exact 1 on a new stream', 1, 1, false],
    ['any on a new stream', 'any', 'any', true],
  ])('%s', async (_name, expected, _again, ok) => {
    expect(
      await codeOf(store.appendToStream(aStream(), [anEvent()], { expectedVersion: expected })),
    ).toBe(ok ? 'OK' : 'WRONG_EXPECTED_VERSION');
  });

  it('checks every kind against an existing stream', async () => {
    const stream = aStream();
    await store.appendToStream(stream, someEvents(2));
    const attempt = (expectedVersion: ExpectedVersion) =>
      codeOf(store.appendToStream(stream, [anEvent()], { expectedVersion }));
    expect(await attempt('no_stream')).toBe('WRONG_EXPECTED_VERSION');
    expect(await attempt(1)).toBe('WRONG_EXPECTED_VERSION');
    expect(await attempt(3)).toBe('WRONG_EXPECTED_VERSION');
    expect(await attempt(2)).toBe('OK');
    expect(await attempt('stream_exists')).toBe('OK');
    expect(await attempt('any')).toBe('OK');
    expect((await store.readStream(stream)).currentVersion).toBe(5);
  });

  it('reports the actual version and writes nothing, drawing no position, on a conflict', async () => {
    const stream = aStream();
    await store.appendToStream(stream, someEvents(2));
    const before = [await lastSequenceValue(), await eventCount()];
    const error = await store
      .appendToStream(stream, someEvents(5), { expectedVersion: 7 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EventStoreError);
    expect((error as EventStoreError).code).toBe('WRONG_EXPECTED_VERSION');
    expect((error as EventStoreError).details).toMatchObject({ streamId: stream, actual: 2 });
    expect([await lastSequenceValue(), await eventCount()]).toEqual(before);
  });

  it('lets exactly one of N concurrent writers win each version of one stream', async () => {
    const stream = aStream('contended');
    const writers = 8;
    const rounds = 10;
    const wins: string[] = [];
    let conflicts = 0;
    await Promise.all(
      Array.from({ length: writers }, async (_, writer) => {
        for (let round = 0; round < rounds; round += 1) {
          const { currentVersion } = await store.readStream(stream, { limit: 1 });
          const event = anEvent(writer * 1000 + round);
          try {
            await store.appendToStream(stream, [event], { expectedVersion: currentVersion });
            wins.push(event.eventId ?? '');
          } catch (error) {
            if (!(error instanceof EventStoreError) || error.code !== 'WRONG_EXPECTED_VERSION') {
              throw error;
            }
            conflicts += 1;
          }
        }
      }),
    );
    const { events } = await store.readStream(stream);
    expect(events.map((e) => e.streamVersion)).toEqual(events.map((_, i) => i + 1));
    expect(events.map((e) => e.eventId)).toEqual(expect.arrayContaining(wins));
    expect(events).toHaveLength(wins.length);
    expect(wins.length + conflicts).toBe(writers * rounds);
    expect(conflicts).toBeGreaterThan(0);
  });

  it('lets exactly one of N concurrent creators create a stream', async () => {
    const stream = aStream('created');
    const results = await Promise.all(
      Array.from({ length: 8 }, () =>
        codeOf(store.appendToStream(stream, [anEvent()], { expectedVersion: 'no_stream' })),
      ),
    );
    expect(results.filter((code) => code === 'OK')).toHaveLength(1);
    expect(results.filter((code) => code === 'WRONG_EXPECTED_VERSION')).toHaveLength(7);
  });
});

describe('idempotency by event id', () => {
  it('treats a retried append as done, even with a now-stale expected version', async () => {
    const stream = aStream();
    const events = someEvents(3);
    const first = await store.appendToStream(stream, events, { expectedVersion: 'no_stream' });
    const before = await lastSequenceValue();
    const again: AppendResult = await store.appendToStream(stream, events, {
      expectedVersion: 'no_stream',
    });
    expect(again.idempotent).toBe(true);
    expect(again.globalPositions).toEqual(first.globalPositions);
    expect(again.nextExpectedVersion).toBe(3);
    expect(again.checkpoint).toEqual(first.checkpoint);
    expect(await lastSequenceValue()).toBe(before);
    expect((await store.readStream(stream)).events).toHaveLength(3);
  });

  it('is idempotent under concurrent retries of the same batch', async () => {
    const stream = aStream();
    const events = someEvents(4);
    const results = await Promise.all(
      Array.from({ length: 6 }, () => store.appendToStream(stream, events)),
    );
    expect(results.filter((r) => !r.idempotent)).toHaveLength(1);
    expect((await store.readStream(stream)).events).toHaveLength(4);
  });

  it('refuses a known id with other content, in another stream, or in a partial batch', async () => {
    const stream = aStream();
    const [a, b] = someEvents(2) as [ReturnType<typeof anEvent>, ReturnType<typeof anEvent>];
    await store.appendToStream(stream, [a]);
    expect(await codeOf(store.appendToStream(stream, [{ ...a, data: { other: true } }]))).toBe(
      'EVENT_ID_CONFLICT',
    );
    expect(await codeOf(store.appendToStream(aStream(), [a]))).toBe('EVENT_ID_CONFLICT');
    expect(await codeOf(store.appendToStream(stream, [a, b]))).toBe('EVENT_ID_CONFLICT');
    expect((await store.readStream(stream)).events).toHaveLength(1);
  });

  it('refuses the same id sent concurrently to two streams once', async () => {
    const event = anEvent();
    const codes = await Promise.all([
      codeOf(store.appendToStream(aStream(), [event])),
      codeOf(store.appendToStream(aStream(), [event])),
    ]);
    expect(codes.sort()).toEqual(['EVENT_ID_CONFLICT', 'OK']);
  });
});

describe('bounded inputs', () => {
  it.each<[string, () => Promise<unknown>, string]>([
    ['an empty stream id', () => store.appendToStream('', [anEvent()]), 'INVALID_STREAM_ID'],
    [
      'a stream id with spaces',
      () => store.appendToStream('a b', [anEvent()]),
      'INVALID_STREAM_ID',
    ],
    [
      'a 201-character stream id',
      () => store.appendToStream('s'.repeat(201), [anEvent()]),
      'INVALID_STREAM_ID',
    ],
    ['too many events', () => store.appendToStream(aStream(), someEvents(1001)), 'BATCH_TOO_LARGE'],
    [
      'a too large event',
      () => store.appendToStream(aStream(), [anEvent(1, { data: { blob: 'x'.repeat(300_000) } })]),
      'EVENT_TOO_LARGE',
    ],
    [
      'a camelCase type',
      () => store.appendToStream(aStream(), [anEvent(1, { type: 'thingHappened' })]),
      'INVALID_EVENT',
    ],
    [
      'an empty actor',
      () => store.appendToStream(aStream(), [anEvent(1, { actor: '' })]),
      'INVALID_EVENT',
    ],
    [
      'a non-UUID id',
      () => store.appendToStream(aStream(), [anEvent(1, { eventId: 'x' })]),
      'INVALID_EVENT',
    ],
    [
      'NaN in data',
      () => store.appendToStream(aStream(), [anEvent(1, { data: { n: Number.NaN } })]),
      'INVALID_EVENT',
    ],
    [
      'U+0000 in data',
      () => store.appendToStream(aStream(), [anEvent(1, { data: { s: 'a\u0000b' } })]),
      'INVALID_EVENT',
    ],
    [
      'a bad expected version',
      () => store.appendToStream(aStream(), [anEvent()], { expectedVersion: -1 }),
      'INVALID_ARGUMENT',
    ],
  ])('refuses %s with a typed error and writes nothing', async (_name, attempt, code) => {
    const before = [await lastSequenceValue(), await eventCount()];
    expect(await codeOf(attempt())).toBe(code);
    expect([await lastSequenceValue(), await eventCount()]).toEqual(before);
  });

  it('refuses a batch where one event of many is invalid, writing none', async () => {
    const stream = aStream();
    const events = [...someEvents(5), anEvent(1, { type: 'bad type' })];
    expect(await codeOf(store.appendToStream(stream, events))).toBe('INVALID_EVENT');
    expect((await store.readStream(stream)).currentVersion).toBe(0);
  });
});

describe('in the caller transaction', () => {
  it('commits and rolls back with it', async () => {
    const client = await t.pool.connect();
    const kept = aStream();
    const dropped = aStream();
    try {
      await client.query('BEGIN');
      await store.appendToStream(kept, [anEvent()], { transaction: client });
      await client.query('COMMIT');
      await client.query('BEGIN');
      await store.appendToStream(dropped, [anEvent()], { transaction: client });
      // A conflict is returned, not raised: the transaction stays usable.
      expect(
        await codeOf(
          store.appendToStream(kept, [anEvent()], { transaction: client, expectedVersion: 5 }),
        ),
      ).toBe('WRONG_EXPECTED_VERSION');
      await client.query('SELECT 1');
      await client.query('ROLLBACK');
    } finally {
      client.release();
    }
    expect((await store.readStream(kept)).currentVersion).toBe(1);
    expect((await store.readStream(dropped)).currentVersion).toBe(0);
  });

  it('refuses to let an older transaction write after a newer one, keeping stream order = log order', async () => {
    const stream = aStream();
    const older = await t.pool.connect();
    try {
      await older.query('BEGIN');
      // The older transaction takes its id first...
      await older.query('SELECT pg_current_xact_id()');
      // ...a newer one writes the stream and commits...
      await store.appendToStream(stream, [anEvent()]);
      // ...so the older may not append after it: its events would sort before version 1.
      expect(await codeOf(store.appendToStream(stream, [anEvent()], { transaction: older }))).toBe(
        'TRANSACTION_ORDER_CONFLICT',
      );
      await older.query('ROLLBACK');
    } finally {
      older.release();
    }
    // Without a caller transaction the store retries in a fresh one.
    await store.appendToStream(stream, [anEvent()]);
    expect((await store.readStream(stream)).currentVersion).toBe(2);
  });
});

describe('point in time', () => {
  it('reads a stream and the log as of a checkpoint and as of a time', async () => {
    const stream = aStream();
    const first = await store.appendToStream(stream, someEvents(2));
    await new Promise((resolve) => setTimeout(resolve, 20));
    const between = new Date();
    await new Promise((resolve) => setTimeout(resolve, 20));
    const second = await store.appendToStream(stream, someEvents(3));
    // Reads of the whole log hold back what a transaction still in flight anywhere
    // on the server might precede (other suites run concurrently): wait until ours is final.
    const deadline = Date.now() + 30_000;
    while (compareCheckpoints((await store.readHead()).readable, second.checkpoint!) < 0) {
      if (Date.now() > deadline) throw new Error('the appended events never became readable');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }

    const atCheckpoint = await store.readStream(stream, {
      asOf: { checkpoint: first.checkpoint! },
    });
    expect(atCheckpoint.events.map((e) => e.streamVersion)).toEqual([1, 2]);
    expect(atCheckpoint.currentVersion).toBe(5);
    const atTime = await store.readStream(stream, { asOf: { time: between } });
    expect(atTime.events.map((e) => e.streamVersion)).toEqual([1, 2]);

    const log = await store.readAll({ asOf: { checkpoint: first.checkpoint! }, limit: 10_000 });
    expect(log.events.at(-1)?.eventId).toBe(atCheckpoint.events[1]?.eventId);
    const logAtTime = await store.readAll({ asOf: { time: between }, limit: 10_000 });
    expect(logAtTime.events.filter((e) => e.streamId === stream)).toHaveLength(2);
    expect(logAtTime.events.every((e) => e.recordedAt.getTime() <= between.getTime())).toBe(true);
  });
});

describe('reading a stream while it is written', () => {
  // Regression: the events and the stream's current version were read by two
  // queries on two pooled connections (two snapshots). A reader could get the
  // events from before a commit with the version from after it, then append
  // with that version as its expectation and pass the check: two writers both
  // "created" the same entity.
  it('returns a current version that matches the events it returns', async () => {
    const mismatches: string[] = [];
    for (let round = 0; round < 40; round += 1) {
      const stream = aStream();
      const writer = (async () => {
        for (let i = 0; i < 5; i += 1) await store.appendToStream(stream, [anEvent()]);
      })();
      const reader = (async () => {
        for (let i = 0; i < 25; i += 1) {
          const read = await store.readStream(stream);
          if (read.events.length !== read.currentVersion) {
            mismatches.push(`${read.events.length} events at version ${read.currentVersion}`);
          }
        }
      })();
      await Promise.all([writer, reader]);
    }
    expect(mismatches).toEqual([]);
  });
});

describe('append-only in the database', () => {
  it('refuses UPDATE, DELETE and TRUNCATE of events, even by the owner', async () => {
    const stream = aStream();
    await store.appendToStream(stream, [anEvent()]);
    const client = await connect(t.database.url);
    try {
      for (const sql of [
        `UPDATE events SET data = '{}' WHERE stream_id = '${stream}'`,
        `DELETE FROM events WHERE stream_id = '${stream}'`,
        'TRUNCATE events CASCADE',
        'DELETE FROM event_streams',
        'TRUNCATE event_digests',
      ]) {
        await expect(client.query(sql)).rejects.toMatchObject({ code: 'GH001' });
      }
    } finally {
      await client.end();
    }
    expect((await store.readStream(stream)).events).toHaveLength(1);
  });

  it('reports a missing schema as SCHEMA_MISSING', async () => {
    await expect(store.assertSchema()).resolves.toBeUndefined();
    const pg = await import('pg');
    const pool = new pg.default.Pool({
      connectionString: t.database.url.replace(/\/[^/]+$/, '/postgres'),
    });
    try {
      const { EventStore } = await import('../src/index.js');
      const other = new EventStore({ pool });
      expect(await codeOf(other.assertSchema())).toBe('SCHEMA_MISSING');
      expect(await codeOf(other.appendToStream(aStream(), [anEvent()]))).toBe('SCHEMA_MISSING');
    } finally {
      await pool.end();
    }
  });

  it('keeps data exactly as given through jsonb (hashes verify)', async () => {
    const stream = aStream();
    const data = {
      z: 1,
      a: [1.5, -0, 1e21, 5e-324, 0.1, 'é', '😀', { '': null, b: true }],
      unicode: '\u2028\u00e9\\"',
      nested: { deeper: { deepest: [[], {}] } },
    };
    await store.appendToStream(stream, [anEvent(1, { data, metadata: { traceId: randomUUID() } })]);
    const report = await store.verify();
    expect(report.problems).toEqual([]);
    expect(report.ok).toBe(true);
  });
});
