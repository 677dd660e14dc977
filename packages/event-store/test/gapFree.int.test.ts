// The late-commit case: transactions commit out of global-position order. A
// reader of "position > checkpoint" skips the late one; the store's readers
// (ordered by transaction id, below the oldest in-flight transaction) do not.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { START_CHECKPOINT, type EventConsumer, type RecordedEvent } from '../src/index.js';
import { createTestStore, type TestStore } from './support/database.js';
import { aStream, anEvent, eventually, sleep } from './support/events.js';

let t: TestStore;

beforeAll(async () => {
  t = await createTestStore();
});
afterAll(async () => {
  await t.close();
});

describe('a writing transaction held open while others commit', () => {
  it('is skipped by a position reader but never by a consumer', async () => {
    const { store, pool } = t;
    const seen: RecordedEvent[] = [];
    const consumer: EventConsumer = store.createConsumer({
      consumerId: 'late-commit',
      pollIntervalMs: 50,
      handle: (events) => {
        seen.push(...events);
        return Promise.resolve();
      },
    });
    await consumer.start();
    try {
      const slow = await pool.connect();
      const slowStream = aStream('slow');
      const fastStream = aStream('fast');
      let slowPosition: bigint;
      let fastPosition: bigint;
      try {
        await slow.query('BEGIN');
        // Draws its global position first...
        const slowResult = await store.appendToStream(slowStream, [anEvent()], {
          transaction: slow,
        });
        slowPosition = slowResult.globalPositions[0]!;
        // ...while a later transaction draws a higher one and commits first.
        const fast = await store.appendToStream(fastStream, [anEvent()]);
        fastPosition = fast.globalPositions[0]!;
        expect(fastPosition).toBeGreaterThan(slowPosition);

        // The naive reader sees the later event and would checkpoint past the earlier one.
        const naive = await pool.query<{ global_position: string }>(
          'SELECT global_position::text FROM events WHERE global_position > 0 ORDER BY global_position',
        );
        const naiveCheckpoint = BigInt(naive.rows.at(-1)!.global_position);
        expect(naiveCheckpoint).toBe(fastPosition);

        // The store holds the later event back while the earlier transaction is in flight.
        await sleep(300);
        expect(seen.map((e) => e.streamId)).not.toContain(fastStream);
        const page = await store.readAll({ after: START_CHECKPOINT });
        expect(page.events.map((e) => e.streamId)).not.toContain(fastStream);

        await slow.query('COMMIT');

        // Now the naive reader has lost the late event for good...
        const after = await pool.query(
          'SELECT 1 FROM events WHERE global_position > $1 AND stream_id = $2',
          [naiveCheckpoint.toString(), slowStream],
        );
        expect(after.rows).toHaveLength(0);
      } finally {
        slow.release();
      }
      // ...while the consumer gets both, the earlier transaction first.
      await eventually(() => seen.length === 2, 10_000, 'both events');
      expect(seen.map((e) => e.streamId)).toEqual([slowStream, fastStream]);
      expect(seen.map((e) => e.globalPosition)).toEqual([slowPosition, fastPosition]);
      await consumer.whenCaughtUp();
      expect(consumer.checkpoint.globalPosition).toBe(fastPosition);
    } finally {
      await consumer.stop();
    }
  });

  it('holds back, then delivers, events behind a transaction that writes no events', async () => {
    const { store, pool } = t;
    const seen: RecordedEvent[] = [];
    // A long poll interval: only the held-back re-poll can deliver in time.
    const consumer = store.createConsumer({
      consumerId: 'held-back',
      pollIntervalMs: 60_000,
      handle: (events) => {
        seen.push(...events);
        return Promise.resolve();
      },
    });
    await consumer.start();
    await consumer.whenCaughtUp();
    const before = seen.length;
    const other = await pool.connect();
    try {
      await other.query('BEGIN');
      await other.query('SELECT pg_current_xact_id()');
      const stream = aStream();
      await store.appendToStream(stream, [anEvent()]);
      await sleep(300);
      expect(seen.slice(before).map((e) => e.streamId)).not.toContain(stream);
      // Ends without NOTIFY: it wrote no events.
      await other.query('COMMIT');
      await eventually(
        () => seen.slice(before).some((e) => e.streamId === stream),
        5_000,
        'the held-back event',
      );
    } finally {
      other.release();
      await consumer.stop();
    }
  });
});
