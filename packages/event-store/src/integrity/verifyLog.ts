import type pg from 'pg';
import { databaseError } from '../errors.js';
import { START_CHECKPOINT, type Checkpoint } from '../read/checkpoint.js';
import { readDigests } from './digestRows.js';
import {
  LogVerifier,
  type VerifiableEvent,
  type VerifyOptions,
  type VerifyReport,
} from './logVerifier.js';

const PAGE = 5_000;

interface VerifyRow {
  readonly global_position: string;
  readonly transaction_id: string;
  readonly event_id: string;
  readonly stream_id: string;
  readonly stream_version: string;
  readonly type: string;
  readonly schema_version: number;
  readonly actor: string;
  readonly causation_id: string | null;
  readonly correlation_id: string | null;
  readonly occurred_at: Date;
  readonly recorded_us: string;
  readonly data: unknown;
  readonly metadata: unknown;
  readonly prev_hash: Buffer;
  readonly hash: Buffer;
}

/**
 * Verifies the whole log in one consistent snapshot (REPEATABLE READ, read
 * only): every event's hash, every stream's chain and head, every digest's
 * chain, signature and range. Reads everything once, in pages; cost is linear
 * in the log. Returns findings, never throws for tampering.
 * @throws EventStoreError `DATABASE_ERROR`, `SCHEMA_MISSING`
 */
export async function verifyLog(pool: pg.Pool, options: VerifyOptions = {}): Promise<VerifyReport> {
  let client: pg.PoolClient;
  try {
    client = await pool.connect();
  } catch (error) {
    throw databaseError(error, 'connecting to verify the log');
  }
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const verifier = new LogVerifier(await readDigests(client), options);
    let after: Checkpoint = START_CHECKPOINT;
    for (;;) {
      const { rows } = await client.query<VerifyRow>(
        `SELECT global_position::text AS global_position, transaction_id::text AS transaction_id,
                event_id::text AS event_id, stream_id, stream_version::text AS stream_version, type,
                schema_version, actor, causation_id, correlation_id, occurred_at,
                (extract(epoch FROM recorded_at) * 1000000)::bigint::text AS recorded_us,
                data, metadata, prev_hash, hash
           FROM events e
          WHERE (e.transaction_id, e.global_position) > ($1::xid8, $2::bigint)
          -- Qualified: bare names would sort by the text-cast output columns.
          ORDER BY e.transaction_id, e.global_position
          LIMIT ${PAGE}`,
        [after.transactionId.toString(), after.globalPosition.toString()],
      );
      for (const row of rows) verifier.addEvent(toVerifiable(row));
      const last = rows.at(-1);
      if (last === undefined || rows.length < PAGE) break;
      after = {
        transactionId: BigInt(last.transaction_id),
        globalPosition: BigInt(last.global_position),
      };
    }
    let afterStream = '';
    for (;;) {
      const { rows } = await client.query<{
        stream_id: string;
        version: string;
        last_hash: Buffer;
      }>(
        `SELECT stream_id, version::text AS version, last_hash FROM event_streams
          WHERE stream_id > $1 ORDER BY stream_id LIMIT ${PAGE}`,
        [afterStream],
      );
      for (const row of rows) {
        verifier.addStreamHead({
          streamId: row.stream_id,
          version: BigInt(row.version),
          lastHash: row.last_hash,
        });
      }
      const last = rows.at(-1);
      if (last === undefined || rows.length < PAGE) break;
      afterStream = last.stream_id;
    }
    await client.query('COMMIT');
    return verifier.finish();
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw databaseError(error, 'verifying the log');
  } finally {
    client.release();
  }
}

function toVerifiable(row: VerifyRow): VerifiableEvent {
  return {
    globalPosition: BigInt(row.global_position),
    transactionId: BigInt(row.transaction_id),
    eventId: row.event_id,
    streamId: row.stream_id,
    streamVersion: BigInt(row.stream_version),
    type: row.type,
    schemaVersion: row.schema_version,
    actor: row.actor,
    causationId: row.causation_id,
    correlationId: row.correlation_id,
    occurredAt: row.occurred_at,
    recordedAtMicros: BigInt(row.recorded_us),
    data: row.data,
    metadata: row.metadata,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}
