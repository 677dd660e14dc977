// Consumers: compare-and-set checkpoints, one active instance, exactly-once
// projections, rebuilds, live wake-up, and many writers on many streams with
// late commits while consumers run.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type pg from 'pg';
import {
  EventStoreError,
  compareCheckpoints,
  consumerLagGauges,
  ensureCheckpoint,
  renderPrometheus,
  saveCheckpoint,
  type Checkpoint,
  type RecordedEvent,
} from '../src/index.js';
import { connect, createTestStore, type TestStore } from './support/database.js';
import {
  aStream,
  anEvent,
  eventually,
  orderViolations,
  sleep,
  someEvents,
} from './support/events.js';

let t: TestStore;

beforeAll(async () => {
  t = await createTestStore(40);
});
afterAll(async () => {
  await t.close();
});

function collector(
  id: string,
  extra: Partial<Parameters<TestStore['store']['createConsumer']>[0]> = {},
) {
  const seen: RecordedEvent[] = [];
  const consumer = t.store.createConsumer({
    consumerId: id,
    pollIntervalMs: 200,
    ...extra,
    handle: (events) => {
      seen.push(...events);
      return Promise.resolve();
    },
  });
  return { seen, consumer };
}

async function errorCode(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'OK';
  } catch (error) {
    if (error instanceof EventStoreError) return error.code;
    throw error;
  }
}

describe('checkpoints', () => {
  it('move only by compare-and-set', async () => {
    const stored = await ensureCheckpoint(t.pool, 'cas');
    expect(stored.revision).toBe(0n);
    const next: Checkpoint = { transactionId: 5n, globalPosition: 7n };
    const outcomes = await Promise.all(
      Array.from({ length: 5 }, () => errorCode(saveCheckpoint(t.pool, 'cas', 0n, next))),
    );
    expect(outcomes.filter((o) => o === 'OK')).toHaveLength(1);
    expect(outcomes.filter((o) => o === 'CHECKPOINT_CONFLICT')).toHaveLength(4);
    const again = await ensureCheckpoint(t.pool, 'cas');
    expect(again.revision).toBe(1n);
    expect(again.checkpoint).toEqual(next);
  });
});

describe('one active instance', () => {
  it('refuses a second instance, and a waiting one takes over where the first stopped', async () => {
    await t.store.appendToStream(aStream(), someEvents(5));
    const first = collector('single');
    await first.consumer.start();
    await first.consumer.whenCaughtUp();
    const second = collector('single');
    expect(await errorCode(second.consumer.start())).toBe('CONSUMER_LOCKED');

    const standby = collector('single', { waitForLock: true });
    const started = standby.consumer.start();
    await sleep(300);
    expect(standby.consumer.status().state).toBe('starting');
    await first.consumer.stop();
    await started;
    const stream = aStream();
    await t.store.appendToStream(stream, someEvents(2));
    await standby.consumer.whenCaughtUp();
    // The standby starts from the first one's checkpoint: nothing is handled twice.
    expect(standby.seen.map((e) => e.streamId)).toEqual([stream, stream]);
    await standby.consumer.stop();
  });

  it('stops with CONSUMER_LOCK_LOST when its session dies, and a standby takes over', async () => {
    const errors: unknown[] = [];
    const first = collector('lost', {
      onError: (error, context) => {
        if (context.fatal) errors.push(error);
      },
    });
    await first.consumer.start();
    await first.consumer.whenCaughtUp();
    const standby = collector('lost', { waitForLock: true, pollIntervalMs: 50 });
    const started = standby.consumer.start();
    const admin = await connect(t.database.url);
    try {
      // Kill the session that holds the advisory lock.
      await admin.query(
        `SELECT pg_terminate_backend(pid) FROM pg_locks
          WHERE locktype = 'advisory' AND classid = $1 AND granted AND pid <> pg_backend_pid()
            AND objid = (SELECT lock_key FROM event_consumers WHERE consumer_id = 'lost')`,
        [0x47484553],
      );
    } finally {
      await admin.end();
    }
    await first.consumer.whenStopped();
    expect(first.consumer.status().state).toBe('failed');
    expect((errors[0] as EventStoreError).code).toBe('CONSUMER_LOCK_LOST');
    await started;
    expect(standby.consumer.status().state).toBe('running');
    await standby.consumer.stop();
  });
});

