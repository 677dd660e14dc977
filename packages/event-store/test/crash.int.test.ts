// Crashes: a consumer, a projection and the Kafka relay are SIGKILLed in a
// process of their own mid-batch, then restarted. Nothing is lost; the
// consumer and relay repeat only the batch in hand (at-least-once), which the
// idempotent-consumer helpers remove; the projection applies everything once.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  IdempotentApplier,
  StreamVersionTracker,
  compareCheckpoints,
  fromKafkaMessage,
  loadCheckpoint,
  type Checkpoint,
  type RecordedEvent,
} from '../src/index.js';
import { startChild } from './support/childProcess.js';
import { createTestStore, type TestStore } from './support/database.js';
import { aStream, eventually, orderViolations, someEvents } from './support/events.js';
import {
  brokerScript,
  deleteTopics,
  readWholeTopic,
  testKafka,
  uniqueTopic,
} from './support/kafka.js';

let t: TestStore;
const expected = new Set<string>();
let head: Checkpoint;
const kafka = testKafka();
const topics: string[] = [];

beforeAll(async () => {
  t = await createTestStore();
  await t.pool.query(`CREATE TABLE crash_log (id bigserial PRIMARY KEY, consumer_id text NOT NULL,
    event_id uuid NOT NULL, stream_id text NOT NULL, stream_version int NOT NULL)`);
  await t.pool.query(`CREATE TABLE crash_model (event_id uuid PRIMARY KEY, stream_id text NOT NULL,
    stream_version int NOT NULL)`);
  const streams = Array.from({ length: 10 }, () => aStream('crash'));
  for (let round = 0; round < 13; round += 1) {
    for (const stream of streams) {
      const events = someEvents(1 + ((round + stream.length) % 5));
      await t.store.appendToStream(stream, events);
      for (const event of events) expected.add(event.eventId!);
    }
  }
  head = (await t.store.readHead()).readable;
});
afterAll(async () => {
  await brokerScript('start');
  await deleteTopics(kafka, topics);
  await t.close();
});

async function checkpointOf(consumerId: string): Promise<Checkpoint | undefined> {
  return (await loadCheckpoint(t.pool, consumerId))?.checkpoint;
}

async function runToCompletion(env: Record<string, string>, consumerId: string): Promise<void> {
  const child = startChild({ ...env, CRASH_AT: '0' });
  try {
    await eventually(
      async () => {
        const checkpoint = await checkpointOf(consumerId);
        return checkpoint !== undefined && compareCheckpoints(checkpoint, head) >= 0;
      },
      60_000,
      `${consumerId} to reach the head`,
    );
  } finally {
    expect(await child.stop()).toBe('exit 0');
  }
}

async function positionsOf(eventIds: readonly string[]): Promise<Map<string, Checkpoint>> {
  const { rows } = await t.pool.query<{ event_id: string; tx: string; pos: string }>(
    `SELECT event_id::text, transaction_id::text AS tx, global_position::text AS pos
       FROM events WHERE event_id = ANY($1::uuid[])`,
    [eventIds],
  );
  return new Map(
    rows.map((r) => [r.event_id, { transactionId: BigInt(r.tx), globalPosition: BigInt(r.pos) }]),
  );
}

describe('a crash mid-batch', () => {
  it('of a consumer loses nothing and repeats only the unfinished batch', async () => {
    const env = { MODE: 'consumer', CONSUMER_ID: 'crashy', DATABASE_URL: t.database.url };
    const crashed = startChild({ ...env, CRASH_AT: '130' });
    expect(await crashed.exited).toBe('SIGKILL');
    const atCrash = (await checkpointOf('crashy'))!;
    const { rows: firstRun } = await t.pool.query<{ event_id: string }>(
      "SELECT event_id::text FROM crash_log WHERE consumer_id = 'crashy' ORDER BY id",
    );
    expect(firstRun).toHaveLength(130);

    await runToCompletion(env, 'crashy');

    const { rows } = await t.pool.query<{
      event_id: string;
      stream_id: string;
      stream_version: number;
    }>(
      "SELECT event_id::text, stream_id, stream_version FROM crash_log WHERE consumer_id = 'crashy' ORDER BY id",
    );
    const log = rows.map((r) => ({
      eventId: r.event_id,
      streamId: r.stream_id,
      streamVersion: r.stream_version,
    }));
    const counts = new Map<string, number>();
    for (const entry of log) counts.set(entry.eventId, (counts.get(entry.eventId) ?? 0) + 1);
    expect([...expected].every((id) => (counts.get(id) ?? 0) >= 1)).toBe(true);
    // Exactly the events handled after the last stored checkpoint were repeated.
    const positions = await positionsOf(firstRun.map((r) => r.event_id));
    const afterCheckpoint = firstRun
      .map((r) => r.event_id)
      .filter((id) => compareCheckpoints(positions.get(id)!, atCrash) > 0);
    const repeated = [...counts].filter(([, n]) => n > 1).map(([id]) => id);
    expect(repeated.sort()).toEqual([...afterCheckpoint].sort());
    expect(repeated.length).toBeGreaterThan(0);
    expect(repeated.length).toBeLessThan(50);
    // Deduplicated by stream version, the delivery is exactly once and in order.
    const tracker = new StreamVersionTracker();
    const unique = log.filter((entry) => tracker.accept(entry) === 'apply');
    expect(orderViolations(unique as unknown as RecordedEvent[], expected)).toEqual([]);
  });

  it('of a projection applies every event exactly once', async () => {
    const env = {
      MODE: 'projection',
      CONSUMER_ID: 'crashy-projection',
      DATABASE_URL: t.database.url,
    };
    const crashed = startChild({ ...env, CRASH_AT: '130' });
    expect(await crashed.exited).toBe('SIGKILL');
    const { rows: partial } = await t.pool.query<{ n: string }>(
      'SELECT count(*)::text AS n FROM crash_model',
    );
    // The transaction of the batch in hand died with the process.
    expect(Number(partial[0]?.n)).toBe(100);

    await runToCompletion(env, 'crashy-projection');
    const { rows } = await t.pool.query<{ event_id: string }>(
      'SELECT event_id::text FROM crash_model',
    );
    expect(rows).toHaveLength(expected.size);
    expect(new Set(rows.map((r) => r.event_id))).toEqual(expected);
  });

  it('of the relay, after the broker acknowledged, duplicates one batch that the idempotent consumer removes', async () => {
    await brokerScript('start');
    const topic = uniqueTopic('crash');
    topics.push(topic);
    const env = {
      MODE: 'relay',
      CONSUMER_ID: 'crashy-relay',
      DATABASE_URL: t.database.url,
      TOPIC: topic,
      KAFKA_BROKERS: process.env.KAFKA_BROKERS ?? '127.0.0.1:9092',
    };
    const crashed = startChild({ ...env, CRASH_AT: '3' });
    expect(await crashed.exited).toBe('SIGKILL');
    await runToCompletion(env, 'crashy-relay');

    const events = (await readWholeTopic(kafka, topic)).map(({ message }) =>
      fromKafkaMessage(message),
    );
    // The third batch was published twice: acknowledged, then the process died before its checkpoint.
    expect(events).toHaveLength(expected.size + 50);
    const applier = new IdempotentApplier(t.pool, { consumerId: 'crash-reader' });
    const applied: RecordedEvent[] = [];
    let duplicates = 0;
    for (const event of events) {
      const outcome = await applier.apply(event, () => Promise.resolve());
      if (outcome === 'applied') applied.push(event);
      else duplicates += 1;
    }
    expect(duplicates).toBe(50);
    expect(orderViolations(applied, expected)).toEqual([]);
  });
});
