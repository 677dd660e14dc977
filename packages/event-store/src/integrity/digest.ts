import { createHash, sign, verify, type KeyObject } from 'node:crypto';
import type { Checkpoint } from '../read/checkpoint.js';
import { canonicalJson } from './canonicalJson.js';
import { GENESIS_HASH, sha256 } from './eventHash.js';

/** Names the digest canonical form; part of every digest hash. */
export const DIGEST_FORMAT = 'gatehouse.digest.v1';

/** The predecessor hash of digest 1. */
export const GENESIS_DIGEST_HASH = GENESIS_HASH;

/** A digest sealing the range (from, to] of the log in consumer order. */
export interface Digest {
  /** 1, 2, 3, ... without gaps. */
  readonly seq: bigint;
  readonly from: Checkpoint;
  readonly to: Checkpoint;
  readonly eventCount: number;
  /** Hex SHA-256 over the range's events (see {@link EventsHasher}). */
  readonly eventsHash: string;
  /** Hex hash of digest `seq - 1` (64 zeros for digest 1). */
  readonly prevHash: string;
  /** Hex SHA-256 of the digest's canonical form ({@link digestCanonicalForm}). */
  readonly hash: string;
  /** Which key signed `hash` (null: unsigned). */
  readonly keyId: string | null;
  /** Base64 signature over the 32 bytes of `hash`. */
  readonly signature: string | null;
  /** Millisecond precision; covered by the hash. */
  readonly createdAt: Date;
}

/** The fields a digest hash covers. */
export type DigestFields = Omit<Digest, 'hash' | 'keyId' | 'signature'>;

/**
 * Hashes a range of events in consumer order: SHA-256 over, per event,
 * int64be(global_position) ‖ uint64be(transaction_id) ‖ event hash (32 bytes).
 * Binding positions and transaction ids seals the order as well as the content.
 */
export class EventsHasher {
  readonly #hash = createHash('sha256');
  #count = 0;

  /** Adds the next event of the range. */
  add(globalPosition: bigint, transactionId: bigint, eventHash: Buffer): void {
    const numbers = Buffer.alloc(16);
    numbers.writeBigInt64BE(globalPosition, 0);
    numbers.writeBigUInt64BE(transactionId, 8);
    this.#hash.update(numbers);
    this.#hash.update(eventHash);
    this.#count += 1;
  }

  /** Events added so far. */
  get count(): number {
    return this.#count;
  }

  /** The hex hash of the range (ends the hasher). */
  hex(): string {
    return this.#hash.digest('hex');
  }
}

/**
 * The canonical JSON of `{ format, seq, fromTransactionId, fromPosition,
 * toTransactionId, toPosition, eventCount, eventsHash, prevHash, createdAt }`,
 * numbers beyond 2^53 as decimal strings, createdAt ISO-8601 with milliseconds.
 */
export function digestCanonicalForm(fields: DigestFields): string {
  return canonicalJson({
    format: DIGEST_FORMAT,
    seq: fields.seq.toString(),
    fromTransactionId: fields.from.transactionId.toString(),
    fromPosition: fields.from.globalPosition.toString(),
    toTransactionId: fields.to.transactionId.toString(),
    toPosition: fields.to.globalPosition.toString(),
    eventCount: fields.eventCount,
    eventsHash: fields.eventsHash,
    prevHash: fields.prevHash,
    createdAt: fields.createdAt.toISOString(),
  });
}

/** Hex SHA-256 of {@link digestCanonicalForm}. */
export function digestHash(fields: DigestFields): string {
  return sha256(Buffer.from(digestCanonicalForm(fields), 'utf8')).toString('hex');
}

/** A private key that signs digests, and the id verifiers look its public key up by. */
export interface DigestSigningKey {
  readonly keyId: string;
  /** Ed25519 recommended; RSA and EC keys sign with SHA-256. */
  readonly privateKey: KeyObject;
}

function algorithmFor(key: KeyObject): string | null {
  const type = key.asymmetricKeyType;
  return type === 'ed25519' || type === 'ed448' ? null : 'sha256';
}

/** Signs a digest hash; returns base64. */
export function signDigestHash(hashHex: string, key: KeyObject): string {
  return sign(algorithmFor(key), Buffer.from(hashHex, 'hex'), key).toString('base64');
}

/** Checks a digest signature against a public key. */
export function verifyDigestSignature(hashHex: string, signature: string, key: KeyObject): boolean {
  try {
    return verify(
      algorithmFor(key),
      Buffer.from(hashHex, 'hex'),
      key,
      Buffer.from(signature, 'base64'),
    );
  } catch {
    return false;
  }
}
