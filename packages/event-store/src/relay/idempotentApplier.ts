import type pg from 'pg';
import { assertConsumerId } from '../consumers/checkpointStore.js';
import { EventStoreError, databaseError } from '../errors.js';
import type { RecordedEvent } from '../events.js';

/** What to do with a delivered event, given the last version applied from its stream. */
export type DeliveryDecision = 'apply' | 'duplicate' | 'gap';

/**
 * Per-stream order is kept end to end (one partition per stream key, an
 * idempotent producer, the relay resending only from its checkpoint), so a
 * consumer needs one number per stream: versions up to it are duplicates, the
 * next one applies, anything beyond means an event is missing.
 */
export function classifyDelivery(
  lastAppliedVersion: number,
  incomingVersion: number,
): DeliveryDecision {
  if (incomingVersion <= lastAppliedVersion) return 'duplicate';
  return incomingVersion === lastAppliedVersion + 1 ? 'apply' : 'gap';
}

/** The event fields deduplication needs. */
export type DeliveredEvent = Pick<RecordedEvent, 'streamId' | 'streamVersion' | 'eventId'>;

/** Options of {@link IdempotentApplier}. */
export interface IdempotentApplierOptions {
  /** Names this consumer's receipts (one row per stream). */
  readonly consumerId: string;
  /**
   * A version beyond the next one: `throw` (default) refuses it with `STREAM_GAP`
   * so the consumer stops before losing an event; `apply` accepts it (for a
   * consumer that deliberately started mid-stream).
   */
  readonly onGap?: 'throw' | 'apply';
}

/**
 * Applies each event's effect at most once per consumer, for consumers of the
 * Kafka topic (or any at-least-once delivery): the effect and the receipt
 * (`event_receipts`: last applied version per stream) commit in one
 * PostgreSQL transaction, so redelivered events are skipped.
 */
export class IdempotentApplier {
  readonly #pool: pg.Pool;
  readonly #consumerId: string;
  readonly #onGap: 'throw' | 'apply';

  constructor(pool: pg.Pool, options: IdempotentApplierOptions) {
    assertConsumerId(options.consumerId);
    this.#pool = pool;
    this.#consumerId = options.consumerId;
    this.#onGap = options.onGap ?? 'throw';
  }

  /**
   * Runs `effect` in a transaction unless the event was applied already.
   * @throws EventStoreError `STREAM_GAP` (with `onGap: 'throw'`), `DATABASE_ERROR`; or what `effect` throws
   */
  async apply(
    event: DeliveredEvent,
    effect: (transaction: pg.ClientBase) => Promise<void>,
  ): Promise<'applied' | 'duplicate'> {
    let client: pg.PoolClient;
    try {
      client = await this.#pool.connect();
    } catch (error) {
      throw databaseError(error, 'connecting to apply an event');
    }
    try {
      await client.query('BEGIN');
      const last = await this.#lockReceipt(client, event.streamId);
      const decision = classifyDelivery(last, event.streamVersion);
      if (decision === 'duplicate') {
        await client.query('COMMIT');
        return 'duplicate';
      }
      if (decision === 'gap' && this.#onGap === 'throw') {
        throw new EventStoreError(
          'STREAM_GAP',
          `stream \`${event.streamId}\` version ${event.streamVersion} arrived after version ${last}: events are missing`,
          {
            details: { streamId: event.streamId, lastApplied: last, received: event.streamVersion },
          },
        );
      }
      await effect(client);
      await client.query(
        `UPDATE event_receipts SET stream_version = $3, event_id = $4::uuid, applied_at = clock_timestamp()
          WHERE consumer_id = $1 AND stream_id = $2`,
        [this.#consumerId, event.streamId, event.streamVersion, event.eventId],
      );
      await client.query('COMMIT');
      return 'applied';
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  /** The last version of a stream this consumer applied (0: none). */
  async lastApplied(streamId: string): Promise<number> {
    try {
      const { rows } = await this.#pool.query<{ stream_version: string }>(
        'SELECT stream_version::text AS stream_version FROM event_receipts WHERE consumer_id = $1 AND stream_id = $2',
        [this.#consumerId, streamId],
      );
      return Number(rows[0]?.stream_version ?? '0');
    } catch (error) {
      throw databaseError(error, 'reading a receipt');
    }
  }

  async #lockReceipt(client: pg.PoolClient, streamId: string): Promise<number> {
    await client.query(
      `INSERT INTO event_receipts (consumer_id, stream_id, stream_version, event_id)
       VALUES ($1, $2, 0, '00000000-0000-0000-0000-000000000000')
       ON CONFLICT (consumer_id, stream_id) DO NOTHING`,
      [this.#consumerId, streamId],
    );
    const { rows } = await client.query<{ stream_version: string }>(
      `SELECT stream_version::text AS stream_version FROM event_receipts
        WHERE consumer_id = $1 AND stream_id = $2 FOR UPDATE`,
      [this.#consumerId, streamId],
    );
    return Number(rows[0]?.stream_version ?? '0');
  }
}

/**
 * In-memory deduplication by stream version, for effects outside PostgreSQL
 * that are themselves idempotent or for tests. Lost on restart: persist with
 * {@link IdempotentApplier} when that matters.
 */
export class StreamVersionTracker {
  readonly #versions = new Map<string, number>();

  /** Classifies and, when the event applies (or `acceptGaps`), records it. */
  accept(event: DeliveredEvent, acceptGaps = false): DeliveryDecision {
    const decision = classifyDelivery(this.#versions.get(event.streamId) ?? 0, event.streamVersion);
    if (decision === 'apply' || (decision === 'gap' && acceptGaps)) {
      this.#versions.set(event.streamId, event.streamVersion);
    }
    return decision;
  }

  /** The last version recorded for a stream (0: none). */
  lastApplied(streamId: string): number {
    return this.#versions.get(streamId) ?? 0;
  }
}
