import type pg from 'pg';
import { EventStoreError } from '../errors.js';
import { saveCheckpoint } from '../consumers/checkpointStore.js';
import { EventConsumer, type ConsumerSettings } from '../consumers/eventConsumer.js';
import {
  START_CHECKPOINT,
  checkpointOf,
  compareCheckpoints,
  formatCheckpoint,
} from '../read/checkpoint.js';
import {
  EventsHasher,
  GENESIS_DIGEST_HASH,
  digestHash,
  signDigestHash,
  type Digest,
  type DigestSigningKey,
} from './digest.js';
import { insertDigest, readLastDigest } from './digestRows.js';

/** Options of {@link createSealer}. */
export interface SealerOptions extends Omit<ConsumerSettings, 'consumerId' | 'batchSize'> {
  /** Default `gatehouse.sealer`. */
  readonly consumerId?: string;
  /** Events per digest at most (default 1,000). */
  readonly maxEventsPerDigest?: number;
  /** Signs every digest; without it digests are chained but unsigned. */
  readonly signingKey?: DigestSigningKey;
  /**
   * Called after each digest committed: publish it outside the database (object
   * storage, a Kafka topic, a transparency log) so that someone who can rewrite
   * the whole database still cannot rewrite history unnoticed.
   */
  readonly onDigest?: (digest: Digest) => void;
}

/**
 * The sealer: a consumer that writes a digest over each batch of the log in
 * consumer order, chained to the previous digest, in the same transaction as
 * its checkpoint. Lingers 1 s by default so live digests cover about a second.
 */
export function createSealer(pool: pg.Pool, options: SealerOptions = {}): EventConsumer {
  const { signingKey, onDigest } = options;
  // Committed is committed: a failing callback must not make the batch look failed.
  const notify = (digest: Digest) => {
    try {
      onDigest?.(digest);
    } catch {
      // The digest is in the table; publishing it again is the callback's business.
    }
  };
  return new EventConsumer(
    pool,
    {
      lingerMs: 1_000,
      ...options,
      consumerId: options.consumerId ?? 'gatehouse.sealer',
      batchSize: options.maxEventsPerDigest ?? 1_000,
    },
    {
      async process(session, events, context, revision) {
        let sealed: Digest | undefined;
        await session.query('BEGIN');
        try {
          const last = await readLastDigest(session);
          const lastTo = last?.to ?? START_CHECKPOINT;
          // A digest range must be contiguous: the sealer may be behind its last digest
          // (rewound: those events are sealed already) but never ahead of it.
          if (compareCheckpoints(context.from, lastTo) > 0) {
            throw new EventStoreError(
              'CHECKPOINT_CONFLICT',
              `sealer checkpoint ${formatCheckpoint(context.from)} is past the last digest ${formatCheckpoint(lastTo)}`,
            );
          }
          const fresh = events.filter(
            (event) => compareCheckpoints(checkpointOf(event), lastTo) > 0,
          );
          const lastFresh = fresh.at(-1);
          if (lastFresh !== undefined) {
            const hasher = new EventsHasher();
            for (const event of fresh) {
              hasher.add(event.globalPosition, event.transactionId, Buffer.from(event.hash, 'hex'));
            }
            const fields = {
              seq: (last?.seq ?? 0n) + 1n,
              from: lastTo,
              to: checkpointOf(lastFresh),
              eventCount: hasher.count,
              eventsHash: hasher.hex(),
              prevHash: last?.hash ?? GENESIS_DIGEST_HASH,
              createdAt: new Date(),
            };
            const hash = digestHash(fields);
            sealed = {
              ...fields,
              hash,
              keyId: signingKey?.keyId ?? null,
              signature:
                signingKey === undefined ? null : signDigestHash(hash, signingKey.privateKey),
            };
            await insertDigest(session, sealed);
          }
          const next = await saveCheckpoint(session, context.consumerId, revision, context.to);
          await session.query('COMMIT');
          if (sealed !== undefined) notify(sealed);
          return next;
        } catch (error) {
          await session.query('ROLLBACK').catch(() => undefined);
          throw error;
        }
      },
    },
  );
}
