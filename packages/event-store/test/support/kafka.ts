// Real Kafka for tests: the broker of deploy/kafka/kafka.sh (KAFKA_BROKERS,
// default 127.0.0.1:9092), unique topics per test, kafkajs kept quiet.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { promisify } from 'node:util';
import kafkajs, { type Kafka, type KafkaMessage } from 'kafkajs';

const { Kafka: KafkaClient, logLevel } = kafkajs;

export const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');

const kafkaScript = path.resolve(import.meta.dirname, '../../../../deploy/kafka/kafka.sh');

export function testKafka(clientId = 'event-store-test', on: readonly string[] = brokers): Kafka {
  return new KafkaClient({
    clientId,
    brokers: [...on],
    logLevel: logLevel.NOTHING,
    connectionTimeout: 3_000,
    retry: { retries: 3, initialRetryTime: 100, maxRetryTime: 1_000 },
  });
}

export function uniqueTopic(name: string): string {
  return `gh-test.${name}.${randomBytes(4).toString('hex')}`;
}

export async function deleteTopics(kafka: Kafka, topics: readonly string[]): Promise<void> {
  if (topics.length === 0) return;
  const admin = kafka.admin();
  try {
    await admin.connect();
    const existing = new Set(await admin.listTopics());
    const present = topics.filter((topic) => existing.has(topic));
    if (present.length > 0) await admin.deleteTopics({ topics: present, timeout: 10_000 });
  } finally {
    await admin.disconnect();
  }
}

/** A broker of its own for a test that stops and restarts it, so no other test loses its broker. */
export interface IsolatedBroker {
  readonly brokers: readonly string[];
  readonly env: Readonly<Record<string, string>>;
}

/** A second broker from deploy/kafka/kafka.sh on its own ports and data directory. */
export function isolatedBroker(name: string, port: number): IsolatedBroker {
  return {
    brokers: [`127.0.0.1:${port}`],
    env: {
      KAFKA_PORT: String(port),
      KAFKA_CONTROLLER_PORT: String(port + 1),
      KAFKA_HOME_DIR: path.resolve(import.meta.dirname, `../../../../.cache/kafka-${name}`),
    },
  };
}

/** Runs `deploy/kafka/kafka.sh <command>` (start is idempotent) for the shared or an isolated broker. */
export async function brokerScript(
  command: 'start' | 'stop' | 'status',
  broker?: IsolatedBroker,
): Promise<void> {
  await promisify(execFile)('bash', [kafkaScript, command], {
    timeout: 120_000,
    env: { ...process.env, ...broker?.env },
  });
}

export interface Consumed {
  readonly partition: number;
  readonly message: KafkaMessage;
}

/** Every message now in `topic`, read from the beginning, in partition order. */
export async function readWholeTopic(
  kafka: Kafka,
  topic: string,
  timeoutMs = 30_000,
): Promise<Consumed[]> {
  const admin = kafka.admin();
  await admin.connect();
  const offsets = await admin.fetchTopicOffsets(topic);
  await admin.disconnect();
  const expected = offsets.reduce((sum, o) => sum + Number(o.high) - Number(o.low), 0);
  const consumed: Consumed[] = [];
  if (expected === 0) return consumed;
  const consumer = kafka.consumer({ groupId: `reader-${randomBytes(6).toString('hex')}` });
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        reject(new Error(`read ${consumed.length} of ${expected} messages of ${topic}`));
      }, timeoutMs);
      void consumer
        .run({
          eachMessage: ({ partition, message }) => {
            consumed.push({ partition, message });
            if (consumed.length >= expected) {
              clearTimeout(timer);
              resolve();
            }
            return Promise.resolve();
          },
        })
        .catch(reject);
    });
  } finally {
    await consumer.disconnect();
  }
  return consumed;
}

export function header(message: KafkaMessage, name: string): string | undefined {
  const value = message.headers?.[name];
  return value === undefined ? undefined : String(value);
}
