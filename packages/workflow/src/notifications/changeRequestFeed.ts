import {
  NOTIFY_CHANNEL,
  type Checkpoint,
  type EventStore,
  type RecordedEvent,
} from '@gatehouse/event-store';
import type pg from 'pg';
import type { RequestEvent } from '../request/events.js';
import { evolveRequest, foldRequest, type RequestState } from '../request/evolve.js';
import { isRequestEventType } from '../request/events.js';
import { requestIdOfStream, requestStream } from '../shared/streams.js';
import { updateOf, type ChangeRequestUpdate } from './changeRequestUpdate.js';
import { UpdateQueue } from './updateQueue.js';

/** Which updates a subscriber wants (all fields given must match). */
export interface UpdateFilter {
  readonly requestId?: string;
  /** Requests of this requester (principal ARN). */
  readonly requesterArn?: string;
}

/** Options of {@link ChangeRequestFeed}. */
export interface ChangeRequestFeedOptions {
  readonly store: Pick<EventStore, 'pool' | 'readAll' | 'readHead' | 'readStream'>;
  /** Polling fallback when no notification arrives (default 1,000 ms). */
  readonly pollIntervalMs?: number;
  /** Updates a subscriber may fall behind before it is ended (default 100). */
  readonly subscriberCapacity?: number;
  /** Most concurrent subscribers (default 10,000). */
  readonly maxSubscribers?: number;
  readonly onError?: (error: unknown) => void;
}

interface Subscriber {
  readonly filter: UpdateFilter;
  readonly queue: UpdateQueue<ChangeRequestUpdate>;
}

/**
 * Live change-request updates for GraphQL subscriptions (graphql-ws): the
 * gateway tails the log itself (services never call each other), from the
 * head at `start()`, woken by the store's NOTIFY with polling as fallback,
 * and pushes each request event to matching subscribers as a
 * {@link ChangeRequestUpdate}. Nothing is stored; one feed per process.
 */
export class ChangeRequestFeed {
  readonly #store: ChangeRequestFeedOptions['store'];
  readonly #pollIntervalMs: number;
  readonly #capacity: number;
  readonly #maxSubscribers: number;
  readonly #onError: (error: unknown) => void;
  readonly #subscribers = new Set<Subscriber>();
  readonly #states = new Map<string, RequestState>();
  #after: Checkpoint | undefined;
  #client: pg.PoolClient | undefined;
  #timer: NodeJS.Timeout | undefined;
  #reading: Promise<void> | undefined;
  #again = false;
  #stopped = false;

  constructor(options: ChangeRequestFeedOptions) {
    this.#store = options.store;
    this.#pollIntervalMs = options.pollIntervalMs ?? 1000;
    this.#capacity = options.subscriberCapacity ?? 100;
    this.#maxSubscribers = options.maxSubscribers ?? 10_000;
    this.#onError = options.onError ?? (() => undefined);
  }

  /** Starts at the log's head and follows it. */
  async start(): Promise<void> {
    this.#after = (await this.#store.readHead()).readable;
    const client = await this.#store.pool.connect();
    client.on('notification', (message) => {
      if (message.channel === NOTIFY_CHANNEL) this.poke();
    });
    client.on('error', (error) => {
      this.#onError(error);
    });
    await client.query(`LISTEN ${NOTIFY_CHANNEL}`);
    this.#client = client;
    this.#schedule();
  }

  /** Stops following and ends every subscription. */
  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    for (const subscriber of [...this.#subscribers]) subscriber.queue.close();
    await this.#reading?.catch(() => undefined);
    this.#client?.release(true);
    this.#client = undefined;
  }

  /** The updates matching a filter, as an async iterator (a graphql-ws subscription's source). */
  subscribe(filter: UpdateFilter): AsyncIterableIterator<ChangeRequestUpdate> {
    const subscriber: Subscriber = {
      filter,
      queue: new UpdateQueue<ChangeRequestUpdate>(this.#capacity, () => {
        this.#subscribers.delete(subscriber);
      }),
    };
    if (this.#stopped || this.#subscribers.size >= this.#maxSubscribers) {
      subscriber.queue.close();
      return subscriber.queue;
    }
    this.#subscribers.add(subscriber);
    return subscriber.queue;
  }

  /** Subscribers now. */
  get subscriberCount(): number {
    return this.#subscribers.size;
  }

  /** Reads what is new now (also called on every notification). */
  poke(): void {
    if (this.#stopped || this.#after === undefined) return;
    if (this.#reading !== undefined) {
      this.#again = true;
      return;
    }
    this.#reading = this.#read()
      .catch((error: unknown) => {
        this.#onError(error);
      })
      .finally(() => {
        this.#reading = undefined;
        if (this.#again) {
          this.#again = false;
          this.poke();
        }
      });
  }

  /** Resolves once everything readable now has been pushed (tests). */
  async drain(): Promise<void> {
    this.poke();
    while (this.#reading !== undefined) await this.#reading;
  }

  #schedule(): void {
    if (this.#stopped) return;
    this.#timer = setTimeout(() => {
      this.poke();
      this.#schedule();
    }, this.#pollIntervalMs);
    this.#timer.unref();
  }

  async #read(): Promise<void> {
    for (;;) {
      const after = this.#after;
      if (after === undefined) return;
      const page = await this.#store.readAll({ after, limit: 1000 });
      for (const event of page.events) await this.#push(event);
      this.#after = page.next;
      if (page.isEnd) return;
    }
  }

  async #push(event: RecordedEvent): Promise<void> {
    const requestId = requestIdOfStream(event.streamId);
    if (requestId === undefined || !isRequestEventType(event.type)) return;
    let before = this.#states.get(requestId);
    if (before === undefined) {
      // First sight of this request here: its state just before this event.
      const read = await this.#store.readStream(requestStream(requestId), {
        limit: Math.max(1, event.streamVersion - 1),
      });
      before =
        event.streamVersion === 1
          ? { exists: false }
          : foldRequest(read.events as unknown as RequestEvent[]);
    }
    const after = evolveRequest(before, event as unknown as RequestEvent);
    if (this.#states.size >= 10_000) this.#states.delete(this.#states.keys().next().value ?? '');
    this.#states.set(requestId, after);
    if (!after.exists || this.#subscribers.size === 0) return;
    const update = updateOf(event, before, after);
    for (const { filter, queue } of this.#subscribers) {
      if (filter.requestId !== undefined && filter.requestId !== update.requestId) continue;
      if (filter.requesterArn !== undefined && filter.requesterArn !== update.requesterArn)
        continue;
      queue.push(update);
    }
  }
}
