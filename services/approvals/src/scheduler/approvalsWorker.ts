import type { Clock } from '@gatehouse/iam';
import type { Logger } from '@gatehouse/service-kit';
import type { WorkflowQueries } from '@gatehouse/workflow';
import type { RequestProcessor, StepOutcome } from '../apply/requestProcessor.js';

/** What one tick did. */
export interface TickReport {
  readonly processed: ReadonlyMap<string, readonly StepOutcome[]>;
  readonly failures: number;
  readonly sessionsRevoked: number;
}

/** Options of {@link ApprovalsWorker}. */
export interface ApprovalsWorkerOptions {
  readonly processor: RequestProcessor;
  readonly queries: WorkflowQueries;
  readonly clock: Clock;
  readonly logger?: Logger;
  /** Makes the read models current before looking for due requests. */
  readonly catchUp?: () => Promise<void>;
  /** Longest sleep between ticks, ms (default 1,000): the clocks are polled at least this often. */
  readonly pollIntervalMs?: number;
  /** Requests per tick (default 100). */
  readonly batchSize?: number;
}

/**
 * Drives the three clocks (pending timeout, scheduled start, grant expiry) and
 * revocations: each tick reads the requests due at the clock's `now` from the
 * read model and lets the processor act on each (it decides from the request's
 * stream, so a stale read model only delays, never misleads). A request whose
 * processing fails is retried with backoff (1 s doubling to 5 min, in memory).
 * Time comes from the injected clock; tests call `tick()` instead of sleeping.
 */
export class ApprovalsWorker {
  readonly #options: ApprovalsWorkerOptions;
  readonly #pollIntervalMs: number;
  readonly #retryAt = new Map<string, { at: number; delay: number }>();
  #loop: Promise<void> | undefined;
  #stopped = false;
  #wake: (() => void) | undefined;
  #poked = false;
  #ticks = 0;
  #lastError: string | null = null;

  constructor(options: ApprovalsWorkerOptions) {
    this.#options = options;
    this.#pollIntervalMs = options.pollIntervalMs ?? 1000;
  }

  /** Ticks run so far and the last failure (health). */
  status(): {
    readonly running: boolean;
    readonly ticks: number;
    readonly lastError: string | null;
  } {
    return {
      running: this.#loop !== undefined && !this.#stopped,
      ticks: this.#ticks,
      lastError: this.#lastError,
    };
  }

  /** Processes everything due now. */
  async tick(): Promise<TickReport> {
    const { processor, queries, clock, logger } = this.#options;
    await this.#options.catchUp?.();
    const now = clock.now();
    const processed = new Map<string, StepOutcome[]>();
    let failures = 0;
    for (const due of await queries.dueRequests(now, this.#options.batchSize ?? 100)) {
      const retry = this.#retryAt.get(due.requestId);
      if (retry !== undefined && retry.at > Date.now()) continue;
      try {
        processed.set(due.requestId, await processor.process(due.requestId));
        this.#retryAt.delete(due.requestId);
      } catch (error) {
        failures += 1;
        const delay = Math.min(300_000, (retry?.delay ?? 500) * 2);
        this.#retryAt.set(due.requestId, { at: Date.now() + delay, delay });
        this.#lastError = error instanceof Error ? error.message : String(error);
        logger?.error(
          { err: error, requestId: due.requestId },
          'processing a change request failed; retrying',
        );
      }
    }
    let sessionsRevoked = 0;
    try {
      sessionsRevoked = await processor.sweepSessions();
    } catch (error) {
      failures += 1;
      logger?.error({ err: error }, 'revoking sessions of ended grants failed; retrying');
    }
    this.#ticks += 1;
    return { processed, failures, sessionsRevoked };
  }

  /** Ticks now (new events arrived). */
  poke(): void {
    this.#poked = true;
    this.#wake?.();
  }

  /** Runs ticks until stopped: on every poke, and at least every poll interval or when the next request falls due. */
  start(): void {
    if (this.#loop !== undefined) return;
    this.#stopped = false;
    this.#loop = this.#run();
  }

  /** Stops after the tick in hand. */
  async stop(): Promise<void> {
    this.#stopped = true;
    this.#wake?.();
    await this.#loop;
    this.#loop = undefined;
  }

  /** Stopped, or poked during the tick (flags set from other async flows). */
  #interrupted(): boolean {
    return this.#stopped || this.#poked;
  }

  async #run(): Promise<void> {
    while (!this.#stopped) {
      this.#poked = false;
      try {
        await this.tick();
      } catch (error) {
        this.#lastError = error instanceof Error ? error.message : String(error);
        this.#options.logger?.error({ err: error }, 'approvals tick failed');
      }
      if (this.#interrupted()) continue;
      let delay = this.#pollIntervalMs;
      try {
        const next = await this.#options.queries.nextDueAt();
        if (next !== null) {
          delay = Math.max(
            25,
            Math.min(delay, next.getTime() - this.#options.clock.now().getTime()),
          );
        }
      } catch {
        // The next tick reports it.
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, delay);
        this.#wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.#wake = undefined;
    }
  }
}
