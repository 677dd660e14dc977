import {
  EventStore,
  isEventStoreError,
  NOTIFY_CHANNEL,
  type Checkpoint,
  type PointInTime,
  type RecordedEvent,
} from '@gatehouse/event-store';
import type pg from 'pg';
import type {
  CommitRequest,
  CommitResult,
  EventPage,
  IamStore,
  StreamRead,
} from '../commandHandling/iamStore.js';
import { StreamConflict } from '../commandHandling/iamStore.js';
import type { SecretKind, SecretRecord } from '../credentials/secretStore.js';
import type { StoredEvent } from '../shared/events.js';
import { IamError } from '../shared/iamError.js';
import { IAM_STREAM_PREFIX } from '../shared/streams.js';

/** PostgreSQL errors that mean "another transaction got there first": decide again. */
const RETRYABLE = new Set(['40001', '40P01', '23505']);

function toStored(event: RecordedEvent): StoredEvent {
  return {
    streamId: event.streamId,
    streamVersion: event.streamVersion,
    type: event.type,
    data: event.data,
    occurredAt: event.occurredAt,
    actor: event.actor,
    globalPosition: event.globalPosition,
    transactionId: event.transactionId,
  };
}

/** Options of {@link PostgresIamStore}. */
export interface PostgresIamStoreOptions {
  readonly pool: pg.Pool;
  /** The event store on the same pool (one is made when absent). */
  readonly eventStore?: EventStore;
}

/**
 * The IAM store on PostgreSQL: events through `@gatehouse/event-store` (several
 * streams appended in one caller-owned transaction, each with its expected
 * version), secrets in the insert-only `credential_secrets` table, TOTP steps
 * advanced by compare-and-set in `mfa_totp_steps`, last use in `credential_last_used`.
 */
export class PostgresIamStore implements IamStore {
  readonly #pool: pg.Pool;
  readonly #events: EventStore;

  constructor(options: PostgresIamStoreOptions) {
    this.#pool = options.pool;
    this.#events = options.eventStore ?? new EventStore({ pool: options.pool });
  }

  async readStream(
    streamId: string,
    options: { asOf?: PointInTime | undefined } = {},
  ): Promise<StreamRead> {
    const events: StoredEvent[] = [];
    let version: number;
    for (let from = 1; ;) {
      const read = await this.#events.readStream(streamId, {
        fromVersion: from,
        ...(options.asOf === undefined ? {} : { asOf: options.asOf }),
      });
      version = read.currentVersion;
      events.push(...read.events.map(toStored));
      if (read.events.length < 10_000) break;
      from = (read.events.at(-1)?.streamVersion ?? from) + 1;
    }
    return { version, events };
  }

  async commit(request: CommitRequest): Promise<CommitResult> {
    const client = await this.#pool.connect();
    let checkpoint: Checkpoint | null = null;
    try {
      await client.query('BEGIN');
      for (const advance of request.mfaSteps) {
        // Compare-and-set: the step must be later than every step accepted before.
        const { rowCount } = await client.query(
          `INSERT INTO mfa_totp_steps (device_id, last_step, updated_at) VALUES ($1, $2, now())
           ON CONFLICT (device_id) DO UPDATE SET last_step = EXCLUDED.last_step, updated_at = now()
             WHERE mfa_totp_steps.last_step < EXCLUDED.last_step`,
          [advance.deviceId, advance.step],
        );
        if (rowCount !== 1) {
          throw new IamError('INVALID_AUTHENTICATION_CODE', 'this MFA code was already used', {
            details: { replayed: true },
          });
        }
      }
      for (const secret of request.secrets) {
        await client.query(
          'INSERT INTO credential_secrets (id, kind, material) VALUES ($1, $2, $3)',
          [secret.id, secret.kind, secret.material],
        );
      }
      for (const append of request.appends) {
        const result = await this.#events.appendToStream(append.streamId, append.events, {
          transaction: client,
          expectedVersion: append.expectedVersion,
        });
        checkpoint = result.checkpoint ?? checkpoint;
      }
      await client.query('COMMIT');
      client.release();
      return { checkpoint };
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      client.release();
      if (
        isEventStoreError(error, 'WRONG_EXPECTED_VERSION') ||
        isEventStoreError(error, 'TRANSACTION_ORDER_CONFLICT') ||
        isEventStoreError(error, 'EVENT_ID_CONFLICT')
      ) {
        throw new StreamConflict(error.message);
      }
      const sqlState = (error as { code?: unknown }).code;
      if (typeof sqlState === 'string' && RETRYABLE.has(sqlState))
        throw new StreamConflict(sqlState);
      const cause = isEventStoreError(error)
        ? (error.cause as { code?: unknown } | undefined)
        : undefined;
      if (typeof cause?.code === 'string' && RETRYABLE.has(cause.code))
        throw new StreamConflict(cause.code);
      throw error;
    }
  }

  async readSecret(id: string): Promise<SecretRecord | undefined> {
    const { rows } = await this.#pool.query<{ id: string; kind: SecretKind; material: string }>(
      'SELECT id::text AS id, kind, material FROM credential_secrets WHERE id = $1',
      [id],
    );
    return rows[0];
  }

  async readEvents(options: {
    after: Checkpoint;
    limit: number;
    asOf?: PointInTime | undefined;
  }): Promise<EventPage> {
    const page = await this.#events.readAll({
      after: options.after,
      limit: options.limit,
      ...(options.asOf === undefined ? {} : { asOf: options.asOf }),
    });
    return {
      events: page.events.filter((e) => e.streamId.startsWith(IAM_STREAM_PREFIX)).map(toStored),
      next: page.next,
      isEnd: page.isEnd,
    };
  }

  async recordLastUsed(credentialId: string, at: Date): Promise<void> {
    await this.#pool.query(
      `INSERT INTO credential_last_used (credential_id, last_used_at) VALUES ($1, $2)
       ON CONFLICT (credential_id) DO UPDATE SET last_used_at = GREATEST(credential_last_used.last_used_at, EXCLUDED.last_used_at)`,
      [credentialId, at],
    );
  }

  async readLastUsed(credentialIds: readonly string[]): Promise<ReadonlyMap<string, Date>> {
    if (credentialIds.length === 0) return new Map();
    const { rows } = await this.#pool.query<{ credential_id: string; last_used_at: Date }>(
      'SELECT credential_id, last_used_at FROM credential_last_used WHERE credential_id = ANY($1::text[])',
      [[...credentialIds]],
    );
    return new Map(rows.map((r) => [r.credential_id, r.last_used_at]));
  }

  async listen(onAppend: () => void): Promise<() => Promise<void>> {
    const client = await this.#pool.connect();
    const handler = (message: pg.Notification): void => {
      if (message.channel === NOTIFY_CHANNEL) onAppend();
    };
    client.on('notification', handler);
    client.on('error', () => undefined);
    await client.query(`LISTEN ${NOTIFY_CHANNEL}`);
    return async () => {
      client.off('notification', handler);
      // Destroyed, not returned: its LISTEN must not leak to another pool user.
      client.release(true);
      await Promise.resolve();
    };
  }
}
