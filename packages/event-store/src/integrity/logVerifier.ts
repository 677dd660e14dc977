import { type KeyObject } from 'node:crypto';
import { compareCheckpoints, START_CHECKPOINT, type Checkpoint } from '../read/checkpoint.js';
import {
  EventsHasher,
  GENESIS_DIGEST_HASH,
  digestHash,
  verifyDigestSignature,
  type Digest,
} from './digest.js';
import { GENESIS_HASH, chainHash, contentHash, type EventContent } from './eventHash.js';

/** What kind of tampering (or damage) a problem shows. */
export type IntegrityProblemKind =
  /** The event's content or hash no longer matches: the row was edited. */
  | 'EVENT_HASH_MISMATCH'
  /** The stored content cannot be put in canonical form. */
  | 'EVENT_CONTENT_INVALID'
  /** `prev_hash` is not the stream predecessor's hash: an event before it was edited, removed or inserted. */
  | 'CHAIN_BREAK'
  /** Stream versions skip: events were removed. */
  | 'VERSION_GAP'
  /** A stream version repeats or goes back in log order: events were inserted or moved. */
  | 'VERSION_OUT_OF_ORDER'
  /** A stream head disagrees with the stream's last event: its tail was removed, or events added. */
  | 'STREAM_HEAD_MISMATCH'
  /** A digest's fields no longer match its hash: the digest was edited. */
  | 'DIGEST_HASH_MISMATCH'
  /** Digests do not chain: a sequence gap, a wrong predecessor hash or a non-contiguous range. */
  | 'DIGEST_CHAIN_BREAK'
  | 'DIGEST_SIGNATURE_INVALID'
  /** `requireSignatures` and a digest is unsigned. */
  | 'DIGEST_SIGNATURE_MISSING'
  /** The events now in a sealed range are not the ones sealed: inserted, removed, edited or reordered. */
  | 'DIGEST_EVENTS_MISMATCH';

/** One finding of verify, located as precisely as the evidence allows. */
export interface IntegrityProblem {
  readonly kind: IntegrityProblemKind;
  readonly message: string;
  readonly globalPosition: bigint | null;
  readonly streamId: string | null;
  readonly streamVersion: number | null;
  readonly digestSeq: bigint | null;
}

/** An event row as verify reads it. */
export interface VerifiableEvent extends EventContent {
  readonly globalPosition: bigint;
  readonly transactionId: bigint;
  readonly streamVersion: bigint;
  readonly recordedAtMicros: bigint;
  readonly prevHash: Buffer;
  readonly hash: Buffer;
}

/** A stream head row as verify reads it. */
export interface StreamHead {
  readonly streamId: string;
  readonly version: bigint;
  readonly lastHash: Buffer;
}

/** Options of verify. */
export interface VerifyOptions {
  /** Public keys by key id, to check digest signatures. */
  readonly publicKeys?: Readonly<Record<string, KeyObject>>;
  /** Report unsigned digests as problems. */
  readonly requireSignatures?: boolean;
  /** Stop collecting after this many problems (default 100); the first is always kept. */
  readonly maxProblems?: number;
}

/** The outcome of verify. */
export interface VerifyReport {
  readonly ok: boolean;
  readonly eventsChecked: number;
  readonly streamsChecked: number;
  readonly digestsChecked: number;
  /** Events inside sealed ranges. */
  readonly sealedEvents: number;
  /** Events after the last digest (covered by the hash chains only, until sealed). */
  readonly unsealedEvents: number;
  /** The end of the last digest's range. */
  readonly sealedThrough: Checkpoint;
  /** Signed digests whose key id had no public key in the options. */
  readonly unverifiedSignatures: number;
  /** In the order found (log order); capped at `maxProblems`. */
  readonly problems: readonly IntegrityProblem[];
  readonly firstProblem: IntegrityProblem | null;
}

interface StreamState {
  version: bigint;
  hash: Buffer;
}

/**
 * Verifies a log fed to it in consumer order, without I/O: per-stream hash
 * chains and versions, the digest chain, and each digest against the events now
 * in its range, then the stream heads. `verifyLog` feeds it from the database;
 * tests feed it directly.
 */
export class LogVerifier {
  readonly #digests: readonly Digest[];
  readonly #options: VerifyOptions;
  readonly #maxProblems: number;
  readonly #problems: IntegrityProblem[] = [];
  readonly #streams = new Map<string, StreamState>();
  readonly #heads = new Set<string>();
  #digestIndex = 0;
  #hasher = new EventsHasher();
  #last: Checkpoint = START_CHECKPOINT;
  #events = 0;
  #sealed = 0;
  #unsealed = 0;
  #unverifiedSignatures = 0;

