// Throughput and latency of @gatehouse/event-store on this machine.
//   pnpm --filter @gatehouse/event-store bench [-- --seconds 10 --latency-seconds 20]
// Creates throwaway databases (dropped at the end) on GATEHOUSE_TEST_DATABASE_URL
// (default: the local PostgreSQL) and uses the Kafka broker of
// deploy/kafka/kafka.sh (KAFKA_BROKERS, default 127.0.0.1:9092).
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { createTestDatabase, type TestDatabase } from '@gatehouse/db/testing';
import kafkajs from 'kafkajs';
import pg from 'pg';
import { EventStore, fromKafkaMessage, type EventInput } from '../src/index.js';

const { Kafka, logLevel } = kafkajs;

const { values } = parseArgs({
  // `pnpm run bench -- --seconds 5` passes the `--` through.
  args: process.argv.slice(2).filter((arg) => arg !== '--'),
  options: {
    seconds: { type: 'string', default: '10' },
    'latency-seconds': { type: 'string', default: '20' },
    rate: { type: 'string', default: '1000' },
    only: { type: 'string' },
  },
});
const seconds = Number(values.seconds);
const latencySeconds = Number(values['latency-seconds']);
const rate = Number(values.rate);
const only = values.only;

function progress(text: string): void {
  process.stderr.write(`bench: ${text}\n`);
}

/** An IAM-sized event: ~300 bytes of data. */
function event(n: number): EventInput {
  return {
    type: 'UserPolicyAttached',
    eventId: randomUUID(),
    actor: 'arn:gatehouse:iam::123456789012:user/ops/alice',
    correlationId: randomUUID(),
    data: {
      userName: `user-${n}`,
      policyArn: 'arn:gatehouse:iam::123456789012:policy/ReadOnlyAccess',
      path: '/engineering/',
      tags: { team: 'platform', costCenter: '4711' },
      requestId: randomUUID(),
    },
  };
}

function line(name: string, value: string): void {
  process.stdout.write(`${name.padEnd(58)} ${value}\n`);
}

async function withStore<T>(
  work: (store: EventStore, database: TestDatabase) => Promise<T>,
): Promise<T> {
  const database = await createTestDatabase();
  const pool = new pg.Pool({ connectionString: database.url, max: 24 });
  pool.on('error', () => undefined);
  try {
    return await work(new EventStore({ pool }), database);
  } finally {
    await pool.end();
    await database.drop();
  }
}

