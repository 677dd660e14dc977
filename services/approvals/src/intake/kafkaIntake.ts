import { fromKafkaMessage, IdempotentApplier } from '@gatehouse/event-store';
import type { Logger } from '@gatehouse/service-kit';
import { projectWorkflowEvents } from '@gatehouse/workflow';
import type { Consumer, Kafka } from 'kafkajs';
import type pg from 'pg';
import type { LogIntake } from './logIntake.js';

/** The receipts' consumer id of the Kafka intake (one row per stream in `event_receipts`). */
export const KAFKA_INTAKE_CONSUMER = 'workflow-kafka-intake';

/** Options of {@link KafkaIntake}. */
export interface KafkaIntakeOptions {
  readonly kafka: Kafka;
  readonly pool: pg.Pool;
  readonly topic: string;
  /** The consumer group (default `gatehouse-approvals`). */
  readonly groupId?: string;
  readonly webhookEndpoints: readonly string[];
  readonly onProgress: () => void;
  readonly logger?: Logger;
  /**
   * The consumer group's session timeout, ms (kafkajs default 30,000): how long a
   * crashed member holds its partitions before the group rebalances.
   */
  readonly sessionTimeoutMs?: number;
  /** How long `start` waits for the relay to create the topic (default 2 minutes). */
  readonly topicWaitMs?: number;
}

/**
 * Reads the log from the Kafka relay's topic (from the beginning, in the
 * consumer group). Each message is decoded and applied through the event
 * store's `IdempotentApplier`: the read-model writes and the stream's receipt
 * commit in one transaction, so a redelivered message (the relay and Kafka
 * are at-least-once) changes nothing, and a missing one stops the intake
 * (`STREAM_GAP`) rather than skipping an event.
 */
export class KafkaIntake implements LogIntake {
  readonly mode = 'kafka' as const;
  readonly #options: KafkaIntakeOptions;
  readonly #applier: IdempotentApplier;
  #consumer: Consumer | undefined;
  #failed = false;
  #applied = 0;

  constructor(options: KafkaIntakeOptions) {
    this.#options = options;
    this.#applier = new IdempotentApplier(options.pool, { consumerId: KAFKA_INTAKE_CONSUMER });
  }

  async start(): Promise<void> {
    const { kafka, topic, logger } = this.#options;
    await this.#topicExists();
    const consumer = kafka.consumer({
      groupId: this.#options.groupId ?? 'gatehouse-approvals',
      ...(this.#options.sessionTimeoutMs === undefined
        ? {}
        : {
            sessionTimeout: this.#options.sessionTimeoutMs,
            heartbeatInterval: Math.max(100, Math.floor(this.#options.sessionTimeoutMs / 10)),
          }),
    });
    this.#consumer = consumer;
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    const settings = { webhookEndpoints: this.#options.webhookEndpoints };
    await consumer.run({
      eachMessage: async ({ message }) => {
        const event = fromKafkaMessage(message);
        try {
          const outcome = await this.#applier.apply(event, (tx) =>
            projectWorkflowEvents([event], tx, settings),
          );
          if (outcome === 'applied') this.#applied += 1;
        } catch (error) {
          logger?.error(
            { err: error, streamId: event.streamId, version: event.streamVersion },
            'applying a Kafka message failed',
          );
          throw error;
        }
        this.#options.onProgress();
      },
    });
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      this.#failed = !payload.restart;
      logger?.error({ err: payload.error }, 'kafka intake crashed');
    });
  }

  /**
   * Waits for the relay to create the topic (it owns the topic and its partition
   * count; subscribing to a missing topic fails on Kafka 4).
   */
  async #topicExists(): Promise<void> {
    const admin = this.#options.kafka.admin();
    await admin.connect();
    try {
      const deadline = Date.now() + (this.#options.topicWaitMs ?? 120_000);
      for (let delay = 100; ; delay = Math.min(delay * 2, 2000)) {
        if ((await admin.listTopics()).includes(this.#options.topic)) return;
        if (Date.now() > deadline) {
          throw new Error(
            `Kafka topic \`${this.#options.topic}\` does not exist (is the relay running?)`,
          );
        }
        this.#options.logger?.info(
          { topic: this.#options.topic },
          'waiting for the relay to create the topic',
        );
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
    } finally {
      await admin.disconnect();
    }
  }

  async stop(): Promise<void> {
    await this.#consumer?.disconnect();
    this.#consumer = undefined;
  }

  /** Kafka is asynchronous: nothing to wait for here; the worker is woken per message. */
  catchUp(): Promise<void> {
    return Promise.resolve();
  }

  healthy(): boolean {
    return this.#consumer !== undefined && !this.#failed;
  }

  /** Messages applied (not duplicates) since start. */
  get applied(): number {
    return this.#applied;
  }
}
