// The platform as a user deploys it, for one suite: a fresh migrated database,
// Kafka (the shared broker, or the suite's isolated one) with topic and consumer
// group names of the suite's own, the gateway and the approvals service as
// separate OS processes in Kafka mode on free ports, and a GraphQL client. The
// approvals service runs the log -> Kafka relay and reads the log back from
// Kafka (its intake), as in deploy/docker-compose.yml.
import { afterAll, beforeAll } from '@jest/globals';
import type { Kafka } from 'kafkajs';
import { ACCOUNT_ID, ROOT_EMAIL, ROOT_PASSWORD, SECRETS_KEY } from './account.js';
import { createSuiteDatabase, type SuiteDatabase } from './database.js';
import { loggedEvents } from './eventLog.js';
import { GraphqlClient } from './graphqlClient.js';
import {
  deleteKafkaResources,
  IsolatedBroker,
  kafkaClient,
  sharedBrokers,
  TopicReader,
  uniqueName,
} from './kafka.js';
import { freePort } from './ports.js';
import { ServiceProcess } from './serviceProcess.js';

/** The approvals intake's receipts consumer (services/approvals KafkaIntake). */
export const INTAKE_CONSUMER = 'workflow-kafka-intake';
/** The relay's checkpoint consumer (event-store createKafkaRelay default). */
export const RELAY_CONSUMER = 'gatehouse.kafka-relay';

/** How {@link startStack} builds the platform. */
export interface StackOptions {
  /** Names topics, groups and messages. */
  readonly name: string;
  /** Start an isolated broker for this suite (for tests that stop and restart it). */
  readonly isolatedBroker?: boolean;
  /** Extra environment of the gateway / approvals processes. */
  readonly gatewayEnv?: Readonly<Record<string, string>>;
  readonly approvalsEnv?: Readonly<Record<string, string>>;
}

/** The running platform of one suite. */
export interface Stack {
  readonly name: string;
  readonly database: SuiteDatabase;
  readonly gateway: ServiceProcess;
  readonly approvals: ServiceProcess;
  /** A client of the gateway (its URL survives gateway restarts). */
  readonly client: GraphqlClient;
  readonly kafka: {
    readonly brokers: readonly string[];
    /** The relay's topic of this suite. */
    readonly topic: string;
    /** The approvals intake's consumer group. */
    readonly groupId: string;
    readonly client: Kafka;
    /** The suite's own broker, when it asked for one. */
    readonly broker: IsolatedBroker | undefined;
  };
  /** A root session token (signs in with the bootstrap password). */
  rootToken(mfaCode?: string): Promise<string>;
  /** An external consumer of the relay's topic, from the beginning (stopped by dispose). */
  readTopic(): Promise<TopicReader>;
  /** Waits until the approvals intake has applied every logged event (its receipts reach every stream's head). */
  intakeCaughtUp(timeoutMs?: number): Promise<void>;
  /** The relay's checkpoint (global position published up to), 0 before the first. */
  relayPosition(): Promise<number>;
  /** Stops everything it started, in reverse order, also after failures; drops the database. */
  dispose(): Promise<void>;
}

async function settle(steps: readonly (() => Promise<unknown>)[]): Promise<void> {
  const errors: unknown[] = [];
  for (const step of steps) {
    try {
      await step();
    } catch (error) {
      errors.push(error);
    }
  }
  if (errors.length > 0) throw new AggregateError(errors, 'teardown failed');
}

