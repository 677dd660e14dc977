import kafkajs, {
  type CompressionTypes,
  type ITopicConfig,
  type Kafka,
  type Message,
  type Producer,
  type ProducerConfig,
} from 'kafkajs';
import type pg from 'pg';
import { EventStoreError } from '../errors.js';
import type { RecordedEvent } from '../events.js';
import { saveCheckpoint } from '../consumers/checkpointStore.js';
import type { Gauge } from '../consumers/consumerLag.js';
import {
  EventConsumer,
  type ConsumerSettings,
  type ConsumerStatus,
} from '../consumers/eventConsumer.js';
import type { Checkpoint } from '../read/checkpoint.js';
import { toKafkaMessage } from './kafkaEnvelope.js';
import { produceRequests } from './produceRequests.js';
import { DEFAULT_EVENTS_TOPIC, KAFKA_TOPIC_PATTERN } from './topics.js';

// kafkajs is CommonJS: take runtime values from its default export.
const { Partitioners } = kafkajs;

/** How the relay creates topics it has not seen (false: they must exist). */
export interface TopicCreation {
  /** Default 6. Never change it later: keys would move partitions and lose per-stream order. */
  readonly numPartitions?: number;
  /** Default: the broker's default. */
  readonly replicationFactor?: number;
  readonly configEntries?: ITopicConfig['configEntries'];
}

/** Options of {@link KafkaRelay}. */
export interface KafkaRelayOptions extends Omit<ConsumerSettings, 'consumerId'> {
  /** A configured kafkajs client (brokers, TLS, SASL, logging). */
  readonly kafka: Kafka;
  /** Default `gatehouse.kafka-relay`. */
  readonly consumerId?: string;
  /** A topic, or a function of the event (see `categoryTopic`). Default `gatehouse.events.v1`. */
  readonly topic?: string | ((event: RecordedEvent) => string);
  /** Default `{ numPartitions: 6 }`. */
  readonly createTopics?: TopicCreation | false;
  /** Producer settings; the relay forces idempotence and one request in flight. */
  readonly producer?: Omit<
    ProducerConfig,
    'idempotent' | 'maxInFlightRequests' | 'transactionalId'
  >;
  readonly compression?: CompressionTypes;
  /** Bytes of message values per produce request, at most (default 900,000; under the broker's 1 MB). */
  readonly maxRequestBytes?: number;
  /** After the broker acknowledged a batch, before its checkpoint is stored. */
  readonly onPublished?: (batch: PublishedBatch) => void;
}

/** A batch the broker acknowledged. */
export interface PublishedBatch {
  readonly events: readonly RecordedEvent[];
  readonly to: Checkpoint;
  readonly ackedAt: Date;
  /** From the first send to the last acknowledgement. */
  readonly sendMs: number;
}

/** Relay progress: the consumer's status plus publishing figures. */
export interface KafkaRelayStatus extends ConsumerStatus {
  readonly published: number;
  readonly lastAckAt: Date | null;
  /** From the batch's newest `recordedAt` to the broker's acknowledgement. */
  readonly lastRecordToAckMs: number | null;
  /** Producers discarded after a failed send (each failure may cause duplicates downstream). */
  readonly producerResets: number;
}

/**
 * Publishes every event of the log to Kafka, keyed by stream id, in consumer
 * order — at least once: the checkpoint moves only after the broker
 * acknowledged (acks=all) the whole batch. The producer is idempotent with one
 * request in flight, so kafkajs' retries neither duplicate nor reorder within a
 * producer session; after a failure the producer is replaced and the batch is
 * sent again from the stored checkpoint, which can duplicate (never lose or
 * reorder) events. Consumers deduplicate by stream version (`IdempotentApplier`).
 */
export class KafkaRelay {
  /** The underlying consumer (status, waitFor, whenCaughtUp). */
  readonly consumer: EventConsumer;
  readonly #kafka: Kafka;
  readonly #topic: (event: RecordedEvent) => string;
  readonly #creation: TopicCreation | false;
  readonly #producerConfig: KafkaRelayOptions['producer'];
  readonly #compression: CompressionTypes | undefined;
  readonly #maxRequestBytes: number;
  readonly #onPublished: ((batch: PublishedBatch) => void) | undefined;
  readonly #knownTopics = new Set<string>();
  #producer: Producer | undefined;
  #published = 0;
  #lastAckAt: Date | null = null;
  #lastRecordToAckMs: number | null = null;
  #producerResets = 0;

  constructor(pool: pg.Pool, options: KafkaRelayOptions) {
    this.#kafka = options.kafka;
    const topic = options.topic ?? DEFAULT_EVENTS_TOPIC;
    this.#topic = typeof topic === 'string' ? () => topic : topic;
    if (typeof topic === 'string') assertTopic(topic);
    this.#creation = options.createTopics ?? { numPartitions: 6 };
    this.#producerConfig = options.producer;
    this.#compression = options.compression;
    this.#maxRequestBytes = options.maxRequestBytes ?? 900_000;
    this.#onPublished = options.onPublished;
    this.consumer = new EventConsumer(
      pool,
      {
        retryMaxDelayMs: 2_000,
        ...options,
        consumerId: options.consumerId ?? 'gatehouse.kafka-relay',
      },
      {
        process: async (session, events, context, revision) => {
          await this.#publish(events, context.to);
          return saveCheckpoint(session, context.consumerId, revision, context.to);
        },
      },
    );
  }

