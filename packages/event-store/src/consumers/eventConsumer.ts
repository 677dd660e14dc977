import type pg from 'pg';
import { EventStoreError, databaseError, isEventStoreError } from '../errors.js';
import type { RecordedEvent } from '../events.js';
import { compareCheckpoints, START_CHECKPOINT, type Checkpoint } from '../read/checkpoint.js';
import {
  MAX_READ_LIMIT,
  hasHeldBackEvents,
  readAll,
  readHead,
  type ReadAllPage,
} from '../read/readAll.js';
import { NOTIFY_CHANNEL } from '../schema/names.js';
import {
  assertConsumerId,
  ensureCheckpoint,
  loadCheckpoint,
  saveCheckpoint,
} from './checkpointStore.js';
import { tryLockConsumer, unlockConsumer } from './consumerLock.js';

/** Where a batch sits in the log. */
export interface BatchContext {
  readonly consumerId: string;
  /** The checkpoint before the batch (stored). */
  readonly from: Checkpoint;
  /** The checkpoint of the batch's last event (stored once the batch is handled). */
  readonly to: Checkpoint;
}

/** Handles a batch; the checkpoint is stored after it resolves (at-least-once). */
export type BatchHandler = (
  events: readonly RecordedEvent[],
  context: BatchContext,
) => Promise<void>;

/**
 * Writes a batch into a read model inside `transaction`; the checkpoint is
 * stored in the same transaction, so each event affects the read model once.
 */
export type ProjectionHandler = (
  events: readonly RecordedEvent[],
  transaction: pg.ClientBase,
  context: BatchContext,
) => Promise<void>;

/** Empties a read model before a rebuild, in the transaction that rewinds its checkpoint. */
export type ResetHandler = (transaction: pg.ClientBase) => Promise<void>;

/** Settings every consumer shares. */
export interface ConsumerSettings {
  /** Names the checkpoint and the lock: one active instance per id. */
  readonly consumerId: string;
  /** Events per batch, 1-10,000 (default 500). */
  readonly batchSize?: number;
  /** Polling fallback when no notification arrives, ms (default 1,000). */
  readonly pollIntervalMs?: number;
  /** After a notification, wait this long to gather more events into one batch (default 0). */
  readonly lingerMs?: number;
  /** Wait for another instance to release the lock instead of failing with `CONSUMER_LOCKED`. */
  readonly waitForLock?: boolean;
  /** Backoff after a failed batch: first delay, doubled up to `retryMaxDelayMs` (defaults 100, 10,000). */
  readonly retryInitialDelayMs?: number;
  readonly retryMaxDelayMs?: number;
  /** Every error: handler failures (retried), and the fatal one that stops the consumer. */
  readonly onError?: (error: unknown, context: ErrorContext) => void;
}

/** What {@link ConsumerSettings.onError} is told besides the error. */
export interface ErrorContext {
  readonly consumerId: string;
  readonly consecutiveFailures: number;
  /** True when the consumer stopped because of it. */
  readonly fatal: boolean;
}

/** How a batch is applied (the difference between a consumer and a projection). */
export interface BatchProcessor {
  /** Applies the batch and stores the checkpoint; returns the new checkpoint revision. */
  process(
    session: pg.ClientBase,
    events: readonly RecordedEvent[],
    context: BatchContext,
    revision: bigint,
  ): Promise<bigint>;
  readonly reset?: ResetHandler;
}

/** Lifecycle of a consumer. */
export type ConsumerState = 'new' | 'starting' | 'running' | 'stopping' | 'stopped' | 'failed';

/** A snapshot of a consumer's progress, for metrics and health checks. */
export interface ConsumerStatus {
  readonly consumerId: string;
  readonly state: ConsumerState;
  readonly checkpoint: Checkpoint;
  /** True when its last read found nothing more to handle. */
  readonly caughtUp: boolean;
  readonly eventsHandled: number;
  readonly batchesHandled: number;
  readonly lastBatchAt: Date | null;
  readonly consecutiveFailures: number;
  readonly lastError: string | null;
}

const HELD_BACK_FIRST_DELAY_MS = 10;

interface Waiter {
  readonly done: (consumer: EventConsumer) => boolean;
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
  readonly timer: NodeJS.Timeout;
}

