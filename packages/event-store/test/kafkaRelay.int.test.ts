// The Kafka relay against a real broker: every event published, keyed by
// stream, with id and version headers, per-stream order; and a broker stopped
// and restarted mid-relay loses nothing (duplicates removed by the idempotent
// consumer helper). The restart test runs its own broker so that tests of other
// packages running at the same time keep theirs.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  HEADERS,
  IdempotentApplier,
  compareCheckpoints,
  fromKafkaMessage,
  kafkaRelayGauges,
  renderPrometheus,
  type Checkpoint,
  type RecordedEvent,
} from '../src/index.js';
import { createTestStore, type TestStore } from './support/database.js';
import { aStream, orderViolations, sleep, someEvents } from './support/events.js';
import {
  brokerScript,
  deleteTopics,
  header,
  isolatedBroker,
  readWholeTopic,
  testKafka,
  uniqueTopic,
  type Consumed,
} from './support/kafka.js';

const kafka = testKafka();
const topics: string[] = [];
let t: TestStore;

beforeAll(async () => {
  await brokerScript('start');
  t = await createTestStore();
});
afterAll(async () => {
  await deleteTopics(kafka, topics);
  await t.close();
});

/** Decodes messages and checks per-partition that each stream's versions never go back. */
function decode(consumed: readonly Consumed[]): RecordedEvent[] {
  return consumed.map(({ message }) => fromKafkaMessage(message));
}

async function dedupe(
  consumerId: string,
  events: readonly RecordedEvent[],
): Promise<RecordedEvent[]> {
  const applier = new IdempotentApplier(t.pool, { consumerId });
  const applied: RecordedEvent[] = [];
  for (const event of events) {
    const outcome = await applier.apply(event, async (tx) => {
      await tx.query('SELECT 1');
    });
    if (outcome === 'applied') applied.push(event);
  }
  return applied;
}

describe('relay', () => {
  it('publishes every event keyed by stream id, with headers, in per-stream order', async () => {
    const topic = uniqueTopic('relay');
    topics.push(topic);
    const expected = new Set<string>();
    const streams = Array.from({ length: 6 }, () => aStream('relayed'));
    let last: Checkpoint | null = null;
    for (let round = 0; round < 10; round += 1) {
      for (const stream of streams) {
        const events = someEvents(1 + (round % 3));
        const result = await t.store.appendToStream(stream, events);
        for (const event of events) expected.add(event.eventId!);
        if (last === null || compareCheckpoints(result.checkpoint!, last) > 0)
          last = result.checkpoint;
      }
    }
    const relay = t.store.createKafkaRelay({
      kafka,
      topic,
      consumerId: `relay-${topic}`,
      batchSize: 25,
      createTopics: { numPartitions: 3 },
    });
    await relay.start();
    await relay.consumer.waitFor(last!, 60_000);
    const live = someEvents(2);
    const liveResult = await t.store.appendToStream(streams[0]!, live);
    for (const event of live) expected.add(event.eventId!);
    await relay.consumer.waitFor(liveResult.checkpoint!, 30_000);
    await relay.stop();
    const { rows } = await t.pool.query<{ n: string }>('SELECT count(*)::text AS n FROM events');
    // Its own consumer id: it relayed the whole log once, nothing twice.
    expect(relay.status()).toMatchObject({ published: Number(rows[0]?.n), producerResets: 0 });

    const consumed = await readWholeTopic(kafka, topic);
    const events = decode(consumed).filter((e) => e.streamId.startsWith('relayed-'));
    // No crash, no broker failure: exactly once, and per-stream order within partitions.
    expect(orderViolations(events, expected)).toEqual([]);
    for (const { message } of consumed) {
      const event = fromKafkaMessage(message);
      expect(message.key?.toString()).toBe(event.streamId);
      expect(header(message, HEADERS.eventId)).toBe(event.eventId);
      expect(header(message, HEADERS.streamVersion)).toBe(String(event.streamVersion));
    }
    // A stream lives in one partition.
    const partitions = new Map<string, Set<number>>();
    for (const { partition, message } of consumed) {
      const key = message.key!.toString();
      partitions.set(key, (partitions.get(key) ?? new Set()).add(partition));
    }
    expect([...partitions.values()].every((set) => set.size === 1)).toBe(true);
  });

  it('loses nothing when the broker stops and restarts during relay', async () => {
    const broker = isolatedBroker('relay-restart-test', 19_492);
    await brokerScript('start', broker);
    const restartKafka = testKafka('event-store-restart-test', broker.brokers);
    try {
      await relaysAcrossABrokerRestart(broker, restartKafka);
    } finally {
      await brokerScript('stop', broker);
    }
  });
});

async function relaysAcrossABrokerRestart(
  broker: ReturnType<typeof isolatedBroker>,
  kafka: ReturnType<typeof testKafka>,
): Promise<void> {
  {
    const topic = uniqueTopic('restart');
    const relay = t.store.createKafkaRelay({
      kafka,
      topic,
      consumerId: `relay-${topic}`,
      batchSize: 50,
      pollIntervalMs: 200,
      retryMaxDelayMs: 500,
      createTopics: { numPartitions: 3 },
      producer: { retry: { retries: 2, initialRetryTime: 100, maxRetryTime: 500 } },
    });
    const before = await t.store.readHead();
    await relay.start();
    await relay.consumer.waitFor(before.readable, 60_000);

    const streams = Array.from({ length: 8 }, () => aStream('restart'));
    const expected = new Set<string>();
    let last: Checkpoint = before.readable;
    const control = { writing: true };
    const writer = (async () => {
      let round = 0;
      while (control.writing) {
        const stream = streams[round % streams.length]!;
        const events = someEvents(1 + (round % 4));
        const result = await t.store.appendToStream(stream, events);
        for (const event of events) expected.add(event.eventId!);
        if (compareCheckpoints(result.checkpoint!, last) > 0) last = result.checkpoint!;
        round += 1;
        await sleep(10);
      }
    })();
    try {
      await sleep(1_000);
      const publishedBeforeStop = relay.status().published;
      expect(publishedBeforeStop).toBeGreaterThan(0);
      await brokerScript('stop', broker);
      await sleep(2_000);
      // While the broker is down the relay fails, retries, and its checkpoint waits.
      const down = relay.status();
      expect(down.consecutiveFailures).toBeGreaterThan(0);
      const stored = (await t.store.checkpoints()).find((c) => c.consumerId === `relay-${topic}`)!;
      expect(compareCheckpoints(stored.checkpoint, last)).toBeLessThan(0);
      await brokerScript('start', broker);
      await sleep(1_000);
    } finally {
      control.writing = false;
      await writer;
      await brokerScript('start', broker);
    }
    await relay.consumer.waitFor(last, 90_000);
    await relay.stop();
    expect(relay.status().producerResets).toBeGreaterThan(0);
    expect(renderPrometheus(kafkaRelayGauges(relay.status()))).toMatch(
      /gatehouse_event_relay_producer_resets\{consumer="relay-[^"]+"\} [1-9]/,
    );

    const events = decode(await readWholeTopic(kafka, topic, 60_000)).filter((e) =>
      e.streamId.startsWith('restart-'),
    );
    const unique = await dedupe(`dedupe-${topic}`, events);
    expect(orderViolations(unique, expected)).toEqual([]);
    expect(unique).toHaveLength(expected.size);
  }
}
