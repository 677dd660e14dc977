import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { allow } from '@gatehouse/iam/testing';
import { createHarness, type AuditHarness } from './support/harness.js';

let h: AuditHarness;
const root = () => ({ actor: h.iam.rootPrincipal() });
const PASSWORD = 'Very-Secret-Password-42!';
const secrets: string[] = [PASSWORD];

beforeAll(async () => {
  h = await createHarness();
  await h.iam.execute({ type: 'CreateUser', userName: 'erin' }, root());
  await h.iam.execute({ type: 'CreateLoginProfile', userName: 'erin', password: PASSWORD }, root());
  const key = await h.iam.execute({ type: 'CreateAccessKey', userName: 'erin' }, root());
  secrets.push(key.accessKey.secretAccessKey);
  const session = await h.iam.execute(
    { type: 'SignIn', userName: 'erin', password: PASSWORD },
    { actor: (await import('@gatehouse/iam')).ANONYMOUS_ACTOR, sourceIp: '198.51.100.7' },
  );
  secrets.push(session.sessionToken);
  await h.iam.execute(
    { type: 'PutUserPolicy', userName: 'erin', policyName: 'p', policyDocument: allow('s3:*') },
    root(),
  );
  // Seal what is there, so the export carries digests.
  const sealer = h.events.createSealer({ lingerMs: 0 });
  await sealer.start();
  await sealer.whenCaughtUp();
  await sealer.stop();
  await h.settled();
});

afterAll(async () => {
  await h.close();
});

describe('secrets', () => {
  it('never appear in any history entry or export', async () => {
    const entries = [];
    let after: string | null = null;
    for (;;) {
      const page = await h.audit.listEvents({}, { first: 100, after });
      entries.push(...page.edges.map((e) => e.node));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    const text = JSON.stringify(entries, (_k, v: unknown) =>
      typeof v === 'bigint' ? v.toString() : v,
    );
    const exported = await h.audit.exportEvents({
      from: new Date(0),
      to: new Date(Date.now() + 60_000),
    });
    expect(exported.eventCount).toBe(entries.length);
    for (const secret of secrets) {
      expect(text).not.toContain(secret);
      expect(exported.eventLines).not.toContain(secret);
    }
    // Credential references are withheld from diffs too.
    const profile = entries.find((e) => e.type === 'LoginProfileCreated');
    expect(profile?.changes.some((c) => c.path.startsWith('loginProfile'))).toBe(true);
    expect(JSON.stringify(profile?.changes)).toContain('[redacted]');
    const signIn = entries.find((e) => e.type === 'SessionStarted');
    expect(signIn?.actor.sourceIp).toBe('198.51.100.7');
  });
});

describe('export', () => {
  it('writes JSON lines with the digests that cover them', async () => {
    const exported = await h.audit.exportEvents({
      from: new Date(0),
      to: new Date(Date.now() + 60_000),
    });
    const lines = exported.eventLines
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { hash: string; globalPosition: string });
    expect(lines).toHaveLength(exported.eventCount);
    expect(lines.every((l) => /^[0-9a-f]{64}$/.test(l.hash))).toBe(true);
    const digests = exported.digestLines
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { eventCount: number });
    expect(digests.length).toBeGreaterThan(0);
    expect(digests.reduce((n, d) => n + d.eventCount, 0)).toBeGreaterThanOrEqual(
      exported.eventCount,
    );
    expect(exported.unsealedEvents).toBe(0);
  });

  it('refuses an empty or reversed range', async () => {
    await expect(
      h.audit.exportEvents({ from: new Date(10), to: new Date(5) }),
    ).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
  });
});

describe('verifyAuditLog', () => {
  it('passes on an untouched log, then reports the first tampered row', async () => {
    const clean = await h.audit.verifyAuditLog();
    expect(clean.ok).toBe(true);
    expect(clean.firstProblem).toBeNull();
    expect(clean.eventsChecked).toBeGreaterThan(5);

    const { rows } = await h.pool.query<{ p: string }>(
      `SELECT global_position::text AS p FROM events WHERE type = 'UserPolicyPut'`,
    );
    const position = rows[0]?.p ?? '';
    const client = await h.pool.connect();
    try {
      // A superuser edit that bypasses the append-only triggers.
      await client.query(`SET session_replication_role = replica`);
      await client.query(
        `UPDATE events SET data = jsonb_set(data, '{policyDocument}', '"{}"') WHERE global_position = $1`,
        [position],
      );
      await client.query(`SET session_replication_role = origin`);
    } finally {
      client.release();
    }
    const tampered = await h.audit.verifyAuditLog();
    expect(tampered.ok).toBe(false);
    expect(tampered.firstProblem?.kind).toBe('EVENT_HASH_MISMATCH');
    expect(tampered.firstProblem?.globalPosition?.toString()).toBe(position);
  });
});
