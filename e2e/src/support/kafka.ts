// Kafka as the suites see it: the shared broker of deploy/kafka/kafka.sh (or an
// isolated one on its own ports and data directory, for a suite that stops and
// restarts it), names unique per suite, and an external consumer that reads the
// relay's topic as any client would: the JSON envelope, keyed by stream.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { promisify } from 'node:util';
import kafkajs, { type Consumer, type Kafka } from 'kafkajs';
import { track } from './cleanup.js';
import { freePortPair } from './ports.js';
import { repoRoot } from './serviceProcess.js';

const { Kafka: KafkaClient, logLevel } = kafkajs;

/** The shared broker (`KAFKA_BROKERS`, default 127.0.0.1:9092): never stopped by a test. */
export const sharedBrokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');

export const kafkaScript = path.join(repoRoot, 'deploy/kafka/kafka.sh');

/** `gh-e2e.<name>.<random>`: a topic or group id of this suite only. */
export function uniqueName(name: string): string {
  return `gh-e2e.${name}.${randomBytes(4).toString('hex')}`;
}

/** A quiet kafkajs client that retries through a broker restart. */
export function kafkaClient(brokers: readonly string[], clientId = 'gatehouse-e2e'): Kafka {
  return new KafkaClient({
    clientId,
    brokers: [...brokers],
    logLevel: logLevel.NOTHING,
    connectionTimeout: 3_000,
    retry: { retries: 30, initialRetryTime: 200, maxRetryTime: 2_000 },
  });
}

/** Deletes the suite's topics and consumer groups (best effort: teardown must go on). */
export async function deleteKafkaResources(
  kafka: Kafka,
  resources: { readonly topics?: readonly string[]; readonly groups?: readonly string[] },
): Promise<void> {
  const admin = kafka.admin();
  try {
    await admin.connect();
    const groups = [...(resources.groups ?? [])];
    if (groups.length > 0) await admin.deleteGroups(groups).catch(() => undefined);
    const existing = new Set(await admin.listTopics());
    const topics = (resources.topics ?? []).filter((topic) => existing.has(topic));
    if (topics.length > 0) await admin.deleteTopics({ topics, timeout: 10_000 });
  } catch {
    // The broker may be gone (a fault test); the topic dies with an isolated broker's data.
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

/** A broker of the suite's own (deploy/kafka/kafka.sh with its own ports and data dir). */
export class IsolatedBroker {
  readonly port: number;
  readonly env: Readonly<Record<string, string>>;
  #untrack: (() => void) | undefined;

  private constructor(name: string, port: number) {
    this.port = port;
    this.env = {
      KAFKA_PORT: String(port),
      KAFKA_CONTROLLER_PORT: String(port + 1),
      // One directory per suite name: the jars resolved once are reused by later runs.
      KAFKA_HOME_DIR: path.join(repoRoot, `.cache/kafka-e2e-${name}`),
    };
  }

  /** Starts a fresh broker (empty data dir) on two free ports. */
  static async start(name: string): Promise<IsolatedBroker> {
    const broker = new IsolatedBroker(name, await freePortPair());
    await broker.#script('start', { KAFKA_FRESH: '1' });
    return broker;
  }

  get brokers(): readonly string[] {
    return [`127.0.0.1:${this.port}`];
  }

  /** Graceful stop (kafka.sh stop). */
  async stop(): Promise<void> {
    await this.#script('stop');
    this.#untrack?.();
    this.#untrack = undefined;
  }

  /** Starts it again on the same ports and data (kafka.sh start). */
  async restart(): Promise<void> {
    await this.#script('start');
  }

  async #script(command: 'start' | 'stop', extra: Record<string, string> = {}): Promise<void> {
    if (command === 'start' && this.#untrack === undefined) {
      this.#untrack = track({ kind: 'broker', script: kafkaScript, env: { ...this.env } });
    }
    try {
      await promisify(execFile)('bash', [kafkaScript, command], {
        timeout: 180_000,
        env: { ...process.env, ...this.env, ...extra },
      });
    } catch (error) {
      const { stderr } = error as { stderr?: string };
      throw new Error(
        `kafka.sh ${command} (port ${this.port}) failed:\n${stderr ?? String(error)}`,
        { cause: error },
      );
    }
  }
}

/** The fields of the relay's JSON envelope an external consumer relies on. */
export interface RelayedEvent {
  readonly eventId: string;
  readonly streamId: string;
  readonly streamVersion: number;
  readonly type: string;
  /** The event's position in the log (commit order). */
  readonly globalPosition: number;
  readonly key: string;
  readonly partition: number;
}

function decode(partition: number, key: Buffer | null, value: Buffer | null): RelayedEvent {
  const envelope = JSON.parse(value?.toString('utf8') ?? 'null') as Partial<
    Record<keyof RelayedEvent, unknown>
  > | null;
  if (
    envelope === null ||
    typeof envelope.eventId !== 'string' ||
    typeof envelope.streamId !== 'string' ||
    typeof envelope.streamVersion !== 'number' ||
    typeof envelope.type !== 'string' ||
    typeof envelope.globalPosition !== 'string'
  ) {
    throw new Error(`not an event envelope: ${value?.toString('utf8').slice(0, 200)}`);
  }
  return {
    eventId: envelope.eventId,
    streamId: envelope.streamId,
    streamVersion: envelope.streamVersion,
    type: envelope.type,
    globalPosition: Number(envelope.globalPosition),
    key: key?.toString('utf8') ?? '',
    partition,
  };
}

/**
 * An external consumer of the relay's topic in a group of its own, from the
 * beginning: it keeps every message in the order it received them, which within
 * a partition (and so within a stream) is the topic's order.
 */
export class TopicReader {
  readonly received: RelayedEvent[] = [];
  readonly #consumer: Consumer;
  #failure: unknown;
  readonly #crashes: string[] = [];

  private constructor(consumer: Consumer) {
    this.#consumer = consumer;
  }

  static async start(kafka: Kafka, topic: string, groupId: string): Promise<TopicReader> {
    const consumer = kafka.consumer({ groupId, sessionTimeout: 10_000, heartbeatInterval: 1_000 });
    const reader = new TopicReader(consumer);
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      reader.#crashes.push(`${String(payload.error)} (restart: ${payload.restart})`);
    });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      eachMessage: ({ partition, message }) => {
        try {
          reader.received.push(decode(partition, message.key, message.value));
        } catch (error) {
          reader.#failure = error;
        }
        return Promise.resolve();
      },
    });
    return reader;
  }

  /** Waits until `done(received)` holds; fails with what was received when it does not in time. */
  async waitFor(
    done: (received: readonly RelayedEvent[]) => boolean,
    timeoutMs: number,
    what: string,
  ): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!done(this.received)) {
      if (this.#failure !== undefined) throw this.#failure as Error;
      if (Date.now() > deadline) {
        throw new Error(
          `the external consumer did not see ${what} within ${timeoutMs} ms (it received ${this.received.length} messages; crashes: ${this.#crashes.join('; ') || 'none'})`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  async stop(): Promise<void> {
    await this.#consumer.disconnect().catch(() => undefined);
  }
}