interface Request {
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Reads the log from its checkpoint in consumer order — catch-up, then live —
 * woken by LISTEN/NOTIFY with polling as fallback. One dedicated session holds
 * the consumer's advisory lock, listens, reads and stores checkpoints, so if it
 * dies the lock goes with it and a standby takes over from the stored
 * checkpoint. A failed batch is retried with backoff from the stored
 * checkpoint: nothing is skipped, ever.
 */
export class EventConsumer {
  /** The id naming the checkpoint and the lock. */
  readonly consumerId: string;
  readonly #pool: pg.Pool;
  readonly #processor: BatchProcessor;
  readonly #batchSize: number;
  readonly #pollIntervalMs: number;
  readonly #lingerMs: number;
  readonly #waitForLock: boolean;
  readonly #retryInitialDelayMs: number;
  readonly #retryMaxDelayMs: number;
  readonly #onError: ((error: unknown, context: ErrorContext) => void) | undefined;

  #state: ConsumerState = 'new';
  #generation = 0;
  #sessionLost: unknown;
  #lockKey = 0;
  #checkpoint: Checkpoint = START_CHECKPOINT;
  #revision = 0n;
  #loop: Promise<void> | undefined;
  #stopRequested = false;
  #notified = false;
  #wakers = new Set<(reason: 'notify' | 'stop') => void>();
  #rebuilds: Request[] = [];
  #waiters = new Set<Waiter>();
  #reads = 0;
  #heldBackDelayMs = HELD_BACK_FIRST_DELAY_MS;
  #caughtUpRead = -1;
  #caughtUp = false;
  #eventsHandled = 0;
  #batchesHandled = 0;
  #lastBatchAt: Date | null = null;
  #consecutiveFailures = 0;
  #lastError: unknown;