/** Runs `writers` loops for `durationS`; each loop appends to its own stream. */
async function appendLoad(
  store: EventStore,
  writers: number,
  batch: number,
  durationS: number,
): Promise<{ events: number; appends: number; elapsedS: number }> {
  const deadline = performance.now() + durationS * 1000;
  const started = performance.now();
  let events = 0;
  let appends = 0;
  await Promise.all(
    Array.from({ length: writers }, async (_, writer) => {
      const stream = `bench-${batch}-${writer}-${randomUUID()}`;
      let version = 0;
      while (performance.now() < deadline) {
        const batchEvents = Array.from({ length: batch }, (_, i) => event(version + i));
        const result = await store.appendToStream(stream, batchEvents, {
          expectedVersion: version,
        });
        version = result.nextExpectedVersion;
        events += batch;
        appends += 1;
      }
    }),
  );
  return { events, appends, elapsedS: (performance.now() - started) / 1000 };
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function main(): Promise<void> {
  const server = new pg.Client({
    connectionString:
      process.env.GATEHOUSE_TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres',
  });
  await server.connect();
  const settings = await server.query<{ version: string; sc: string; fsync: string }>(
    "SELECT version() AS version, current_setting('synchronous_commit') AS sc, current_setting('fsync') AS fsync",
  );
  await server.end();
  const s = settings.rows[0]!;
  line(
    'machine',
    `${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}`,
  );
  line('postgres', `${s.version.split(' on ')[0]!}, synchronous_commit=${s.sc}, fsync=${s.fsync}`);
  line('duration per throughput run', `${seconds} s`);

  if (only === undefined || only === 'throughput') await throughput();
  if (only === undefined || only === 'latency') await latency();
}

async function throughput(): Promise<void> {
  await withStore(async (store) => {
    progress('appends');
    // Warm up connections, plans and compiled functions of every pooled session.
    await appendLoad(store, 16, 1, 2);
    await appendLoad(store, 4, 100, 1);
    const single = await appendLoad(store, 16, 1, seconds);
    line(
      'single-event appends/s, 16 writers on distinct streams',
      `${(single.appends / single.elapsedS).toFixed(0)} appends/s (${single.appends} in ${single.elapsedS.toFixed(1)} s)`,
    );
    const batched1 = await appendLoad(store, 1, 100, seconds);
    line(
      'events/s, batches of 100, 1 writer',
      `${(batched1.events / batched1.elapsedS).toFixed(0)} events/s (${batched1.appends} batches)`,
    );
    const batched4 = await appendLoad(store, 4, 100, seconds);
    line(
      'events/s, batches of 100, 4 writers on distinct streams',
      `${(batched4.events / batched4.elapsedS).toFixed(0)} events/s (${batched4.appends} batches)`,
    );

    progress('replay');
    const head = await store.readHead();
    let read = 0;
    let started = performance.now();
    for await (const page of store.readAllPages({ limit: 5_000 })) read += page.events.length;
    let elapsed = (performance.now() - started) / 1000;
    line(
      'full replay, readAll pages of 5,000',
      `${(read / elapsed).toFixed(0)} events/s (${read} events in ${elapsed.toFixed(1)} s)`,
    );

    const replay = store.createConsumer({
      consumerId: 'bench-replay',
      batchSize: 5_000,
      handle: () => Promise.resolve(),
    });
    started = performance.now();
    await replay.start();
    await replay.waitFor(head.readable, 600_000);
    elapsed = (performance.now() - started) / 1000;
    const handled = replay.status().eventsHandled;
    await replay.stop();
    line(
      'full replay, consumer (batches of 5,000, checkpoint each)',
      `${(handled / elapsed).toFixed(0)} events/s (${handled} events in ${elapsed.toFixed(1)} s)`,
    );

    started = performance.now();
    const report = await store.verify();
    elapsed = (performance.now() - started) / 1000;
    line(
      'verify (hashes and chains, unsealed)',
      `${(report.eventsChecked / elapsed).toFixed(0)} events/s (ok=${String(report.ok)})`,
    );
  });
}

async function latency(): Promise<void> {
  await withStore(async (store) => {
    progress('commit-to-Kafka latency');
    const kafka = new Kafka({
      clientId: 'event-store-bench',
      brokers: (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(','),
      logLevel: logLevel.NOTHING,
    });
    const topic = `gh-bench.latency.${randomUUID().slice(0, 8)}`;
    const committedAt = new Map<string, number>();
    const ackLatency: number[] = [];
    const endToEnd: number[] = [];
    const warmUpUntil = performance.now() + 2_000;
    const relay = store.createKafkaRelay({
      kafka,
      topic,
      createTopics: { numPartitions: 6 },
      onPublished: ({ events }) => {
        const now = performance.now();
        if (now < warmUpUntil) return;
        for (const e of events) {
          const at = committedAt.get(e.eventId);
          if (at !== undefined) ackLatency.push(now - at);
        }
      },
    });
    // Subscribing to a topic that does not exist yet fails with kafkajs on Kafka 4: create it first.
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: 6 }], waitForLeaders: true });
    await relay.start();
    const consumer = kafka.consumer({ groupId: `bench-${randomUUID()}`, maxWaitTimeInMs: 50 });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      eachMessage: ({ message }) => {
        const now = performance.now();
        const at = committedAt.get(fromKafkaMessage(message).eventId);
        if (at !== undefined && now >= warmUpUntil) endToEnd.push(now - at);
        return Promise.resolve();
      },
    });
    // A steady rate: every 10 ms, rate/100 single-event appends on rotating streams.
    const perTick = Math.max(1, Math.round(rate / 100));
    const streams = Array.from({ length: 200 }, () => `latency-${randomUUID()}`);
    let n = 0;
    let appended = 0;
    const pending = new Set<Promise<void>>();
    const end = performance.now() + latencySeconds * 1000;
    let nextTick = performance.now();
    while (performance.now() < end) {
      for (let i = 0; i < perTick; i += 1) {
        const e = event(n);
        const stream = streams[n % streams.length]!;
        n += 1;
        const p = store.appendToStream(stream, [e]).then(() => {
          committedAt.set(e.eventId!, performance.now());
          appended += 1;
        });
        pending.add(p);
        void p.finally(() => pending.delete(p));
      }
      nextTick += 10;
      const wait = nextTick - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    }
    await Promise.all(pending);
    progress('draining');
    const last = await store.readHead();
    await relay.consumer.waitFor(last.readable, 60_000);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    await consumer.disconnect();
    await relay.stop();
    await admin.deleteTopics({ topics: [topic] });
    await admin.disconnect();
    ackLatency.sort((a, b) => a - b);
    endToEnd.sort((a, b) => a - b);
    line(
      'steady append rate',
      `${(appended / latencySeconds).toFixed(0)} events/s for ${latencySeconds} s (single-event appends)`,
    );
    line(
      'commit -> Kafka ack (relay) p50 / p99 / max',
      `${percentile(ackLatency, 50).toFixed(1)} / ${percentile(ackLatency, 99).toFixed(1)} / ${ackLatency.at(-1)?.toFixed(1) ?? '-'} ms (${ackLatency.length} events)`,
    );
    line(
      'commit -> Kafka consumer p50 / p99 / max',
      `${percentile(endToEnd, 50).toFixed(1)} / ${percentile(endToEnd, 99).toFixed(1)} / ${endToEnd.at(-1)?.toFixed(1) ?? '-'} ms (${endToEnd.length} events)`,
    );
  });
}

try {
  await main();
  process.exit(0);
} catch (error) {
  process.stderr.write(
    `bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
}