/** Starts the platform for one suite; everything started is stopped again when a step fails. */
export async function startStack(options: StackOptions): Promise<Stack> {
  const undo: (() => Promise<unknown>)[] = [];
  const readers: TopicReader[] = [];
  const dispose = () => settle([...undo].reverse());
  try {
    const broker =
      options.isolatedBroker === true ? await IsolatedBroker.start(options.name) : undefined;
    if (broker !== undefined) undo.push(() => broker.stop());
    const brokers = broker?.brokers ?? sharedBrokers;
    const topic = uniqueName(`${options.name}.events`);
    const groupId = uniqueName(`${options.name}.approvals`);
    const kafka = kafkaClient(brokers);
    undo.push(() => deleteKafkaResources(kafka, { topics: [topic], groups: [groupId] }));

    const database = await createSuiteDatabase();
    undo.push(() => database.dispose());

    const common = {
      DATABASE_URL: database.url,
      KAFKA_BROKERS: brokers.join(','),
      GATEHOUSE_SECRETS_KEY: SECRETS_KEY,
      LOG_LEVEL: 'info',
      NODE_ENV: 'test',
    };
    const gateway = new ServiceProcess({
      name: 'gateway',
      entry: 'services/gateway/dist/main.js',
      env: {
        ...common,
        GATEWAY_PORT: String(await freePort()),
        GATEHOUSE_ROOT_EMAIL: ROOT_EMAIL,
        GATEHOUSE_ROOT_PASSWORD: ROOT_PASSWORD,
        GATEHOUSE_ACCOUNT_ID: ACCOUNT_ID,
        ...options.gatewayEnv,
      },
      readyMessage: 'gateway listening',
    });
    undo.push(() => gateway.dispose());
    // The gateway bootstraps the account; the approvals service relays its events.
    await gateway.start();
    const approvals = new ServiceProcess({
      name: 'approvals',
      entry: 'services/approvals/dist/main.js',
      env: {
        ...common,
        APPROVALS_PORT: String(await freePort()),
        APPROVALS_KAFKA_TOPIC: topic,
        APPROVALS_KAFKA_GROUP_ID: groupId,
        APPROVALS_POLL_INTERVAL_MS: '250',
        // A killed instance's partitions move on after 6 s, not kafkajs' 30 s.
        APPROVALS_KAFKA_SESSION_TIMEOUT_MS: '6000',
        ...options.approvalsEnv,
      },
      readyMessage: 'approvals listening',
    });
    undo.push(() => approvals.dispose());
    await approvals.start();
    undo.push(() => Promise.all(readers.map((reader) => reader.stop())));

    const client = new GraphqlClient(gateway.baseUrl);
    return {
      name: options.name,
      database,
      gateway,
      approvals,
      client,
      kafka: { brokers, topic, groupId, client: kafka, broker },
      rootToken: (mfaCode) =>
        client.signIn({
          rootEmail: ROOT_EMAIL,
          password: ROOT_PASSWORD,
          ...(mfaCode === undefined ? {} : { mfaCode }),
        }),
      async readTopic() {
        const reader = await TopicReader.start(kafka, topic, uniqueName(`${options.name}.reader`));
        readers.push(reader);
        return reader;
      },
      async intakeCaughtUp(timeoutMs = 60_000) {
        const deadline = Date.now() + timeoutMs;
        for (;;) {
          const heads = new Map<string, number>();
          for (const event of await loggedEvents(database.pool)) {
            heads.set(event.streamId, event.streamVersion);
          }
          const { rows } = await database.pool.query<{ stream_id: string; v: string }>(
            `SELECT stream_id, stream_version AS v FROM event_receipts WHERE consumer_id = $1`,
            [INTAKE_CONSUMER],
          );
          const applied = new Map(rows.map((row) => [row.stream_id, Number(row.v)]));
          const behind = [...heads].filter(([stream, head]) => (applied.get(stream) ?? 0) < head);
          if (behind.length === 0) return;
          if (Date.now() > deadline) {
            throw new Error(
              `the approvals intake is behind on ${behind.length} streams (e.g. ${behind[0]?.[0]}); its last output:\n${approvals.tail()}`,
            );
          }
          await new Promise((resolve) => setTimeout(resolve, 250));
        }
      },
      async relayPosition() {
        const { rows } = await database.pool.query<{ p: string }>(
          `SELECT global_position AS p FROM event_consumers WHERE consumer_id = $1`,
          [RELAY_CONSUMER],
        );
        return Number(rows[0]?.p ?? '0');
      },
      dispose,
    };
  } catch (error) {
    await dispose().catch(() => undefined);
    throw error;
  }
}

/**
 * Registers beforeAll/afterAll for a suite's stack and returns its accessor: the
 * stack starts once for the file and is disposed after it, also when a test failed.
 */
export function useStack(options: StackOptions): () => Stack {
  let stack: Stack | undefined;
  beforeAll(async () => {
    stack = await startStack(options);
  }, 240_000);
  afterAll(async () => {
    await stack?.dispose();
  }, 120_000);
  return () => {
    if (stack === undefined) throw new Error(`the ${options.name} stack did not start`);
    return stack;
  };
}