  /** `digests` in sequence order. */
  constructor(digests: readonly Digest[], options: VerifyOptions = {}) {
    this.#digests = digests;
    this.#options = options;
    this.#maxProblems = Math.max(1, options.maxProblems ?? 100);
    this.#checkDigestChain();
  }

  /** The next event in consumer order. */
  addEvent(event: VerifiableEvent): void {
    const checkpoint = { transactionId: event.transactionId, globalPosition: event.globalPosition };
    if (compareCheckpoints(checkpoint, this.#last) <= 0) {
      throw new Error(
        'LogVerifier.addEvent: events must come in (transactionId, globalPosition) order',
      );
    }
    this.#last = checkpoint;
    this.#events += 1;
    this.#sealEvent(event, checkpoint);
    this.#checkEvent(event);
  }

  /** A stream head; call after the last event. */
  addStreamHead(head: StreamHead): void {
    this.#heads.add(head.streamId);
    const state = this.#streams.get(head.streamId);
    if (state === undefined) {
      if (head.version !== 0n) {
        this.#problem(
          'STREAM_HEAD_MISMATCH',
          `stream \`${head.streamId}\` has head version ${head.version.toString()} but no events`,
          {
            streamId: head.streamId,
          },
        );
      }
      return;
    }
    if (state.version !== head.version || !state.hash.equals(head.lastHash)) {
      this.#problem(
        'STREAM_HEAD_MISMATCH',
        `stream \`${head.streamId}\` head says version ${head.version.toString()}, its events end at version ${state.version.toString()}${state.version === head.version ? ' with another hash' : ''}`,
        { streamId: head.streamId, streamVersion: Number(state.version) },
      );
    }
  }

  /** Closes the remaining digests and reports. */
  finish(): VerifyReport {
    while (this.#digestIndex < this.#digests.length) this.#closeDigest();
    for (const [streamId, state] of this.#streams) {
      if (!this.#heads.has(streamId)) {
        this.#problem('STREAM_HEAD_MISMATCH', `stream \`${streamId}\` has events but no head row`, {
          streamId,
          streamVersion: Number(state.version),
        });
      }
    }
    return {
      ok: this.#problems.length === 0,
      eventsChecked: this.#events,
      streamsChecked: this.#streams.size,
      digestsChecked: this.#digests.length,
      sealedEvents: this.#sealed,
      unsealedEvents: this.#unsealed,
      sealedThrough: this.#digests.at(-1)?.to ?? START_CHECKPOINT,
      unverifiedSignatures: this.#unverifiedSignatures,
      problems: [...this.#problems],
      firstProblem: this.#problems[0] ?? null,
    };
  }

  #checkDigestChain(): void {
    let previous: Digest | undefined;
    for (const digest of this.#digests) {
      const where = { digestSeq: digest.seq };
      const expectedSeq = (previous?.seq ?? 0n) + 1n;
      if (digest.seq !== expectedSeq) {
        this.#problem(
          'DIGEST_CHAIN_BREAK',
          `digest ${digest.seq.toString()} follows digest ${(expectedSeq - 1n).toString()}: digests missing or inserted`,
          where,
        );
      }
      if (digest.prevHash !== (previous?.hash ?? GENESIS_DIGEST_HASH)) {
        this.#problem(
          'DIGEST_CHAIN_BREAK',
          `digest ${digest.seq.toString()} does not chain to its predecessor's hash`,
          where,
        );
      }
      if (
        compareCheckpoints(digest.from, previous?.to ?? START_CHECKPOINT) !== 0 ||
        compareCheckpoints(digest.to, digest.from) <= 0
      ) {
        this.#problem(
          'DIGEST_CHAIN_BREAK',
          `digest ${digest.seq.toString()} range does not continue its predecessor's`,
          where,
        );
      }
      if (digestHash(digest) !== digest.hash) {
        this.#problem(
          'DIGEST_HASH_MISMATCH',
          `digest ${digest.seq.toString()} does not match its hash: edited`,
          where,
        );
      }
      this.#checkSignature(digest);
      previous = digest;
    }
  }

  #checkSignature(digest: Digest): void {
    const where = { digestSeq: digest.seq };
    if (digest.signature === null || digest.keyId === null) {
      if (this.#options.requireSignatures === true) {
        this.#problem(
          'DIGEST_SIGNATURE_MISSING',
          `digest ${digest.seq.toString()} is not signed`,
          where,
        );
      }
      return;
    }
    const key = this.#options.publicKeys?.[digest.keyId];
    if (key === undefined) {
      this.#unverifiedSignatures += 1;
      if (this.#options.requireSignatures === true) {
        this.#problem(
          'DIGEST_SIGNATURE_MISSING',
          `digest ${digest.seq.toString()} is signed by unknown key \`${digest.keyId}\``,
          where,
        );
      }
      return;
    }
    if (!verifyDigestSignature(digest.hash, digest.signature, key)) {
      this.#problem(
        'DIGEST_SIGNATURE_INVALID',
        `digest ${digest.seq.toString()} signature does not verify with key \`${digest.keyId}\``,
        where,
      );
    }
  }

  #sealEvent(event: VerifiableEvent, checkpoint: Checkpoint): void {
    while (
      this.#digestIndex < this.#digests.length &&
      compareCheckpoints(checkpoint, this.#currentDigest().to) > 0
    ) {
      this.#closeDigest();
    }
    if (this.#digestIndex < this.#digests.length) {
      this.#hasher.add(event.globalPosition, event.transactionId, event.hash);
      this.#sealed += 1;
    } else {
      this.#unsealed += 1;
    }
  }

  #currentDigest(): Digest {
    const digest = this.#digests[this.#digestIndex];
    if (digest === undefined) throw new Error('no current digest');
    return digest;
  }

  #closeDigest(): void {
    const digest = this.#currentDigest();
    const count = this.#hasher.count;
    const hash = this.#hasher.hex();
    if (count !== digest.eventCount || hash !== digest.eventsHash) {
      const what =
        count === digest.eventCount
          ? 'the same number of events, but not the same ones (edited, replaced or reordered)'
          : `${count} events where ${digest.eventCount} were sealed (${count < digest.eventCount ? 'removed' : 'inserted'})`;
      this.#problem(
        'DIGEST_EVENTS_MISMATCH',
        `digest ${digest.seq.toString()} range holds ${what}`,
        { digestSeq: digest.seq },
      );
    }
    this.#digestIndex += 1;
    this.#hasher = new EventsHasher();
  }

  #checkEvent(event: VerifiableEvent): void {
    const where = {
      globalPosition: event.globalPosition,
      streamId: event.streamId,
      streamVersion: Number(event.streamVersion),
    };
    const label = `event at position ${event.globalPosition.toString()} (\`${event.streamId}\` version ${event.streamVersion.toString()})`;
    let content: Buffer | undefined;
    try {
      content = contentHash(event);
    } catch (error) {
      this.#problem(
        'EVENT_CONTENT_INVALID',
        `${label}: ${error instanceof Error ? error.message : String(error)}`,
        where,
      );
    }
    if (
      content !== undefined &&
      !chainHash(event.prevHash, event.streamVersion, event.recordedAtMicros, content).equals(
        event.hash,
      )
    ) {
      this.#problem('EVENT_HASH_MISMATCH', `${label} does not match its hash: edited`, where);
    }
    const state = this.#streams.get(event.streamId) ?? {
      version: 0n,
      hash: Buffer.from(GENESIS_HASH, 'hex'),
    };
    if (event.streamVersion <= state.version) {
      this.#problem(
        'VERSION_OUT_OF_ORDER',
        `${label} comes after version ${state.version.toString()} of its stream: inserted or moved`,
        where,
      );
    } else if (event.streamVersion > state.version + 1n) {
      this.#problem(
        'VERSION_GAP',
        `${label} follows version ${state.version.toString()}: ${(event.streamVersion - state.version - 1n).toString()} event(s) removed`,
        where,
      );
    } else if (!event.prevHash.equals(state.hash)) {
      this.#problem(
        'CHAIN_BREAK',
        `${label} does not chain to version ${state.version.toString()}: an event was edited, removed or inserted before it`,
        where,
      );
    }
    if (event.streamVersion > state.version) {
      this.#streams.set(event.streamId, { version: event.streamVersion, hash: event.hash });
    }
  }

  #problem(
    kind: IntegrityProblemKind,
    message: string,
    where: Partial<
      Pick<IntegrityProblem, 'globalPosition' | 'streamId' | 'streamVersion' | 'digestSeq'>
    >,
  ): void {
    if (this.#problems.length >= this.#maxProblems) return;
    this.#problems.push({
      kind,
      message,
      globalPosition: where.globalPosition ?? null,
      streamId: where.streamId ?? null,
      streamVersion: where.streamVersion ?? null,
      digestSeq: where.digestSeq ?? null,
    });
  }
}
