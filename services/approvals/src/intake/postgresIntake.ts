import { type EventConsumer, type EventStore, NOTIFY_CHANNEL } from '@gatehouse/event-store';
import type { Logger } from '@gatehouse/service-kit';
import { createWorkflowProjection } from '@gatehouse/workflow';
import type pg from 'pg';
import type { LogIntake } from './logIntake.js';

/** Options of {@link PostgresIntake}. */
export interface PostgresIntakeOptions {
  readonly store: EventStore;
  readonly webhookEndpoints: readonly string[];
  readonly onProgress: () => void;
  readonly logger?: Logger;
  readonly pollIntervalMs?: number;
}

/**
 * Reads the log from PostgreSQL: the workflow's read-model projection
 * (exactly-once, one active instance by its lock; others wait), and a LISTEN
 * on the store's notifications that wakes the worker when anything is appended.
 */
export class PostgresIntake implements LogIntake {
  readonly mode = 'postgres' as const;
  readonly #options: PostgresIntakeOptions;
  readonly #projection: EventConsumer;
  #listener: pg.PoolClient | undefined;
  #started: Promise<void> | undefined;

  constructor(options: PostgresIntakeOptions) {
    this.#options = options;
    this.#projection = createWorkflowProjection(options.store, {
      webhookEndpoints: options.webhookEndpoints,
      waitForLock: true,
      pollIntervalMs: options.pollIntervalMs ?? 1000,
      onError: (error, context) => {
        options.logger?.error(
          { err: error, fatal: context.fatal },
          'workflow read-model projection failed',
        );
      },
    });
  }

  async start(): Promise<void> {
    const listener = await this.#options.store.pool.connect();
    listener.on('notification', (message) => {
      if (message.channel === NOTIFY_CHANNEL) this.#options.onProgress();
    });
    listener.on('error', (error) =>
      this.#options.logger?.error({ err: error }, 'log notifications lost'),
    );
    await listener.query(`LISTEN ${NOTIFY_CHANNEL}`);
    this.#listener = listener;
    // Resolves only when this instance holds the projection's lock: not awaited.
    this.#started = this.#projection.start().catch((error: unknown) => {
      this.#options.logger?.error({ err: error }, 'workflow read-model projection stopped');
    });
  }

  async stop(): Promise<void> {
    await this.#projection.stop().catch(() => undefined);
    await this.#started;
    this.#listener?.release(true);
    this.#listener = undefined;
  }

  async catchUp(): Promise<void> {
    if (this.#projection.status().state !== 'running') return;
    await this.#projection.whenCaughtUp().catch(() => undefined);
  }

  healthy(): boolean {
    const state = this.#projection.status().state;
    return state === 'running' || state === 'starting';
  }

  /** The projection (tests rebuild or wait on it). */
  get projection(): EventConsumer {
    return this.#projection;
  }
}
