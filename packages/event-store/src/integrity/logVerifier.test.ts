import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { START_CHECKPOINT } from '../read/checkpoint.js';
import {
  EventsHasher,
  GENESIS_DIGEST_HASH,
  digestHash,
  signDigestHash,
  type Digest,
} from './digest.js';
import { GENESIS_HASH, chainHash, contentHash } from './eventHash.js';
import {
  LogVerifier,
  type StreamHead,
  type VerifiableEvent,
  type VerifyOptions,
} from './logVerifier.js';

const keys = generateKeyPairSync('ed25519');

interface Log {
  events: VerifiableEvent[];
  digests: Digest[];
  heads: StreamHead[];
}

/** A valid log: `count` events spread over `streams`, sealed `sealed` events per digest (all but `unsealed`). */
function buildLog(
  count: number,
  streams: number,
  perDigest: number,
  unsealed = 0,
  sign = false,
): Log {
  const events: VerifiableEvent[] = [];
  const state = new Map<string, { version: bigint; hash: Buffer }>();
  for (let i = 0; i < count; i += 1) {
    const streamId = `s-${i % streams}`;
    const last = state.get(streamId) ?? { version: 0n, hash: Buffer.from(GENESIS_HASH, 'hex') };
    const content = {
      eventId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      streamId,
      type: 'ThingHappened',
      schemaVersion: 1,
      actor: 'tester',
      causationId: null,
      correlationId: null,
      occurredAt: new Date(1_700_000_000_000 + i),
      data: { i },
      metadata: {},
    };
    const version = last.version + 1n;
    const recordedAtMicros = 1_700_000_000_000_000n + BigInt(i);
    const hash = chainHash(last.hash, version, recordedAtMicros, contentHash(content));
    events.push({
      ...content,
      globalPosition: BigInt(i + 1),
      transactionId: BigInt(1000 + Math.floor(i / 2)),
      streamVersion: version,
      recordedAtMicros,
      prevHash: last.hash,
      hash,
    });
    state.set(streamId, { version, hash });
  }
  const digests: Digest[] = [];
  let from = START_CHECKPOINT;
  let prevHash = GENESIS_DIGEST_HASH;
  for (let start = 0; start < count - unsealed; start += perDigest) {
    const range = events.slice(start, Math.min(start + perDigest, count - unsealed));
    const hasher = new EventsHasher();
    for (const e of range) hasher.add(e.globalPosition, e.transactionId, e.hash);
    const lastEvent = range.at(-1)!;
    const fields = {
      seq: BigInt(digests.length + 1),
      from,
      to: { transactionId: lastEvent.transactionId, globalPosition: lastEvent.globalPosition },
      eventCount: hasher.count,
      eventsHash: hasher.hex(),
      prevHash,
      createdAt: new Date(1_800_000_000_000),
    };
    const hash = digestHash(fields);
    digests.push({
      ...fields,
      hash,
      keyId: sign ? 'k1' : null,
      signature: sign ? signDigestHash(hash, keys.privateKey) : null,
    });
    from = fields.to;
    prevHash = hash;
  }
  const heads = [...state].map(([streamId, s]) => ({
    streamId,
    version: s.version,
    lastHash: s.hash,
  }));
  return { events, digests, heads };
}

function verify(log: Log, options: VerifyOptions = {}) {
  const verifier = new LogVerifier(log.digests, options);
  for (const event of log.events) verifier.addEvent(event);
  for (const head of log.heads) verifier.addStreamHead(head);
  return verifier.finish();
}

