import { EventStoreError, databaseError } from '../errors.js';
import { assertCheckpoint, type Checkpoint } from '../read/checkpoint.js';
import type { Queryable } from '../schema/queryable.js';

/** A consumer's stored state. */
export interface StoredCheckpoint {
  readonly consumerId: string;
  readonly checkpoint: Checkpoint;
  /** Incremented by every save: the compare-and-set token. */
  readonly revision: bigint;
  /** Second key of the consumer's advisory lock. */
  readonly lockKey: number;
  readonly updatedAt: Date;
}

/** Consumer ids: 1-128 characters, letters, digits and ._:- starting with a letter or digit. */
export const CONSUMER_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

/** @throws EventStoreError `INVALID_ARGUMENT` */
export function assertConsumerId(consumerId: unknown): asserts consumerId is string {
  if (typeof consumerId !== 'string' || !CONSUMER_ID_PATTERN.test(consumerId)) {
    throw new EventStoreError(
      'INVALID_ARGUMENT',
      `consumer id \`${String(consumerId).slice(0, 64)}\` must be 1-128 letters, digits and ._:- starting with a letter or digit`,
    );
  }
}

interface CheckpointRow {
  readonly consumer_id: string;
  readonly transaction_id: string;
  readonly global_position: string;
  readonly revision: string;
  readonly lock_key: number;
  readonly updated_at: Date;
}

const COLUMNS = `consumer_id, transaction_id::text AS transaction_id, global_position::text AS global_position,
  revision::text AS revision, lock_key, updated_at`;

function toStored(row: CheckpointRow): StoredCheckpoint {
  return {
    consumerId: row.consumer_id,
    checkpoint: {
      transactionId: BigInt(row.transaction_id),
      globalPosition: BigInt(row.global_position),
    },
    revision: BigInt(row.revision),
    lockKey: row.lock_key,
    updatedAt: row.updated_at,
  };
}

/** Reads a consumer's checkpoint, registering the consumer at the start of the log if new. */
export async function ensureCheckpoint(
  db: Queryable,
  consumerId: string,
): Promise<StoredCheckpoint> {
  assertConsumerId(consumerId);
  try {
    await db.query(
      'INSERT INTO event_consumers (consumer_id) VALUES ($1) ON CONFLICT (consumer_id) DO NOTHING',
      [consumerId],
    );
    const stored = await loadCheckpoint(db, consumerId);
    if (stored === undefined) throw new Error(`consumer row \`${consumerId}\` vanished`);
    return stored;
  } catch (error) {
    throw databaseError(error, `registering consumer \`${consumerId}\``);
  }
}

/** Reads a consumer's checkpoint; undefined for a consumer never started. */
export async function loadCheckpoint(
  db: Queryable,
  consumerId: string,
): Promise<StoredCheckpoint | undefined> {
  try {
    const { rows } = await db.query<CheckpointRow>(
      `SELECT ${COLUMNS} FROM event_consumers WHERE consumer_id = $1`,
      [consumerId],
    );
    const row = rows[0];
    return row === undefined ? undefined : toStored(row);
  } catch (error) {
    throw databaseError(error, `reading the checkpoint of \`${consumerId}\``);
  }
}

/** Every registered consumer's checkpoint, by id. */
export async function listCheckpoints(db: Queryable): Promise<StoredCheckpoint[]> {
  try {
    const { rows } = await db.query<CheckpointRow>(
      `SELECT ${COLUMNS} FROM event_consumers ORDER BY consumer_id`,
    );
    return rows.map(toStored);
  } catch (error) {
    throw databaseError(error, 'listing consumer checkpoints');
  }
}

/**
 * Moves a checkpoint by compare-and-set: succeeds only if the stored revision is
 * still `expectedRevision`, and returns the new revision. Run it in the
 * projection's transaction to make the read model and the checkpoint one commit.
 * @throws EventStoreError `CHECKPOINT_CONFLICT` when another writer moved it first
 */
export async function saveCheckpoint(
  db: Queryable,
  consumerId: string,
  expectedRevision: bigint,
  next: Checkpoint,
): Promise<bigint> {
  assertCheckpoint(next);
  let rows: { revision: string }[];
  try {
    ({ rows } = await db.query<{ revision: string }>(
      `UPDATE event_consumers
          SET transaction_id = $3::xid8, global_position = $4::bigint,
              revision = revision + 1, updated_at = clock_timestamp()
        WHERE consumer_id = $1 AND revision = $2::bigint
      RETURNING revision::text AS revision`,
      [
        consumerId,
        expectedRevision.toString(),
        next.transactionId.toString(),
        next.globalPosition.toString(),
      ],
    ));
  } catch (error) {
    throw databaseError(error, `saving the checkpoint of \`${consumerId}\``);
  }
  const row = rows[0];
  if (row === undefined) {
    throw new EventStoreError(
      'CHECKPOINT_CONFLICT',
      `checkpoint of \`${consumerId}\` moved since revision ${expectedRevision.toString()} (another instance or a reset)`,
      { details: { consumerId, expectedRevision: expectedRevision.toString() } },
    );
  }
  return BigInt(row.revision);
}