  /** Starts relaying (see {@link EventConsumer.start}). */
  async start(): Promise<void> {
    await this.consumer.start();
  }

  /** Stops after the batch in hand and disconnects the producer. */
  async stop(): Promise<void> {
    await this.consumer.stop();
    await this.#dropProducer(false);
  }

  /** Progress, for metrics and health checks. */
  status(): KafkaRelayStatus {
    return {
      ...this.consumer.status(),
      published: this.#published,
      lastAckAt: this.#lastAckAt,
      lastRecordToAckMs: this.#lastRecordToAckMs,
      producerResets: this.#producerResets,
    };
  }

  async #publish(events: readonly RecordedEvent[], to: Checkpoint): Promise<void> {
    const started = performance.now();
    const byTopic = new Map<string, Message[]>();
    for (const event of events) {
      const topic = this.#topic(event);
      let messages = byTopic.get(topic);
      if (messages === undefined) {
        assertTopic(topic);
        messages = [];
        byTopic.set(topic, messages);
      }
      messages.push(toKafkaMessage(event));
    }
    try {
      await this.#ensureTopics([...byTopic.keys()]);
      const producer = await this.#connectedProducer();
      for (const request of produceRequests(byTopic, this.#maxRequestBytes)) {
        await producer.sendBatch({
          topicMessages: request,
          acks: -1,
          ...(this.#compression === undefined ? {} : { compression: this.#compression }),
        });
      }
    } catch (error) {
      // The idempotent producer's sequence state is unknown after a failure: start a new one.
      await this.#dropProducer(true);
      throw new EventStoreError(
        'KAFKA_PUBLISH_FAILED',
        `publishing ${events.length} events to Kafka failed: ${error instanceof Error ? error.message : String(error)}`,
        { cause: error },
      );
    }
    const ackedAt = new Date();
    this.#published += events.length;
    this.#lastAckAt = ackedAt;
    const newest = events.reduce((max, event) => Math.max(max, event.recordedAt.getTime()), 0);
    this.#lastRecordToAckMs = ackedAt.getTime() - newest;
    this.#onPublished?.({ events, to, ackedAt, sendMs: performance.now() - started });
  }

  async #connectedProducer(): Promise<Producer> {
    if (this.#producer !== undefined) return this.#producer;
    const producer = this.#kafka.producer({
      retry: { retries: 5, initialRetryTime: 100, maxRetryTime: 2_000 },
      ...this.#producerConfig,
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
      // kafkajs 2 defaults to this (Java-compatible murmur2) partitioner and warns unless it is named.
      createPartitioner: Partitioners.DefaultPartitioner,
    });
    await producer.connect();
    this.#producer = producer;
    return producer;
  }

  async #dropProducer(failed: boolean): Promise<void> {
    const producer = this.#producer;
    this.#producer = undefined;
    if (producer === undefined) return;
    if (failed) this.#producerResets += 1;
    await producer.disconnect().catch(() => undefined);
  }

  async #ensureTopics(topics: readonly string[]): Promise<void> {
    const missing = topics.filter((topic) => !this.#knownTopics.has(topic));
    if (missing.length === 0) return;
    if (this.#creation !== false) {
      const admin = this.#kafka.admin();
      await admin.connect();
      try {
        const creation = this.#creation;
        await admin.createTopics({
          waitForLeaders: true,
          topics: missing.map((topic) => ({
            topic,
            numPartitions: creation.numPartitions ?? 6,
            ...(creation.replicationFactor === undefined
              ? {}
              : { replicationFactor: creation.replicationFactor }),
            ...(creation.configEntries === undefined
              ? {}
              : { configEntries: creation.configEntries }),
          })),
        });
      } finally {
        await admin.disconnect().catch(() => undefined);
      }
    }
    for (const topic of missing) this.#knownTopics.add(topic);
  }
}

function assertTopic(topic: string): void {
  if (!KAFKA_TOPIC_PATTERN.test(topic)) {
    throw new EventStoreError(
      'INVALID_ARGUMENT',
      `Kafka topic \`${topic.slice(0, 64)}\` must be 1-249 characters of letters, digits and ._-`,
    );
  }
}

/** Gauges of a relay's publishing, named `gatehouse_event_relay_*` (add `consumerLagGauges` for its lag). */
export function kafkaRelayGauges(status: KafkaRelayStatus): Gauge[] {
  const labels = { consumer: status.consumerId };
  return [
    {
      name: 'gatehouse_event_relay_published_events',
      help: 'Events the relay published since it started (duplicates included)',
      samples: [{ labels, value: status.published }],
    },
    {
      name: 'gatehouse_event_relay_record_to_ack_ms',
      help: 'From the newest recordedAt of the last batch to the broker acknowledgement',
      samples: [{ labels, value: status.lastRecordToAckMs ?? 0 }],
    },
    {
      name: 'gatehouse_event_relay_producer_resets',
      help: 'Producers discarded after failed sends since the relay started',
      samples: [{ labels, value: status.producerResets }],
    },
    {
      name: 'gatehouse_event_relay_consecutive_failures',
      help: 'Failed publish attempts since the last success',
      samples: [{ labels, value: status.consecutiveFailures }],
    },
  ];
}