describe('LogVerifier', () => {
  it('accepts an untouched log, sealed and unsealed parts counted', () => {
    const report = verify(buildLog(100, 7, 16, 10, true), {
      publicKeys: { k1: keys.publicKey },
      requireSignatures: true,
    });
    expect(report).toMatchObject({
      ok: true,
      eventsChecked: 100,
      sealedEvents: 90,
      unsealedEvents: 10,
      streamsChecked: 7,
    });
    expect(report.digestsChecked).toBe(6);
  });

  it('names an edited event', () => {
    const log = buildLog(50, 5, 10);
    log.events[17] = { ...log.events[17]!, data: { i: 'x' } };
    const report = verify(log);
    expect(report.problems.map((p) => p.kind)).toEqual(['EVENT_HASH_MISMATCH']);
    expect(report.firstProblem?.globalPosition).toBe(18n);
  });

  it('names a removed event by the gap it leaves, and the digest that sealed it', () => {
    const log = buildLog(50, 5, 10);
    log.events.splice(22, 1);
    const kinds = verify(log).problems.map((p) => p.kind);
    expect(kinds).toEqual(['VERSION_GAP', 'DIGEST_EVENTS_MISMATCH']);
  });

  it('names a removed stream tail by the stream head', () => {
    const log = buildLog(50, 5, 10, 20);
    log.events.splice(49, 1);
    expect(verify(log).problems.map((p) => p.kind)).toEqual(['STREAM_HEAD_MISMATCH']);
  });

  it('names reordered events of different streams by the digest', () => {
    const log = buildLog(50, 5, 10);
    const a = log.events[12]!;
    const b = log.events[13]!;
    // Swap their places in the order, keeping the order keys increasing.
    log.events[12] = { ...b, globalPosition: a.globalPosition, transactionId: a.transactionId };
    log.events[13] = { ...a, globalPosition: b.globalPosition, transactionId: b.transactionId };
    expect(verify(log).problems.map((p) => p.kind)).toEqual(['DIGEST_EVENTS_MISMATCH']);
  });

  it('names an edited digest, a broken digest chain and a bad signature', () => {
    const log = buildLog(40, 4, 10, 0, true);
    log.digests[1] = { ...log.digests[1]!, eventCount: 9 };
    const kinds = verify(log, { publicKeys: { k1: keys.publicKey } }).problems.map((p) => p.kind);
    expect(kinds).toEqual(['DIGEST_HASH_MISMATCH', 'DIGEST_EVENTS_MISMATCH']);

    const other = buildLog(40, 4, 10, 0, true);
    other.digests.splice(1, 1);
    const otherKinds = verify(other).problems.map((p) => p.kind);
    expect(otherKinds).toContain('DIGEST_CHAIN_BREAK');

    const forged = buildLog(40, 4, 10, 0, true);
    const wrongKey = generateKeyPairSync('ed25519').privateKey;
    forged.digests[0] = {
      ...forged.digests[0]!,
      signature: signDigestHash(forged.digests[0]!.hash, wrongKey),
    };
    expect(
      verify(forged, { publicKeys: { k1: keys.publicKey } }).problems.map((p) => p.kind),
    ).toEqual(['DIGEST_SIGNATURE_INVALID']);
    expect(verify(forged).unverifiedSignatures).toBe(4);
    expect(
      verify(buildLog(20, 2, 10), { requireSignatures: true }).problems.map((p) => p.kind),
    ).toEqual(['DIGEST_SIGNATURE_MISSING', 'DIGEST_SIGNATURE_MISSING']);
  });

  it('detects any single edit, removal or insertion in the sealed log', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 60 }),
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 1, max: 20 }),
        fc.constantFrom('edit', 'remove', 'duplicate', 'rehash'),
        fc.nat(),
        (count, streams, perDigest, tampering, at) => {
          const log = buildLog(count, streams, perDigest);
          const index = at % count;
          const victim = log.events[index]!;
          switch (tampering) {
            case 'edit':
              log.events[index] = { ...victim, actor: 'mallory' };
              break;
            case 'remove':
              log.events.splice(index, 1);
              break;
            case 'duplicate':
              log.events.splice(index + 1, 0, {
                ...victim,
                globalPosition: victim.globalPosition,
                transactionId: victim.transactionId,
              });
              // Keep positions increasing: shift everything after the copy.
              for (let i = index + 1; i < log.events.length; i += 1) {
                const e = log.events[i]!;
                log.events[i] = {
                  ...e,
                  globalPosition: e.globalPosition + 1n,
                  transactionId: e.transactionId + 1n,
                };
              }
              break;
            case 'rehash': {
              const edited = { ...victim, data: { forged: true } };
              log.events[index] = {
                ...edited,
                hash: chainHash(
                  edited.prevHash,
                  edited.streamVersion,
                  edited.recordedAtMicros,
                  contentHash(edited),
                ),
              };
              break;
            }
          }
          expect(verify(log).ok).toBe(false);
        },
      ),
    );
  });

  it('refuses events out of consumer order', () => {
    const log = buildLog(3, 1, 10);
    const verifier = new LogVerifier([]);
    verifier.addEvent(log.events[1]!);
    expect(() => verifier.addEvent(log.events[0]!)).toThrow(/order/);
  });
});
