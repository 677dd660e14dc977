// Tamper evidence: a sealed, signed log verifies; an attacker with superuser
// rights (triggers bypassed) who edits, deletes or inserts rows is caught, and
// verify names the first problem.
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import {
  canonicalEventContent,
  chainHash,
  contentHash,
  digestHash,
  signDigestHash,
  type IntegrityProblemKind,
  type RecordedEvent,
  type VerifyReport,
} from '../src/index.js';
import { connect, createTestStore, type TestStore } from './support/database.js';
import { aStream, someEvents } from './support/events.js';

const { privateKey, publicKey } = generateKeyPairSync('ed25519');
const publicKeys: Record<string, KeyObject> = { 'sealer-2026': publicKey };

interface Sealed {
  readonly t: TestStore;
  readonly events: RecordedEvent[];
  readonly streams: string[];
}

/** A fresh database with 240 events on 8 streams, all sealed in digests of at most 40. */
async function sealedLog(): Promise<Sealed> {
  const t = await createTestStore();
  const streams = Array.from({ length: 8 }, () => aStream('audit'));
  for (let round = 0; round < 10; round += 1) {
    await Promise.all(streams.map((stream) => t.store.appendToStream(stream, someEvents(3))));
  }
  const sealer = t.store.createSealer({
    maxEventsPerDigest: 40,
    lingerMs: 0,
    signingKey: { keyId: 'sealer-2026', privateKey },
  });
  await sealer.start();
  await sealer.whenCaughtUp();
  await sealer.stop();
  const events: RecordedEvent[] = [];
  for await (const page of t.store.readAllPages()) events.push(...page.events);
  return { t, events, streams };
}

/** Runs SQL as an attacker who bypasses the append-only triggers. */
async function tamper(t: TestStore, sql: string, values: unknown[] = []): Promise<void> {
  const attacker = await connect(t.database.url);
  try {
    await attacker.query('SET session_replication_role = replica');
    await attacker.query(sql, values);
  } finally {
    await attacker.end();
  }
}

function kinds(report: VerifyReport): IntegrityProblemKind[] {
  return report.problems.map((problem) => problem.kind);
}

/** The event in the middle of the log, with a successor in its stream. */
function middleEvent(log: Sealed): RecordedEvent {
  const event = log.events[Math.floor(log.events.length / 2)]!;
  expect(event.streamVersion).toBeLessThan(30);
  return event;
}

