import type pg from 'pg';
import { appendToStream, type AppendOptions, type AppendResult } from './append/appendToStream.js';
import { CommitNotifier } from './append/commitNotifier.js';
import { resolveLimits, type AppendLimits } from './append/limits.js';
import { listCheckpoints, type StoredCheckpoint } from './consumers/checkpointStore.js';
import { readConsumerLag, type ConsumerLag } from './consumers/consumerLag.js';
import {
  createConsumer,
  createProjection,
  type ConsumerOptions,
  type ProjectionOptions,
} from './consumers/createConsumer.js';
import type { EventConsumer } from './consumers/eventConsumer.js';
import type { EventInput } from './events.js';
import { createSealer, type SealerOptions } from './integrity/sealer.js';
import type { VerifyOptions, VerifyReport } from './integrity/logVerifier.js';
import { verifyLog } from './integrity/verifyLog.js';
import {
  readAll,
  readAllPages,
  readHead,
  type LogHead,
  type ReadAllOptions,
  type ReadAllPage,
} from './read/readAll.js';
import { readStream, type ReadStreamOptions, type ReadStreamResult } from './read/readStream.js';
import { KafkaRelay, type KafkaRelayOptions } from './relay/kafkaRelay.js';
import { assertSchema } from './schema/assertSchema.js';

/** Options of {@link EventStore}. */
export interface EventStoreOptions {
  /**
   * The pool the store queries through. Each running consumer, projection,
   * sealer and relay also holds one of its connections for its lifetime (lock,
   * LISTEN, reads): size `max` for them plus the appenders.
   */
  readonly pool: pg.Pool;
  readonly limits?: Partial<AppendLimits>;
}

/**
 * The event store: append, read, consume, seal, verify, relay. A thin facade
 * over the functions of each capability, bound to one pool.
 */
export class EventStore {
  readonly pool: pg.Pool;
  readonly limits: AppendLimits;
  readonly #notifier: CommitNotifier;

  constructor(options: EventStoreOptions) {
    this.pool = options.pool;
    this.limits = resolveLimits(options.limits);
    this.#notifier = new CommitNotifier(options.pool);
  }

  /** Fails with `SCHEMA_MISSING` unless the event-store migration is applied. */
  assertSchema(): Promise<void> {
    return assertSchema(this.pool);
  }

  /** Appends events to a stream atomically (see `appendToStream`). */
  appendToStream(
    streamId: string,
    events: readonly EventInput<string, object>[],
    options: AppendOptions = {},
  ): Promise<AppendResult> {
    return appendToStream(this.pool, this.limits, streamId, events, options, this.#notifier);
  }

  /** Reads a stream in version order, optionally as of a point in time. */
  readStream(streamId: string, options: ReadStreamOptions = {}): Promise<ReadStreamResult> {
    return readStream(this.pool, streamId, options);
  }

  /** Reads one page of the log in gap-free consumer order. */
  readAll(options: ReadAllOptions = {}): Promise<ReadAllPage> {
    return readAll(this.pool, options);
  }

  /** Pages of the log until nothing more is readable. */
  readAllPages(options: ReadAllOptions = {}): AsyncGenerator<ReadAllPage, void, undefined> {
    return readAllPages(this.pool, options);
  }

  /** The readable head of the log. */
  readHead(): Promise<LogHead> {
    return readHead(this.pool);
  }

  /** An at-least-once consumer (not started). */
  createConsumer(options: ConsumerOptions): EventConsumer {
    return createConsumer(this.pool, options);
  }

  /** An exactly-once projection into this database (not started). */
  createProjection(options: ProjectionOptions): EventConsumer {
    return createProjection(this.pool, options);
  }

  /** The digest writer (not started). */
  createSealer(options: SealerOptions = {}): EventConsumer {
    return createSealer(this.pool, options);
  }

  /** A relay to Kafka (not started). */
  createKafkaRelay(options: KafkaRelayOptions): KafkaRelay {
    return new KafkaRelay(this.pool, options);
  }

  /** Verifies hashes, chains, heads and digests of the whole log. */
  verify(options: VerifyOptions = {}): Promise<VerifyReport> {
    return verifyLog(this.pool, options);
  }

  /** Lag of every consumer (or one). */
  consumerLag(consumerId?: string): Promise<ConsumerLag[]> {
    return readConsumerLag(this.pool, consumerId);
  }

  /** Every consumer's stored checkpoint. */
  checkpoints(): Promise<StoredCheckpoint[]> {
    return listCheckpoints(this.pool);
  }
}