describe('projections', () => {
  async function createReadModel(name: string): Promise<void> {
    await t.pool.query(
      `CREATE TABLE ${name} (event_id uuid PRIMARY KEY, stream_id text NOT NULL, stream_version int NOT NULL)`,
    );
  }

  function projection(name: string, failOnce: Set<number>) {
    let batches = 0;
    return t.store.createProjection({
      consumerId: name,
      batchSize: 20,
      pollIntervalMs: 100,
      retryInitialDelayMs: 10,
      project: async (events, tx) => {
        batches += 1;
        for (const [index, event] of events.entries()) {
          await tx.query(`INSERT INTO ${name} VALUES ($1, $2, $3)`, [
            event.eventId,
            event.streamId,
            event.streamVersion,
          ]);
          // Fail half-way through some batches, after writing part of them.
          if (failOnce.delete(batches) && index === Math.floor(events.length / 2)) {
            throw new Error('projection crashed mid-batch');
          }
        }
      },
      reset: async (tx) => {
        await tx.query(`TRUNCATE ${name}`);
      },
    });
  }

  it('applies each event exactly once despite failures mid-batch, and rebuilds from zero', async () => {
    await createReadModel('projected');
    const appended: string[] = [];
    for (let i = 0; i < 10; i += 1) {
      const events = someEvents(13);
      await t.store.appendToStream(aStream(), events);
      appended.push(...events.map((e) => e.eventId!));
    }
    const failures = new Set([2, 4, 5]);
    const runner = projection('projected', failures);
    await runner.start();
    await runner.whenCaughtUp(20_000);
    expect(failures.size).toBe(0);
    expect(runner.status().consecutiveFailures).toBe(0);
    const count = async () =>
      Number(
        (await t.pool.query<{ n: string }>('SELECT count(*)::text AS n FROM projected')).rows[0]?.n,
      );
    const { rows } = await t.pool.query<{ event_id: string }>('SELECT event_id FROM projected');
    expect(new Set(rows.map((r) => r.event_id))).toEqual(new Set([...(await allEventIds())]));
    const total = await count();
    expect(total).toBe((await allEventIds()).length);
    expect(total).toBeGreaterThanOrEqual(appended.length);

    await runner.rebuild();
    await runner.whenCaughtUp(20_000);
    expect(await count()).toBe(total);
    await runner.stop();

    // A stopped projection rebuilds too (taking the lock for the moment).
    await runner.rebuild();
    expect(await count()).toBe(0);
    expect(
      compareCheckpoints(
        (await ensureCheckpoint(t.pool, 'projected')).checkpoint,
        runner.checkpoint,
      ),
    ).toBe(0);
  });

  async function allEventIds(): Promise<string[]> {
    const { rows } = await t.pool.query<{ event_id: string }>('SELECT event_id::text FROM events');
    return rows.map((r) => r.event_id);
  }
});

describe('live consumption', () => {
  it('wakes on NOTIFY without waiting for the poll interval', async () => {
    const { seen, consumer } = collector('notified', { pollIntervalMs: 60_000 });
    await consumer.start();
    await consumer.whenCaughtUp();
    const before = seen.length;
    const started = Date.now();
    const result = await t.store.appendToStream(aStream(), [anEvent()]);
    await consumer.waitFor(result.checkpoint!, 10_000);
    expect(seen.length).toBe(before + 1);
    expect(Date.now() - started).toBeLessThan(10_000);
    await consumer.stop();
  });

  it('falls back to polling when a notification is lost', async () => {
    const { seen, consumer } = collector('polled', { pollIntervalMs: 300 });
    await consumer.start();
    await consumer.whenCaughtUp();
    const before = seen.length;
    const quiet = await connect(t.database.url);
    try {
      // Replica mode disables the NOTIFY trigger: this append announces nothing.
      await quiet.query('SET session_replication_role = replica');
      const stream = aStream();
      await t.store.appendToStream(stream, [anEvent()], { transaction: quiet });
      await eventually(() => seen.length > before, 5_000, 'the unannounced event');
      expect(seen.at(-1)?.streamId).toBe(stream);
    } finally {
      await quiet.end();
      await consumer.stop();
    }
  });
});

