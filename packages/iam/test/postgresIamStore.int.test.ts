import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { IamService } from '../src/commandHandling/iamService.js';
import { ANONYMOUS_ACTOR } from '../src/shared/context.js';
import { isIamError } from '../src/shared/iamError.js';
import { allow, trust } from '../src/testing/documents.js';
import { mfaCode } from '../src/testing/mfaCodes.js';
import { ACCOUNT, createHarness, ROOT_PASSWORD, type PgHarness } from './support/postgres.js';

let h: PgHarness;
let iam: IamService;
const root = () => ({ actor: iam.rootPrincipal() });

beforeAll(async () => {
  h = await createHarness();
  iam = h.service();
  await iam.start();
  const boot = await iam.bootstrap({
    accountId: ACCOUNT,
    rootEmail: 'root@example.com',
    rootPassword: ROOT_PASSWORD,
  });
  expect(boot.created).toBe(true);
});

afterAll(async () => {
  await h.close();
});

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'OK';
  } catch (error) {
    if (isIamError(error)) return error.code;
    throw error;
  }
}

describe('commands on PostgreSQL', () => {
  it('a multi-stream command lands in one transaction, each stream at its expected version', async () => {
    await iam.execute({ type: 'CreateUser', userName: 'alice' }, root());
    await iam.execute({ type: 'CreateGroup', groupName: 'devs' }, root());
    const result = await iam.execute(
      { type: 'AddUserToGroup', groupName: 'devs', userName: 'alice' },
      root(),
    );
    const { rows } = await h.pool.query<{
      stream_id: string;
      type: string;
      transaction_id: string;
      stream_version: string;
    }>(
      `SELECT stream_id, type, transaction_id::text, stream_version::text FROM events
        WHERE type IN ('UserAddedToGroup', 'GroupMemberAdded') ORDER BY global_position`,
    );
    expect(rows.map((r) => r.type).sort()).toEqual(['GroupMemberAdded', 'UserAddedToGroup']);
    expect(new Set(rows.map((r) => r.transaction_id)).size).toBe(1);
    expect(rows.every((r) => r.stream_version === '2')).toBe(true);
    expect(result.checkpoint).toBe(
      `${rows[0]?.transaction_id}:${(await h.pool.query<{ p: string }>('SELECT max(global_position)::text AS p FROM events')).rows[0]?.p}`,
    );
  });

  it('nothing changes on any error (events and secrets counted in the database)', async () => {
    const before = [await h.eventCount(), await h.secretCount()];
    const failures = [
      { type: 'CreateUser', userName: 'ALICE' },
      { type: 'AddUserToGroup', groupName: 'devs', userName: 'nobody' },
      { type: 'DeleteGroup', groupName: 'devs' },
      {
        type: 'PutUserPolicy',
        userName: 'alice',
        policyName: 'p',
        policyDocument: '{"Statement":"x"}',
      },
      { type: 'CreateLoginProfile', userName: 'alice', password: 'weak' },
      { type: 'CreateUser', userName: 'bad name' },
    ] as const;
    for (const command of failures) {
      expect(await codeOf(iam.execute(command, root()))).not.toBe('OK');
    }
    expect([await h.eventCount(), await h.secretCount()]).toEqual(before);
  });

  it('concurrent creates of one name: exactly one wins (the name stream is the lock)', async () => {
    const results = await Promise.all(
      Array.from({ length: 8 }, () =>
        codeOf(iam.execute({ type: 'CreateUser', userName: 'racer' }, root())),
      ),
    );
    expect(results.filter((r) => r === 'OK')).toHaveLength(1);
    expect(
      results
        .filter((r) => r !== 'OK')
        .every((r) => r === 'ENTITY_ALREADY_EXISTS' || r === 'CONCURRENT_MODIFICATION'),
    ).toBe(true);
    const { rows } = await h.pool.query(
      "SELECT 1 FROM events WHERE type = 'UserCreated' AND data->>'userName' = 'racer'",
    );
    expect(rows).toHaveLength(1);
  });

  it('concurrent additions to one group retry from fresh state and keep both sides consistent', async () => {
    for (let i = 0; i < 6; i += 1)
      await iam.execute({ type: 'CreateUser', userName: `m${i}` }, root());
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        codeOf(
          iam.execute({ type: 'AddUserToGroup', groupName: 'devs', userName: `m${i}` }, root()),
        ),
      ),
    );
    const added = (
      await h.pool.query<{ user_id: string }>(
        "SELECT data->>'userId' AS user_id FROM events WHERE type = 'GroupMemberAdded'",
      )
    ).rows.map((r) => r.user_id);
    const userSide = (
      await h.pool.query<{ user_id: string }>(
        "SELECT data->>'userId' AS user_id FROM events WHERE type = 'UserAddedToGroup'",
      )
    ).rows.map((r) => r.user_id);
    expect(added.sort()).toEqual(userSide.sort());
    expect(added).toHaveLength(1 + results.filter((r) => r === 'OK').length);
    expect(results.every((r) => r === 'OK' || r === 'CONCURRENT_MODIFICATION')).toBe(true);
    expect(results.filter((r) => r === 'OK').length).toBeGreaterThanOrEqual(2);
  });

  it('secrets live in credential_secrets (insert-only), never in the log', async () => {
    const key = await iam.execute({ type: 'CreateAccessKey', userName: 'alice' }, root());
    await iam.execute(
      { type: 'CreateLoginProfile', userName: 'alice', password: 'Alice-Password-1' },
      root(),
    );
    const log =
      (
        await h.pool.query<{ t: string }>(
          "SELECT string_agg(data::text || metadata::text || actor, '') AS t FROM events",
        )
      ).rows[0]?.t ?? '';
    expect(log).not.toContain(key.accessKey.secretAccessKey);
    expect(log).not.toContain('Alice-Password-1');
    const { rows } = await h.pool.query<{ kind: string; material: string }>(
      'SELECT kind, material FROM credential_secrets',
    );
    expect(rows.map((r) => r.kind)).toEqual(expect.arrayContaining(['password', 'access_key']));
    for (const row of rows) expect(log).not.toContain(row.material);
    await expect(h.pool.query("UPDATE credential_secrets SET material = 'x'")).rejects.toThrow(
      /insert-only/,
    );
    const authenticated = await iam.authenticateAccessKey(
      key.accessKey.accessKeyId,
      key.accessKey.secretAccessKey,
    );
    expect(authenticated.userName).toBe('alice');
    const lastUsed = await h.pool.query(
      'SELECT 1 FROM credential_last_used WHERE credential_id = $1',
      [key.accessKey.accessKeyId],
    );
    expect(lastUsed.rows).toHaveLength(1);
  });

  it('a TOTP code is accepted once even by concurrent sign-ins (compare-and-set in the database)', async () => {
    const device = await iam.execute(
      { type: 'CreateVirtualMFADevice', virtualMFADeviceName: 'alice-phone' },
      root(),
    );
    const seed = device.virtualMFADevice.base32StringSeed;
    const now = h.clock.now();
    await iam.execute(
      {
        type: 'EnableMFADevice',
        userName: 'alice',
        serialNumber: device.virtualMFADevice.serialNumber,
        authenticationCode1: mfaCode(seed, now, -1),
        authenticationCode2: mfaCode(seed, now),
      },
      root(),
    );
    h.clock.advanceSeconds(30);
    const code = mfaCode(seed, h.clock.now());
    const attempts = await Promise.all(
      Array.from({ length: 5 }, () =>
        codeOf(
          iam.execute(
            {
              type: 'SignIn',
              userName: 'alice',
              password: 'Alice-Password-1',
              authenticationCode: code,
            },
            { actor: ANONYMOUS_ACTOR },
          ),
        ),
      ),
    );
    expect(attempts.filter((r) => r === 'OK')).toHaveLength(1);
    expect(attempts.filter((r) => r === 'INVALID_AUTHENTICATION_CODE')).toHaveLength(4);
  });

  /** What `service` decides for a session of the role Reader reading an object. */
  const readerGetObjectDecision = (service: IamService) =>
    service.authorize({
      principal: `arn:gatehouse:sts::${ACCOUNT}:assumed-role/Reader/x`,
      action: 's3:GetObject',
      resource: '*',
    }).decision;

  it('another process sees a change once it waits for the checkpoint, and decides with it', async () => {
    const other = h.service();
    await other.start();
    await iam.execute(
      {
        type: 'CreateRole',
        roleName: 'Reader',
        assumeRolePolicyDocument: trust(`arn:gatehouse:iam::${ACCOUNT}:user/alice`),
      },
      root(),
    );
    const put = await iam.execute(
      {
        type: 'PutRolePolicy',
        roleName: 'Reader',
        policyName: 'r',
        policyDocument: allow('s3:GetObject'),
      },
      root(),
    );
    await other.waitFor(put.checkpoint ?? '0:0');
    expect(readerGetObjectDecision(other)).toBe('Allowed');
    const removed = await iam.execute(
      { type: 'DeleteRolePolicy', roleName: 'Reader', policyName: 'r' },
      root(),
    );
    await other.waitFor(removed.checkpoint ?? '0:0');
    expect(readerGetObjectDecision(other)).toBe('ImplicitlyDenied');
  });

  it('bootstrap on a second start does nothing', async () => {
    const again = await h.service().bootstrap({ rootEmail: 'x@example.com' });
    expect(again).toEqual({
      created: false,
      accountId: ACCOUNT,
      rootArn: `arn:gatehouse:iam::${ACCOUNT}:root`,
    });
  });
});