describe('a sealed log', () => {
  it('verifies, with every event sealed and every signature checked', async () => {
    const log = await sealedLog();
    try {
      const report = await log.t.store.verify({ publicKeys, requireSignatures: true });
      expect(report).toMatchObject({
        ok: true,
        eventsChecked: 240,
        streamsChecked: 8,
        sealedEvents: 240,
        unsealedEvents: 0,
        unverifiedSignatures: 0,
        problems: [],
        firstProblem: null,
      });
      expect(report.digestsChecked).toBeGreaterThanOrEqual(6);
      // A restarted (even rewound) sealer continues the chain without resealing.
      const sealer = log.t.store.createSealer({ maxEventsPerDigest: 40, lingerMs: 0 });
      await sealer.rebuild();
      await log.t.store.appendToStream(log.streams[0]!, someEvents(2));
      await sealer.start();
      await sealer.whenCaughtUp();
      await sealer.stop();
      const again = await log.t.store.verify({ publicKeys });
      expect(again.ok).toBe(true);
      expect(again.sealedEvents).toBe(242);
      expect(again.digestsChecked).toBe(report.digestsChecked + 1);
    } finally {
      await log.t.close();
    }
  });

  it('reports an edited event as a hash mismatch at that event', async () => {
    const log = await sealedLog();
    try {
      const victim = middleEvent(log);
      await tamper(
        log.t,
        `UPDATE events SET data = jsonb_set(data, '{label}', '"forged"') WHERE event_id = $1`,
        [victim.eventId],
      );
      const report = await log.t.store.verify({ publicKeys });
      expect(report.ok).toBe(false);
      expect(report.firstProblem).toMatchObject({
        kind: 'EVENT_HASH_MISMATCH',
        globalPosition: victim.globalPosition,
        streamId: victim.streamId,
        streamVersion: victim.streamVersion,
      });
      expect(kinds(report)).toEqual(['EVENT_HASH_MISMATCH']);
    } finally {
      await log.t.close();
    }
  });

  it('catches an edit whose hash the attacker recomputed, through the chain and the digest', async () => {
    const log = await sealedLog();
    try {
      const victim = middleEvent(log);
      const attacker = await connect(log.t.database.url);
      try {
        const { rows } = await attacker.query<{ us: string }>(
          'SELECT (extract(epoch FROM recorded_at) * 1000000)::bigint::text AS us FROM events WHERE event_id = $1',
          [victim.eventId],
        );
        const forgedData = { ...victim.data, label: 'forged' };
        const forgedHash = chainHash(
          Buffer.from(victim.prevHash, 'hex'),
          BigInt(victim.streamVersion),
          BigInt(rows[0]!.us),
          contentHash({ ...victim, data: forgedData }),
        );
        expect(canonicalEventContent({ ...victim, data: forgedData })).toContain('forged');
        await attacker.query('SET session_replication_role = replica');
        await attacker.query('UPDATE events SET data = $2, hash = $3 WHERE event_id = $1', [
          victim.eventId,
          JSON.stringify(forgedData),
          forgedHash,
        ]);
      } finally {
        await attacker.end();
      }
      const report = await log.t.store.verify({ publicKeys });
      expect(report.ok).toBe(false);
      // The edited event itself hashes fine now, but its successor no longer chains to it...
      expect(report.problems).toContainEqual(
        expect.objectContaining({
          kind: 'CHAIN_BREAK',
          streamId: victim.streamId,
          streamVersion: victim.streamVersion + 1,
        }),
      );
      // ...and the digest sealing it no longer matches its range.
      expect(kinds(report)).toContain('DIGEST_EVENTS_MISMATCH');
    } finally {
      await log.t.close();
    }
  });

  it('reports a deleted event as a version gap in its stream and a short digest', async () => {
    const log = await sealedLog();
    try {
      const victim = middleEvent(log);
      await tamper(log.t, 'DELETE FROM events WHERE event_id = $1', [victim.eventId]);
      const report = await log.t.store.verify({ publicKeys });
      expect(report.ok).toBe(false);
      expect(report.problems).toContainEqual(
        expect.objectContaining({
          kind: 'VERSION_GAP',
          streamId: victim.streamId,
          streamVersion: victim.streamVersion + 1,
        }),
      );
      const digest = report.problems.find((p) => p.kind === 'DIGEST_EVENTS_MISMATCH');
      expect(digest?.message).toContain('removed');
      // The first problem is the one found first in log order.
      expect(['VERSION_GAP', 'DIGEST_EVENTS_MISMATCH']).toContain(report.firstProblem?.kind);
    } finally {
      await log.t.close();
    }
  });

  it('reports a deleted last event of a stream through its head and the digest', async () => {
    const log = await sealedLog();
    try {
      const stream = log.streams[3]!;
      const last = log.events.filter((e) => e.streamId === stream).at(-1)!;
      await tamper(log.t, 'DELETE FROM events WHERE event_id = $1', [last.eventId]);
      const report = await log.t.store.verify({ publicKeys });
      expect(kinds(report)).toEqual(
        expect.arrayContaining(['DIGEST_EVENTS_MISMATCH', 'STREAM_HEAD_MISMATCH']),
      );
    } finally {
      await log.t.close();
    }
  });

  it('catches an inserted event that chains correctly and fixes the stream head, through the digest', async () => {
    const log = await sealedLog();
    try {
      // The attacker appends a well-formed event to a stream but places it inside a
      // sealed range (an old transaction id), and updates the stream head to match.
      // The stream whose last event comes earliest in log order, and an event after it
      // (in the same sealed range or a later one) whose transaction id the forgery borrows.
      const tailIndex = Math.min(
        ...log.streams.map((stream) => log.events.findLastIndex((e) => e.streamId === stream)),
      );
      const tail = log.events[tailIndex]!;
      const stream = tail.streamId;
      const host = log.events[tailIndex + 1]!;
      expect(tailIndex + 1).toBeLessThan(log.events.length - 1);
      const forged = {
        eventId: '6f1c1a52-5d7a-4c53-9d31-4b0c4f6b9e01',
        streamId: stream,
        type: 'AccessGranted',
        schemaVersion: 1,
        actor: 'arn:gatehouse:iam::000000000000:user/mallory',
        causationId: null,
        correlationId: null,
        occurredAt: new Date(host.occurredAt),
        data: { grant: 'AdministratorAccess' },
        metadata: {},
      };
      const recordedUs = BigInt(host.recordedAt.getTime()) * 1000n;
      const hash = chainHash(
        Buffer.from(tail.hash, 'hex'),
        BigInt(tail.streamVersion + 1),
        recordedUs,
        contentHash(forged),
      );
      await tamper(
        log.t,
        `INSERT INTO events (global_position, transaction_id, event_id, stream_id, stream_version, type,
                             schema_version, actor, occurred_at, recorded_at, data, metadata, prev_hash, hash)
         VALUES (9000000, $1::xid8, $2, $3, $4, $5, 1, $6, $7, to_timestamp($8::float8 / 1000000), $9, '{}', $10, $11)`,
        [
          host.transactionId.toString(),
          forged.eventId,
          stream,
          tail.streamVersion + 1,
          forged.type,
          forged.actor,
          forged.occurredAt,
          recordedUs.toString(),
          JSON.stringify(forged.data),
          Buffer.from(tail.hash, 'hex'),
          hash,
        ],
      );
      await tamper(
        log.t,
        'UPDATE event_streams SET version = version + 1, last_hash = $2 WHERE stream_id = $1',
        [stream, hash],
      );
      const report = await log.t.store.verify({ publicKeys });
      expect(report.ok).toBe(false);
      expect(report.firstProblem?.kind).toBe('DIGEST_EVENTS_MISMATCH');
      expect(report.firstProblem?.message).toContain('inserted');
      expect(kinds(report)).not.toContain('EVENT_HASH_MISMATCH');
    } finally {
      await log.t.close();
    }
  });

  it('catches an inserted event that does not chain', async () => {
    const log = await sealedLog();
    try {
      const victim = middleEvent(log);
      // Shift the successor out of the way and slip a forged copy in at its version.
      await tamper(
        log.t,
        `INSERT INTO events (global_position, transaction_id, event_id, stream_id, stream_version, type,
                             schema_version, actor, occurred_at, recorded_at, data, metadata, prev_hash, hash)
         SELECT 9000001, transaction_id, gen_random_uuid(), stream_id, stream_version + 1000, type,
                schema_version, actor, occurred_at, recorded_at, data, metadata, prev_hash, hash
           FROM events WHERE event_id = $1`,
        [victim.eventId],
      );
      const report = await log.t.store.verify({ publicKeys });
      expect(report.ok).toBe(false);
      expect(kinds(report)).toEqual(
        expect.arrayContaining(['EVENT_HASH_MISMATCH', 'VERSION_GAP', 'DIGEST_EVENTS_MISMATCH']),
      );
    } finally {
      await log.t.close();
    }
  });

  it('catches a re-hashed digest by its signature and the next digest chain', async () => {
    const log = await sealedLog();
    try {
      const digests = await log.t.pool.query<{ seq: string }>(
        'SELECT seq::text AS seq FROM event_digests ORDER BY seq',
      );
      expect(digests.rows.length).toBeGreaterThan(2);
      const attacker = await connect(log.t.database.url);
      try {
        const { rows } = await attacker.query<{
          from_tx: string;
          from_pos: string;
          to_tx: string;
          to_pos: string;
          events_hash: string;
          prev_hash: string;
          created_at: Date;
        }>(
          `SELECT from_transaction_id::text AS from_tx, from_position::text AS from_pos,
                  to_transaction_id::text AS to_tx, to_position::text AS to_pos,
                  encode(events_hash, 'hex') AS events_hash, encode(prev_hash, 'hex') AS prev_hash, created_at
             FROM event_digests WHERE seq = 2`,
        );
        const row = rows[0]!;
        const fields = {
          seq: 2n,
          from: { transactionId: BigInt(row.from_tx), globalPosition: BigInt(row.from_pos) },
          to: { transactionId: BigInt(row.to_tx), globalPosition: BigInt(row.to_pos) },
          eventCount: 39,
          eventsHash: row.events_hash,
          prevHash: row.prev_hash,
          createdAt: row.created_at,
        };
        const forgedHash = digestHash(fields);
        const { privateKey: mallorysKey } = generateKeyPairSync('ed25519');
        await attacker.query('SET session_replication_role = replica');
        await attacker.query(
          `UPDATE event_digests SET event_count = 39, hash = decode($1, 'hex'), signature = decode($2, 'base64') WHERE seq = 2`,
          [forgedHash, signDigestHash(forgedHash, mallorysKey)],
        );
      } finally {
        await attacker.end();
      }
      const report = await log.t.store.verify({ publicKeys });
      expect(kinds(report)).toEqual(
        expect.arrayContaining([
          'DIGEST_SIGNATURE_INVALID',
          'DIGEST_CHAIN_BREAK',
          'DIGEST_EVENTS_MISMATCH',
        ]),
      );
      expect(report.firstProblem?.digestSeq).toBe(2n);
    } finally {
      await log.t.close();
    }
  });
});
