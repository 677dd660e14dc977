import type { Queryable } from '../schema/queryable.js';
import type { Digest } from './digest.js';

interface DigestRow {
  readonly seq: string;
  readonly from_transaction_id: string;
  readonly from_position: string;
  readonly to_transaction_id: string;
  readonly to_position: string;
  readonly event_count: number;
  readonly events_hash: string;
  readonly prev_hash: string;
  readonly hash: string;
  readonly key_id: string | null;
  readonly signature: string | null;
  readonly created_at: Date;
}

// Output columns are text casts: ORDER BY must name the table's columns (d.seq).
const COLUMNS = `seq::text AS seq, from_transaction_id::text AS from_transaction_id,
  from_position::text AS from_position, to_transaction_id::text AS to_transaction_id,
  to_position::text AS to_position, event_count, encode(events_hash, 'hex') AS events_hash,
  encode(prev_hash, 'hex') AS prev_hash, encode(hash, 'hex') AS hash, key_id,
  encode(signature, 'base64') AS signature, created_at`;

function toDigest(row: DigestRow): Digest {
  return {
    seq: BigInt(row.seq),
    from: {
      transactionId: BigInt(row.from_transaction_id),
      globalPosition: BigInt(row.from_position),
    },
    to: { transactionId: BigInt(row.to_transaction_id), globalPosition: BigInt(row.to_position) },
    eventCount: row.event_count,
    eventsHash: row.events_hash,
    prevHash: row.prev_hash,
    hash: row.hash,
    keyId: row.key_id,
    // encode(..., 'base64') wraps lines every 76 characters.
    signature: row.signature === null ? null : row.signature.replace(/\s+/g, ''),
    createdAt: row.created_at,
  };
}

/** Every digest, in sequence order. */
export async function readDigests(db: Queryable): Promise<Digest[]> {
  const { rows } = await db.query<DigestRow>(
    `SELECT ${COLUMNS} FROM event_digests d ORDER BY d.seq`,
  );
  return rows.map(toDigest);
}

/** The digest with the highest sequence number, if any. */
export async function readLastDigest(db: Queryable): Promise<Digest | undefined> {
  const { rows } = await db.query<DigestRow>(
    `SELECT ${COLUMNS} FROM event_digests d ORDER BY d.seq DESC LIMIT 1`,
  );
  const row = rows[0];
  return row === undefined ? undefined : toDigest(row);
}

/** Inserts a digest (the table is append-only). */
export async function insertDigest(db: Queryable, digest: Digest): Promise<void> {
  await db.query(
    `INSERT INTO event_digests (seq, from_transaction_id, from_position, to_transaction_id, to_position,
                                event_count, events_hash, prev_hash, hash, key_id, signature, created_at)
     VALUES ($1::bigint, $2::xid8, $3::bigint, $4::xid8, $5::bigint, $6,
             decode($7, 'hex'), decode($8, 'hex'), decode($9, 'hex'), $10, decode($11, 'base64'), $12)`,
    [
      digest.seq.toString(),
      digest.from.transactionId.toString(),
      digest.from.globalPosition.toString(),
      digest.to.transactionId.toString(),
      digest.to.globalPosition.toString(),
      digest.eventCount,
      digest.eventsHash,
      digest.prevHash,
      digest.hash,
      digest.keyId,
      digest.signature,
      digest.createdAt,
    ],
  );
}
