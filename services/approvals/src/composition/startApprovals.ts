import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { EventStore, type EventConsumer, type KafkaRelay } from '@gatehouse/event-store';
import {
  IamService,
  PostgresIamStore,
  systemClock,
  type Clock,
  type IamServiceOptions,
} from '@gatehouse/iam';
import type { Logger } from '@gatehouse/service-kit';
import { IamWorkflowDirectory, WorkflowQueries, WorkflowService } from '@gatehouse/workflow';
import kafkajs from 'kafkajs';
import type pg from 'pg';
import type { ProcessingHook } from '../apply/crashPoints.js';
import { RequestProcessor } from '../apply/requestProcessor.js';
import { WorkflowIamStore } from '../apply/workflowIamStore.js';
import { KafkaIntake } from '../intake/kafkaIntake.js';
import type { LogIntake } from '../intake/logIntake.js';
import { PostgresIntake } from '../intake/postgresIntake.js';
import { ApprovalsWorker } from '../scheduler/approvalsWorker.js';
import type { BackoffPolicy } from '../webhooks/backoff.js';
import { WebhookDispatcher } from '../webhooks/webhookDispatcher.js';

const { Kafka, logLevel } = kafkajs;

/** What {@link startApprovals} needs. */
export interface StartApprovalsOptions {
  readonly pool: pg.Pool;
  readonly logger?: Logger;
  /** `GATEHOUSE_SECRETS_KEY` (the IAM service needs it; the workflow seals nothing). */
  readonly secretsKey: string;
  readonly clock?: Clock;
  readonly iam?: Omit<IamServiceOptions, 'store' | 'secretsKey' | 'clock'>;
  /** Kafka brokers: when non-empty, the log is read from the relay's topic. */
  readonly kafkaBrokers?: readonly string[];
  readonly kafkaTopic?: string;
  readonly kafkaGroupId?: string;
  /** The Kafka consumer group's session timeout, ms (see KafkaIntake). */
  readonly kafkaSessionTimeoutMs?: number;
  /**
   * Also run the event store's Kafka relay (log -> topic), standing by while
   * another instance holds its lock. Default true in Kafka mode: somebody must
   * publish the topic the intake reads.
   */
  readonly kafkaRelay?: boolean;
  /** A rules file published (as the next version) at start when it differs from the one in force. */
  readonly rulesFile?: string;
  readonly webhook?: {
    readonly endpoints: readonly string[];
    readonly secrets: readonly string[];
    readonly backoff?: BackoffPolicy;
    readonly random?: () => number;
  };
  readonly adminPrincipals?: readonly string[];
  readonly pollIntervalMs?: number;
  /** Start the worker's and dispatcher's loops (tests drive `tick()` themselves when false). */
  readonly run?: boolean;
  /** Observes processing points (crash tests). */
  readonly hook?: ProcessingHook;
  /**
   * The event store's digest sealer (tamper evidence: the log sealed in commit
   * order), one active instance across processes by its lock, others standing
   * by. `intervalMs`: how long a digest gathers events (and the polling
   * fallback). Default on, 1,000 ms; `false` when another process seals.
   */
  readonly sealer?: { readonly intervalMs: number } | false;
}

/** The running approvals core. */
export interface Approvals {
  readonly iam: IamService;
  readonly workflow: WorkflowService;
  readonly queries: WorkflowQueries;
  readonly worker: ApprovalsWorker;
  readonly processor: RequestProcessor;
  readonly intake: LogIntake;
  readonly webhooks: WebhookDispatcher | undefined;
  /** The digest sealer, when this process runs one. */
  readonly sealer: EventConsumer | undefined;
  /** Ready: the IAM view follows the log and the intake runs. */
  readiness(): { readonly ready: boolean; readonly reason?: string };
  close(): Promise<void>;
}

/**
 * Builds the approvals service on a pool: its own IamService (its store
 * carrying workflow events on IAM's commits), the intake (PostgreSQL, or Kafka
 * when brokers are given), the worker driving the clocks, the webhook
 * dispatcher, the event store's digest sealer, and the rules file publication.
 */