  constructor(pool: pg.Pool, settings: ConsumerSettings, processor: BatchProcessor) {
    assertConsumerId(settings.consumerId);
    this.consumerId = settings.consumerId;
    this.#pool = pool;
    this.#processor = processor;
    this.#batchSize = integerSetting('batchSize', settings.batchSize, 500, 1, MAX_READ_LIMIT);
    this.#pollIntervalMs = integerSetting(
      'pollIntervalMs',
      settings.pollIntervalMs,
      1_000,
      5,
      3_600_000,
    );
    this.#lingerMs = integerSetting('lingerMs', settings.lingerMs, 0, 0, 60_000);
    this.#waitForLock = settings.waitForLock ?? false;
    this.#retryInitialDelayMs = integerSetting(
      'retryInitialDelayMs',
      settings.retryInitialDelayMs,
      100,
      1,
      600_000,
    );
    this.#retryMaxDelayMs = integerSetting(
      'retryMaxDelayMs',
      settings.retryMaxDelayMs,
      10_000,
      this.#retryInitialDelayMs,
      3_600_000,
    );
    this.#onError = settings.onError;
  }

  /** The last checkpoint this instance stored (or loaded at start). */
  get checkpoint(): Checkpoint {
    return this.#checkpoint;
  }

  /** Progress and health. */
  status(): ConsumerStatus {
    return {
      consumerId: this.consumerId,
      state: this.#state,
      checkpoint: this.#checkpoint,
      caughtUp: this.#caughtUp,
      eventsHandled: this.#eventsHandled,
      batchesHandled: this.#batchesHandled,
      lastBatchAt: this.#lastBatchAt,
      consecutiveFailures: this.#consecutiveFailures,
      lastError: describe(this.#lastError),
    };
  }

  /**
   * Takes the consumer's lock and starts handling events in the background.
   * Resolves once this instance is the active one (with `waitForLock`, when the
   * other instance let go; if {@link stop} is called meanwhile, without starting).
   * @throws EventStoreError `CONSUMER_LOCKED` (another instance is active), `CONSUMER_STATE`
   */
  async start(): Promise<void> {
    if (this.#state !== 'new' && this.#state !== 'stopped' && this.#state !== 'failed') {
      throw new EventStoreError(
        'CONSUMER_STATE',
        `consumer \`${this.consumerId}\` is ${this.#state}`,
      );
    }
    this.#state = 'starting';
    this.#stopRequested = false;
    let session: pg.PoolClient;
    try {
      session = await this.#pool.connect();
    } catch (error) {
      this.#state = 'failed';
      throw databaseError(error, `connecting consumer \`${this.consumerId}\``);
    }
    // Events of an earlier session (a late error after a restart) must not touch this one.
    const generation = ++this.#generation;
    this.#sessionLost = undefined;
    const onNotification = (message: pg.Notification) => {
      if (message.channel === NOTIFY_CHANNEL && generation === this.#generation) {
        this.#wake('notify');
      }
    };
    const onLost = (error?: unknown) => {
      if (generation !== this.#generation) return;
      this.#sessionLost ??= error ?? new Error('session ended');
      this.#wake('stop');
    };
    session.on('notification', onNotification);
    session.on('error', onLost);
    session.on('end', onLost);
    try {
      let stored = await ensureCheckpoint(session, this.consumerId);
      this.#lockKey = stored.lockKey;
      while (!(await tryLockConsumer(session, stored.lockKey))) {
        if (!this.#waitForLock) {
          throw new EventStoreError(
            'CONSUMER_LOCKED',
            `consumer \`${this.consumerId}\` is active in another instance`,
            { details: { consumerId: this.consumerId } },
          );
        }
        if ((await this.#delay(this.#pollIntervalMs, false)) === 'stop') {
          await this.#closeSession(session, false);
          this.#state = 'stopped';
          return;
        }
      }
      // The previous holder may have moved the checkpoint while we waited.
      stored = (await loadCheckpoint(session, this.consumerId)) ?? stored;
      this.#checkpoint = stored.checkpoint;
      this.#revision = stored.revision;
      await session.query(`LISTEN ${NOTIFY_CHANNEL}`);
    } catch (error) {
      await this.#closeSession(session, false);
      // Finding another instance active is a normal outcome, not a failure of this one.
      this.#state = isEventStoreError(error, 'CONSUMER_LOCKED') ? 'stopped' : 'failed';
      this.#lastError = error;
      throw isEventStoreError(error)
        ? error
        : databaseError(error, `starting \`${this.consumerId}\``);
    }
    this.#state = 'running';
    this.#loop = this.#run(session);
  }

  /** Finishes the batch in hand, stores its checkpoint, releases the lock. Idempotent. */
  async stop(): Promise<void> {
    if (this.#state === 'running' || this.#state === 'starting') {
      this.#state = 'stopping';
    }
    this.#stopRequested = true;
    this.#wake('stop');
    await this.#loop;
  }

  /** Resolves when the background loop has ended (after {@link stop} or a fatal error). */
  async whenStopped(): Promise<void> {
    await this.#loop;
  }

  /**
   * Rewinds the consumer to the start of the log, after the reset handler (for a
   * projection: emptying the read model) ran in the same transaction; the
   * consumer then replays everything. Works while running (between batches) or
   * stopped (taking the lock for the moment).
   * @throws EventStoreError `CONSUMER_LOCKED` when stopped here but active elsewhere
   */
  async rebuild(): Promise<void> {
    if (this.#state === 'running') {
      await new Promise<void>((resolve, reject) => {
        this.#rebuilds.push({ resolve, reject });
        this.#wake('notify');
      });
      return;
    }
    if (this.#state === 'starting' || this.#state === 'stopping') {
      throw new EventStoreError(
        'CONSUMER_STATE',
        `consumer \`${this.consumerId}\` is ${this.#state}`,
      );
    }
    let session: pg.PoolClient;
    try {
      session = await this.#pool.connect();
    } catch (error) {
      throw databaseError(error, `connecting consumer \`${this.consumerId}\``);
    }
    try {
      const stored = await ensureCheckpoint(session, this.consumerId);
      if (!(await tryLockConsumer(session, stored.lockKey))) {
        throw new EventStoreError(
          'CONSUMER_LOCKED',
          `consumer \`${this.consumerId}\` is active in another instance; rebuild it there`,
        );
      }
      this.#revision = stored.revision;
      await this.#reset(session);
      await unlockConsumer(session, stored.lockKey);
      session.release();
    } catch (error) {
      session.release(true);
      throw error;
    }
  }

  /**
   * Resolves once this instance has handled everything up to `checkpoint`
   * (e.g. an append's checkpoint: read-your-writes on a projection).
   * @throws EventStoreError `TIMEOUT`, or the fatal error that stopped the consumer
   */
  waitFor(checkpoint: Checkpoint, timeoutMs = 30_000): Promise<void> {
    return this.#addWaiter(
      (consumer) => compareCheckpoints(consumer.#checkpoint, checkpoint) >= 0,
      timeoutMs,
      `checkpoint ${checkpoint.transactionId.toString()}:${checkpoint.globalPosition.toString()}`,
    );
  }

  /**
   * Resolves once this instance has handled everything committed before the call,
   * including events still held back then by an older transaction in flight
   * elsewhere on the server (those become readable when it ends).
   * @throws EventStoreError `TIMEOUT`, or the fatal error that stopped the consumer
   */
  async whenCaughtUp(timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    const { committed } = await readHead(this.#pool);
    const after = this.#reads;
    this.#wake('notify');
    await this.#addWaiter((consumer) => consumer.#caughtUpRead > after, timeoutMs, 'catching up');
    await this.waitFor(committed, Math.max(1, deadline - Date.now()));
  }

  #addWaiter(
    done: (consumer: EventConsumer) => boolean,
    timeoutMs: number,
    what: string,
  ): Promise<void> {
    if (done(this)) return Promise.resolve();
    if (this.#state === 'failed') return Promise.reject(this.#fatalError());
    if (this.#state !== 'running' && this.#state !== 'starting') {
      return Promise.reject(
        new EventStoreError(
          'CONSUMER_STATE',
          `consumer \`${this.consumerId}\` is ${this.#state}: it cannot reach ${what}`,
        ),
      );
    }
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = {
        done,
        resolve,
        reject,
        timer: setTimeout(() => {
          this.#waiters.delete(waiter);
          reject(
            new EventStoreError(
              'TIMEOUT',
              `consumer \`${this.consumerId}\` did not reach ${what} within ${timeoutMs} ms`,
            ),
          );
        }, timeoutMs),
      };
      this.#waiters.add(waiter);
    });
  }

  #settleWaiters(): void {
    for (const waiter of this.#waiters) {
      if (waiter.done(this)) {
        clearTimeout(waiter.timer);
        this.#waiters.delete(waiter);
        waiter.resolve();
      }
    }
  }

  async #run(session: pg.PoolClient): Promise<void> {
    try {
      while (!this.#stopRequested) {
        this.#throwIfSessionLost();
        const rebuild = this.#rebuilds.shift();
        if (rebuild !== undefined) {
          try {
            await this.#reset(session);
            rebuild.resolve();
          } catch (error) {
            rebuild.reject(error);
            if (this.#isFatal(error)) throw error;
          }
          continue;
        }
        const readId = ++this.#reads;
        let page: ReadAllPage;
        try {
          page = await readAll(session, { after: this.#checkpoint, limit: this.#batchSize });
        } catch (error) {
          await this.#failed(error);
          continue;
        }
        if (page.events.length > 0 && (await this.#handle(session, page))) {
          if (!page.isEnd) continue;
        } else if (page.events.length > 0) {
          continue;
        }
        this.#caughtUp = true;
        this.#caughtUpRead = readId;
        this.#settleWaiters();
        await this.#idle(await this.#heldBack(session));
      }
      this.#state = 'stopped';
    } catch (error) {
      this.#state = 'failed';
      this.#lastError = error;
      this.#report(error, true);
    } finally {
      await this.#closeSession(session, this.#sessionLost === undefined);
      const failure = this.#fatalError();
      for (const waiter of this.#waiters) {
        clearTimeout(waiter.timer);
        waiter.reject(failure);
      }
      this.#waiters.clear();
      for (const request of this.#rebuilds.splice(0)) request.reject(failure);
    }
  }

  /** Applies one batch; false when it failed (already reported and backed off). */
  async #handle(session: pg.PoolClient, page: ReadAllPage): Promise<boolean> {
    this.#caughtUp = false;
    const context: BatchContext = {
      consumerId: this.consumerId,
      from: this.#checkpoint,
      to: page.next,
    };
    try {
      this.#revision = await this.#processor.process(session, page.events, context, this.#revision);
    } catch (error) {
      await this.#failed(error);
      return false;
    }
    this.#checkpoint = page.next;
    this.#eventsHandled += page.events.length;
    this.#batchesHandled += 1;
    this.#lastBatchAt = new Date();
    this.#consecutiveFailures = 0;
    this.#settleWaiters();
    return true;
  }

  async #reset(session: pg.PoolClient): Promise<void> {
    await session.query('BEGIN');
    try {
      await this.#processor.reset?.(session);
      this.#revision = await saveCheckpoint(
        session,
        this.consumerId,
        this.#revision,
        START_CHECKPOINT,
      );
      await session.query('COMMIT');
    } catch (error) {
      await session.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
    this.#checkpoint = START_CHECKPOINT;
    this.#caughtUp = false;
  }

  /** Reports a failure; rethrows when it is fatal, else backs off. */
  async #failed(error: unknown): Promise<void> {
    if (this.#isFatal(error)) throw error;
    this.#consecutiveFailures += 1;
    this.#lastError = error;
    this.#report(error, false);
    const delay = Math.min(
      this.#retryMaxDelayMs,
      this.#retryInitialDelayMs * 2 ** Math.min(this.#consecutiveFailures - 1, 30),
    );
    await this.#delay(delay, false);
  }

  #isFatal(error: unknown): boolean {
    this.#throwIfSessionLost();
    return isEventStoreError(error, 'CHECKPOINT_CONFLICT');
  }

  #throwIfSessionLost(): void {
    if (this.#sessionLost !== undefined) {
      throw new EventStoreError(
        'CONSUMER_LOCK_LOST',
        `consumer \`${this.consumerId}\` lost its database session (and with it the lock)`,
        { cause: this.#sessionLost },
      );
    }
  }

  #fatalError(): EventStoreError {
    const error = this.#lastError;
    if (this.#state === 'failed' && isEventStoreError(error)) return error;
    return new EventStoreError('CONSUMER_STATE', `consumer \`${this.consumerId}\` stopped`, {
      cause: error,
    });
  }

  #report(error: unknown, fatal: boolean): void {
    try {
      this.#onError?.(error, {
        consumerId: this.consumerId,
        consecutiveFailures: this.#consecutiveFailures,
        fatal,
      });
    } catch {
      // A failing error callback must not stop the consumer.
    }
  }

  /** Whether committed events wait behind an in-flight transaction (errors count as no). */
  async #heldBack(session: pg.PoolClient): Promise<boolean> {
    try {
      return await hasHeldBackEvents(session, this.#checkpoint);
    } catch {
      return false;
    }
  }

  /**
   * Waits for a notification, the poll interval or a stop; then lingers to
   * gather a batch. When events are held back by an in-flight transaction, polls
   * again soon (10 ms, doubling): the transaction holding them may not be an
   * event writer, and then no notification announces its end.
   */
  async #idle(heldBack: boolean): Promise<void> {
    let wait = this.#pollIntervalMs;
    if (heldBack) {
      wait = Math.min(this.#pollIntervalMs, this.#heldBackDelayMs);
      this.#heldBackDelayMs = Math.min(this.#pollIntervalMs, this.#heldBackDelayMs * 2);
    } else {
      this.#heldBackDelayMs = HELD_BACK_FIRST_DELAY_MS;
    }
    if (!this.#notified && !this.#stopRequested) {
      await this.#delay(wait, true);
    }
    if (this.#notified && this.#lingerMs > 0 && !this.#stopRequested) {
      await this.#delay(this.#lingerMs, false);
    }
    this.#notified = false;
  }

  /** Sleeps `ms`; a stop always ends it early, a notification only when `wakeOnNotify`. */
  #delay(ms: number, wakeOnNotify: boolean): Promise<'timeout' | 'notify' | 'stop'> {
    if (this.#stopRequested) return Promise.resolve('stop');
    return new Promise((resolve) => {
      const finish = (reason: 'timeout' | 'notify' | 'stop') => {
        clearTimeout(timer);
        this.#wakers.delete(waker);
        resolve(reason);
      };
      const waker = (reason: 'notify' | 'stop') => {
        if (reason === 'stop' || wakeOnNotify) finish(reason);
      };
      const timer = setTimeout(() => {
        finish('timeout');
      }, ms);
      this.#wakers.add(waker);
    });
  }

  #wake(reason: 'notify' | 'stop'): void {
    if (reason === 'notify') this.#notified = true;
    for (const waker of [...this.#wakers]) waker(reason);
  }

  async #closeSession(session: pg.PoolClient, healthy: boolean): Promise<void> {
    if (healthy) {
      await unlockConsumer(session, this.#lockKey).catch(() => undefined);
    }
    session.removeAllListeners('notification');
    // Keep an error listener: a late socket error on a destroyed client must not crash the process.
    session.removeAllListeners('end');
    // Destroyed, not returned to the pool: its LISTEN and lock must not leak to another user.
    session.release(true);
  }
}

function integerSetting(
  name: string,
  value: number | undefined,
  fallback: number,
  min: number,
  max: number,
): number {
  const chosen = value ?? fallback;
  if (!Number.isSafeInteger(chosen) || chosen < min || chosen > max) {
    throw new EventStoreError(
      'INVALID_ARGUMENT',
      `\`${name}\` must be an integer from ${min} to ${max}`,
    );
  }
  return chosen;
}

function describe(error: unknown): string | null {
  if (error === undefined || error === null) return null;
  if (error instanceof Error) return error.message;
  return typeof error === 'string' ? error : 'a non-Error value was thrown';
}