/** Runs `work` in a transaction, retrying it as the contract asks on TRANSACTION_ORDER_CONFLICT. */
async function inTransaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  for (;;) {
    const client = await t.pool.connect();
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK');
      if (!(error instanceof EventStoreError && error.code === 'TRANSACTION_ORDER_CONFLICT')) {
        throw error;
      }
    } finally {
      client.release();
    }
  }
}

describe('many writers on many streams while consumers run', () => {
  it('delivers every event exactly once per consumer, in stream order, including late commits', async () => {
    await t.pool.query(
      'CREATE TABLE concurrent_model (event_id uuid PRIMARY KEY, stream_id text NOT NULL, stream_version int NOT NULL)',
    );
    const start = await t.store.readHead();
    const a = collector('concurrent-a', { batchSize: 37 });
    const b = collector('concurrent-b', { batchSize: 200 });
    const model = t.store.createProjection({
      consumerId: 'concurrent-model',
      batchSize: 50,
      project: async (events, tx) => {
        for (const event of events) {
          await tx.query('INSERT INTO concurrent_model VALUES ($1, $2, $3)', [
            event.eventId,
            event.streamId,
            event.streamVersion,
          ]);
        }
      },
    });
    // Consumers start at the beginning: skip what earlier tests wrote by starting
    // them after it and ignoring it below.
    await Promise.all([a.consumer.start(), b.consumer.start(), model.start()]);

    const streams = Array.from({ length: 16 }, () => aStream('many'));
    const expected = new Set<string>();
    let last: Checkpoint = start.readable;
    const writers = 12;
    const appendsPerWriter = 40;
    await Promise.all(
      Array.from({ length: writers }, async (_, writer) => {
        for (let i = 0; i < appendsPerWriter; i += 1) {
          const stream = streams[(writer * 7 + i * 3) % streams.length]!;
          const events = someEvents(1 + ((writer + i) % 4));
          let result;
          if ((writer + i) % 5 === 0) {
            // A late commit: the transaction sleeps after drawing its positions.
            result = await inTransaction(async (client) => {
              const appended = await t.store.appendToStream(stream, events, {
                transaction: client,
              });
              await client.query('SELECT pg_sleep($1)', [0.02 + ((writer * i) % 5) * 0.01]);
              return appended;
            });
          } else {
            result = await t.store.appendToStream(stream, events);
          }
          for (const event of events) expected.add(event.eventId!);
          if (compareCheckpoints(result.checkpoint!, last) > 0) last = result.checkpoint!;
        }
      }),
    );
    await Promise.all([
      a.consumer.waitFor(last, 60_000),
      b.consumer.waitFor(last, 60_000),
      model.waitFor(last, 60_000),
    ]);
    const mine = (events: RecordedEvent[]) => events.filter((e) => e.streamId.startsWith('many-'));
    expect(orderViolations(mine(a.seen), expected)).toEqual([]);
    expect(orderViolations(mine(b.seen), expected)).toEqual([]);
    const { rows } = await t.pool.query<{ n: string }>(
      'SELECT count(*)::text AS n FROM concurrent_model WHERE stream_id LIKE $1',
      ['many-%'],
    );
    expect(Number(rows[0]?.n)).toBe(expected.size);
    // Both consumers saw the same total order.
    expect(mine(a.seen).map((e) => e.eventId)).toEqual(mine(b.seen).map((e) => e.eventId));

    // Lag is readable and zero for caught-up consumers, positive for a stopped one.
    await a.consumer.stop();
    await t.store.appendToStream(aStream(), someEvents(3));
    await b.consumer.whenCaughtUp();
    const lags = await t.store.consumerLag();
    const lagOf = (id: string) => lags.find((lag) => lag.consumerId === id);
    expect(lagOf('concurrent-a')?.eventsBehind).toBe(3);
    expect(lagOf('concurrent-a')?.secondsBehind).toBeGreaterThanOrEqual(0);
    expect(lagOf('concurrent-b')?.eventsBehind).toBe(0);
    const text = renderPrometheus(consumerLagGauges(lags));
    expect(text).toContain('gatehouse_event_consumer_lag_events{consumer="concurrent-a"} 3');
    await Promise.all([b.consumer.stop(), model.stop()]);
  });
});
