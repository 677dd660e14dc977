// Real Kafka for tests: the broker of deploy/kafka/kafka.sh (KAFKA_BROKERS,
// default 127.0.0.1:9092), unique topics per test, kafkajs kept quiet.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { promisify } from 'node:util';
import kafkajs, { type Kafka } from 'kafkajs';

const { Kafka: KafkaClient, logLevel } = kafkajs;

export const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');

const kafkaScript = path.resolve(import.meta.dirname, '../../../../deploy/kafka/kafka.sh');

/** Starts the shared broker if it is not running (idempotent). */
export async function startBroker(): Promise<void> {
  await promisify(execFile)('bash', [kafkaScript, 'start'], { timeout: 120_000, env: process.env });
}

export function testKafka(clientId = 'approvals-test'): Kafka {
  return new KafkaClient({
    clientId,
    brokers,
    logLevel: logLevel.NOTHING,
    connectionTimeout: 3_000,
    retry: { retries: 3, initialRetryTime: 100, maxRetryTime: 1_000 },
  });
}

export function unique(name: string): string {
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

/** Deletes consumer groups the tests made (best effort: a group with live members stays). */
export async function deleteGroups(kafka: Kafka, groups: readonly string[]): Promise<void> {
  const admin = kafka.admin();
  try {
    await admin.connect();
    await admin.deleteGroups([...groups]).catch(() => undefined);
  } finally {
    await admin.disconnect();
  }
}
