import { compareCheckpoints, type Checkpoint } from '@gatehouse/event-store';
import type { IamStore } from '../commandHandling/iamStore.js';
import { IamError } from '../shared/iamError.js';
import { AccountView } from './accountView.js';

/** Options of {@link LiveAccountView}. */
export interface LiveViewOptions {
  /** Polling fallback when no notification arrives (default 1,000 ms). */
  readonly pollIntervalMs?: number;
  /** Events per read (default 1,000). */
  readonly batchSize?: number;
  /** Called with read failures of the background loop (it keeps polling). */
  readonly onError?: (error: unknown) => void;
}

/**
 * Keeps an {@link AccountView} current by tailing the log: a full read at
 * start, then reads after its checkpoint, woken by the store's notifications
 * (LISTEN/NOTIFY in PostgreSQL) with polling as fallback. Reads are serialised,
 * so events are applied once and in order. Not persisted: every process builds
 * its own view from the log at start.
 */
export class LiveAccountView {
  readonly view = new AccountView();
  readonly #store: IamStore;
  readonly #pollIntervalMs: number;
  readonly #batchSize: number;
  readonly #onError: ((error: unknown) => void) | undefined;
  #reading: Promise<void> = Promise.resolve();
  #timer: NodeJS.Timeout | undefined;
  #unlisten: (() => Promise<void>) | undefined;
  #running = false;

  constructor(store: IamStore, options: LiveViewOptions = {}) {
    this.#store = store;
    this.#pollIntervalMs = options.pollIntervalMs ?? 1000;
    this.#batchSize = options.batchSize ?? 1000;
    this.#onError = options.onError;
  }

  /** Reads everything there is now (serialised with other reads). */
  catchUp(): Promise<void> {
    const next = this.#reading.then(() => this.#readToEnd());
    this.#reading = next.catch(() => undefined);
    return next;
  }

  async #readToEnd(): Promise<void> {
    for (;;) {
      const page = await this.#store.readEvents({
        after: this.view.checkpoint,
        limit: this.#batchSize,
      });
      this.view.apply(page.events);
      this.view.advanceTo(page.next);
      if (page.isEnd) return;
    }
  }

  /**
   * Resolves once the view has applied everything up to `checkpoint` (e.g. a
   * command's own events: read-your-writes).
   * @throws IamError `SERVICE_FAILURE` after `timeoutMs`
   */
  async waitFor(checkpoint: Checkpoint, timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let delay = 2;
    while (compareCheckpoints(this.view.checkpoint, checkpoint) < 0) {
      await this.catchUp();
      if (compareCheckpoints(this.view.checkpoint, checkpoint) >= 0) return;
      // An older transaction still in flight holds the log's horizon back.
      if (Date.now() > deadline) {
        throw new IamError(
          'SERVICE_FAILURE',
          'the permissions view did not catch up with the log in time',
        );
      }
      await new Promise((resolve) => setTimeout(resolve, delay));
      delay = Math.min(delay * 2, 50);
    }
  }

  /** Catches up, then follows the log in the background. */
  async start(): Promise<void> {
    if (this.#running) return;
    this.#running = true;
    await this.catchUp();
    if (this.#store.listen !== undefined) {
      this.#unlisten = await this.#store.listen(() => {
        this.#background();
      });
    }
    this.#schedule();
  }

  #background(): void {
    this.catchUp().catch((error: unknown) => this.#onError?.(error));
  }

  #schedule(): void {
    if (!this.#running) return;
    this.#timer = setTimeout(() => {
      this.#background();
      this.#schedule();
    }, this.#pollIntervalMs);
    this.#timer.unref();
  }

  /** Stops following the log (the view keeps its state). */
  async stop(): Promise<void> {
    this.#running = false;
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    await this.#unlisten?.();
    this.#unlisten = undefined;
    await this.#reading;
  }
}
