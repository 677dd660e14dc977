// The Kafka broker that deploy/kafka/kafka.sh provides is real: a kafkajs
// producer and consumer round-trip messages through it, in order, per key.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Kafka, logLevel, type Admin } from 'kafkajs';

const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
const kafka = new Kafka({
  clientId: 'gatehouse-smoke',
  brokers,
  logLevel: logLevel.NOTHING,
  retry: { retries: 3 },
});
const topic = `gatehouse.smoke.${randomUUID()}`;
let admin: Admin;

beforeAll(async () => {
  admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic, numPartitions: 2 }], waitForLeaders: true });
});

afterAll(async () => {
  await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
  await admin.disconnect();
});

describe('kafka broker', () => {
  it('delivers produced messages to a consumer group, in order per key', async () => {
    const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    const sent = Array.from({ length: 10 }, (_, index) => ({
      key: `stream-${index % 2}`,
      value: `event-${index}`,
    }));
    await producer.send({ topic, messages: sent, acks: -1 });
    await producer.disconnect();

    const consumer = kafka.consumer({ groupId: `smoke-${randomUUID()}` });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    const received: { key: string; value: string }[] = [];
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        reject(new Error(`received only ${received.length} messages`));
      }, 30_000);
      void consumer.run({
        eachMessage: async ({ message }) => {
          received.push({
            key: message.key?.toString() ?? '',
            value: message.value?.toString() ?? '',
          });
          if (received.length === sent.length) {
            clearTimeout(timer);
            resolve();
          }
          return Promise.resolve();
        },
      });
    });
    await consumer.disconnect();

    for (const key of ['stream-0', 'stream-1']) {
      expect(received.filter((message) => message.key === key)).toEqual(
        sent.filter((message) => message.key === key),
      );
    }
  });
});