export async function startApprovals(options: StartApprovalsOptions): Promise<Approvals> {
  const { pool, logger } = options;
  const clock = options.clock ?? systemClock;
  const store = new EventStore({ pool });
  await store.assertSchema();
  const iamStore = new WorkflowIamStore(new PostgresIamStore({ pool, eventStore: store }));
  const iam = new IamService({
    ...options.iam,
    store: iamStore,
    secretsKey: options.secretsKey,
    clock,
    view: {
      ...options.iam?.view,
      onError: (error) => logger?.error({ err: error }, 'following the event log failed; retrying'),
    },
  });
  await iam.start();
  const directory = new IamWorkflowDirectory(iam, {
    accountRules: { adminPrincipals: [...(options.adminPrincipals ?? [])] },
  });
  const workflow = new WorkflowService({ store, directory, clock });
  const queries = new WorkflowQueries(pool);

  if (options.rulesFile !== undefined) {
    const source = await readFile(options.rulesFile, 'utf8');
    const published = await workflow.publishRules(
      { source, fileName: path.basename(options.rulesFile) },
      'system',
    );
    logger?.info(
      { version: published.version, changed: published.changed },
      'approval rules loaded',
    );
  }

  const endpoints = options.webhook?.endpoints ?? [];
  const webhooks =
    endpoints.length === 0 || options.webhook === undefined
      ? undefined
      : new WebhookDispatcher({
          pool,
          secrets: options.webhook.secrets,
          clock,
          ...(options.webhook.backoff === undefined ? {} : { backoff: options.webhook.backoff }),
          ...(options.webhook.random === undefined ? {} : { random: options.webhook.random }),
          ...(logger === undefined ? {} : { logger }),
        });

  const wakers = new Set<() => void>();
  const onProgress = (): void => {
    for (const wake of wakers) wake();
  };
  const brokers = options.kafkaBrokers ?? [];
  const kafka =
    brokers.length === 0
      ? undefined
      : new Kafka({
          clientId: 'gatehouse-approvals',
          brokers: [...brokers],
          logLevel: logLevel.NOTHING,
        });
  const relay: KafkaRelay | undefined =
    kafka === undefined || options.kafkaRelay === false
      ? undefined
      : store.createKafkaRelay({
          kafka,
          topic: options.kafkaTopic ?? 'gatehouse.events.v1',
          waitForLock: true,
          onError: (error, context) => {
            logger?.error({ err: error, fatal: context.fatal }, 'kafka relay failed');
          },
        });
  // Resolves only when this instance holds the relay's lock: not awaited.
  const relayStarted = relay?.start().catch((error: unknown) => {
    logger?.error({ err: error }, 'kafka relay stopped');
  });
  const sealerIntervalMs =
    options.sealer === false ? undefined : (options.sealer?.intervalMs ?? 1000);
  const sealer =
    sealerIntervalMs === undefined
      ? undefined
      : store.createSealer({
          lingerMs: sealerIntervalMs,
          pollIntervalMs: sealerIntervalMs,
          waitForLock: true,
          onError: (error, context) => {
            logger?.error({ err: error, fatal: context.fatal }, 'digest sealer failed');
          },
        });
  // Resolves only when this instance holds the sealer's lock: not awaited.
  const sealerStarted = sealer?.start().catch((error: unknown) => {
    logger?.error({ err: error }, 'digest sealer stopped');
  });
  const intake: LogIntake =
    brokers.length > 0
      ? new KafkaIntake({
          kafka: new Kafka({
            clientId: 'gatehouse-approvals',
            brokers: [...brokers],
            logLevel: logLevel.NOTHING,
          }),
          pool,
          topic: options.kafkaTopic ?? 'gatehouse.events.v1',
          ...(options.kafkaGroupId === undefined ? {} : { groupId: options.kafkaGroupId }),
          ...(options.kafkaSessionTimeoutMs === undefined
            ? {}
            : { sessionTimeoutMs: options.kafkaSessionTimeoutMs }),
          webhookEndpoints: endpoints,
          onProgress,
          ...(logger === undefined ? {} : { logger }),
        })
      : new PostgresIntake({
          store,
          webhookEndpoints: endpoints,
          onProgress,
          ...(logger === undefined ? {} : { logger }),
          ...(options.pollIntervalMs === undefined
            ? {}
            : { pollIntervalMs: options.pollIntervalMs }),
        });
  const catchUp = () => intake.catchUp();
  const processor = new RequestProcessor({
    store,
    iam,
    iamStore,
    directory,
    queries,
    clock,
    catchUp,
    ...(logger === undefined ? {} : { logger }),
    ...(options.hook === undefined ? {} : { hook: options.hook }),
  });
  const worker = new ApprovalsWorker({
    processor,
    queries,
    clock,
    catchUp,
    ...(logger === undefined ? {} : { logger }),
    ...(options.pollIntervalMs === undefined ? {} : { pollIntervalMs: options.pollIntervalMs }),
  });
  wakers.add(() => {
    worker.poke();
    webhooks?.poke();
  });
  try {
    await intake.start();
  } catch (error) {
    await intake.stop().catch(() => undefined);
    await relay?.stop().catch(() => undefined);
    await relayStarted;
    await sealer?.stop().catch(() => undefined);
    await sealerStarted;
    await iam.stop();
    throw error;
  }
  if (options.run !== false) {
    worker.start();
    webhooks?.start();
  }
  return {
    iam,
    workflow,
    queries,
    worker,
    processor,
    intake,
    webhooks,
    sealer,
    readiness() {
      if (!intake.healthy())
        return { ready: false, reason: `the ${intake.mode} intake is not running` };
      return { ready: true };
    },
    async close() {
      await worker.stop();
      await webhooks?.stop();
      await intake.stop();
      await relay?.stop().catch(() => undefined);
      await relayStarted;
      await sealer?.stop().catch(() => undefined);
      await sealerStarted;
      await iam.stop();
    },
  };
}
