import { beforeEach, describe, expect, it } from '@jest/globals';
import { ANONYMOUS_ACTOR, SYSTEM_ACTOR } from '../shared/context.js';
import type { Principal } from '../shared/principal.js';
import { allow, deny } from '../testing/documents.js';
import { Scenario } from '../testing/scenario.js';
import { StreamConflict } from './iamStore.js';

const ACCOUNT = '123456789012';
/** `PutUserPolicy` for the admin user. */
const putAdminPolicy = (policyName: string, policyDocument: string) => ({
  type: 'PutUserPolicy' as const,
  userName: 'admin',
  policyName,
  policyDocument,
});

let t: Scenario;
let admin: Principal;

beforeEach(async () => {
  t = await Scenario.create();
  await t.given({ type: 'CreateUser', userName: 'admin', path: '/ops/' });
  const { accessKey } = await t.run({ type: 'CreateAccessKey', userName: 'admin' });
  admin = await t.iam.authenticateAccessKey(accessKey.accessKeyId, accessKey.secretAccessKey);
});

describe('authorization of commands', () => {
  it('a caller without permissions is refused with ACCESS_DENIED naming action and resource', async () => {
    const error = await t.whenFails(
      { type: 'CreateUser', userName: 'bob' },
      'ACCESS_DENIED',
      admin,
    );
    expect(error.details).toEqual({
      action: 'iam:CreateUser',
      resource: `arn:gatehouse:iam::${ACCOUNT}:user/bob`,
      decision: 'ImplicitlyDenied',
    });
  });

  it('iam:<Command> on the target ARN (with its path) allows it, an explicit deny refuses it', async () => {
    await t.given(
      putAdminPolicy(
        'users',
        allow(['iam:CreateUser', 'iam:TagUser'], `arn:gatehouse:iam::${ACCOUNT}:user/team/*`),
      ),
    );
    await t.whenFails({ type: 'CreateUser', userName: 'bob' }, 'ACCESS_DENIED', admin);
    await t.run({ type: 'CreateUser', userName: 'bob', path: '/team/' }, admin);
    await t.given(putAdminPolicy('deny', deny('iam:TagUser')));
    const error = await t.whenFails(
      { type: 'TagUser', userName: 'bob', tags: [{ key: 'a', value: 'b' }] },
      'ACCESS_DENIED',
      admin,
    );
    expect(error.details.decision).toBe('ExplicitlyDenied');
  });

  it('condition keys: iam:PolicyARN limits which policies may be attached', async () => {
    await t.given(
      { type: 'CreatePolicy', policyName: 'Safe', policyDocument: allow('s3:Get*') },
      { type: 'CreatePolicy', policyName: 'Admin', policyDocument: allow('*') },
      putAdminPolicy(
        'attach-safe',
        JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Action: 'iam:AttachUserPolicy',
              Resource: '*',
              Condition: {
                ArnEquals: { 'iam:PolicyARN': `arn:gatehouse:iam::${ACCOUNT}:policy/Safe` },
              },
            },
          ],
        }),
      ),
    );
    await t.run(
      {
        type: 'AttachUserPolicy',
        userName: 'admin',
        policyArn: `arn:gatehouse:iam::${ACCOUNT}:policy/Safe`,
      },
      admin,
    );
    await t.whenFails(
      {
        type: 'AttachUserPolicy',
        userName: 'admin',
        policyArn: `arn:gatehouse:iam::${ACCOUNT}:policy/Admin`,
      },
      'ACCESS_DENIED',
      admin,
    );
  });

  it('authorization reads the current policies from the log, not a stale view', async () => {
    await t.given(putAdminPolicy('all', allow('iam:*')));
    await t.run({ type: 'CreateGroup', groupName: 'g1' }, admin);
    await t.given({ type: 'DeleteUserPolicy', userName: 'admin', policyName: 'all' });
    await t.whenFails({ type: 'CreateGroup', groupName: 'g2' }, 'ACCESS_DENIED', admin);
  });

  it('users may change their own password when the account policy allows it', async () => {
    await t.given({ type: 'CreateLoginProfile', userName: 'admin', password: 'Admin-Password-1' });
    await t.whenFails(
      { type: 'ChangePassword', oldPassword: 'Admin-Password-1', newPassword: 'Admin-Password-2' },
      'ACCESS_DENIED',
      admin,
    );
    await t.given({ type: 'UpdateAccountPasswordPolicy', allowUsersToChangePassword: true });
    await t.whenFails(
      { type: 'ChangePassword', oldPassword: 'Wrong-Password-1', newPassword: 'Admin-Password-2' },
      'INVALID_CREDENTIALS',
      admin,
    );
    const events = await t.when(
      { type: 'ChangePassword', oldPassword: 'Admin-Password-1', newPassword: 'Admin-Password-2' },
      admin,
    );
    expect(events.map((e) => e.type)).toEqual(['UserPasswordChanged']);
  });

  it('root changes its own password', async () => {
    expect(
      (
        await t.when({
          type: 'ChangePassword',
          oldPassword: t.rootPassword,
          newPassword: 'Root-Password-2',
        })
      ).map((e) => e.type),
    ).toEqual(['RootPasswordChanged']);
    await t.whenFails(
      { type: 'ChangePassword', oldPassword: t.rootPassword, newPassword: 'Root-Password-3' },
      'INVALID_CREDENTIALS',
    );
  });

  it('anonymous callers may only sign in; the system actor is not checked', async () => {
    await t.whenFails({ type: 'CreateUser', userName: 'x' }, 'ACCESS_DENIED', ANONYMOUS_ACTOR);
    await t.iam.execute({ type: 'CreateUser', userName: 'x' }, { actor: SYSTEM_ACTOR });
  });
});

describe('audit metadata', () => {
  it('every event carries actor, causation and correlation ids, and request metadata', async () => {
    await t.given(putAdminPolicy('all', allow('iam:*')));
    await t.run({ type: 'CreateGroup', groupName: 'g' }, admin, {
      correlationId: 'req-42',
      sourceIp: '192.0.2.7',
      userAgent: 'cli/1.0',
    });
    const [name, group] = t.store.events.slice(-2);
    expect(group?.actor).toBe(`arn:gatehouse:iam::${ACCOUNT}:user/ops/admin`);
    const meta = t.store.metadata.get(group?.globalPosition ?? 0n);
    expect(meta).toMatchObject({
      correlationId: 'req-42',
      metadata: {
        command: 'CreateGroup',
        principalType: 'User',
        principalId: admin.principalId,
        originalPrincipalArn: admin.principalArn,
        accessKeyId: admin.accessKeyId,
        sourceIp: '192.0.2.7',
        userAgent: 'cli/1.0',
        mfaAuthenticated: false,
      },
    });
    expect(meta?.causationId).toMatch(/^[0-9a-f-]{36}$/);
    expect(t.store.metadata.get(name?.globalPosition ?? 0n)?.causationId).toBe(meta?.causationId);
  });

  it('refuses unbounded request metadata', async () => {
    await expect(
      t.iam.execute(
        { type: 'CreateGroup', groupName: 'g' },
        { actor: t.root, correlationId: 'x'.repeat(129) },
      ),
    ).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
    await expect(
      t.iam.execute({ type: 'CreateGroup', groupName: 'g' }, { actor: t.root, sourceIp: 'a\nb' }),
    ).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
  });
});

describe('concurrency', () => {
  it('a conflict is decided again from fresh state once', async () => {
    await t.given({ type: 'CreateGroup', groupName: 'devs' });
    let raced = false;
    t.store.beforeCommit = async (request) => {
      if (raced || !request.appends.some((a) => a.streamId.startsWith('iam-group-'))) return;
      raced = true;
      t.store.beforeCommit = undefined;
      // Another writer adds a different member to the group first.
      await t.iam.execute({ type: 'CreateUser', userName: 'carol' }, { actor: t.root });
      await t.iam.execute(
        { type: 'AddUserToGroup', groupName: 'devs', userName: 'carol' },
        { actor: t.root },
      );
    };
    await t.given({ type: 'AddUserToGroup', groupName: 'devs', userName: 'admin' });
    expect(raced).toBe(true);
    const members = t.store.events.filter((e) => e.type === 'GroupMemberAdded');
    expect(members).toHaveLength(2);
  });

  it('a second conflict is CONCURRENT_MODIFICATION and writes nothing', async () => {
    t.store.beforeCommit = () => {
      throw new StreamConflict('always');
    };
    await t.whenFails({ type: 'CreateGroup', groupName: 'devs' }, 'CONCURRENT_MODIFICATION');
  });

  it('unexpected failures surface as SERVICE_FAILURE, never raw errors', async () => {
    t.store.beforeCommit = () => {
      throw new Error('disk on fire');
    };
    const error = await t.whenFails({ type: 'CreateGroup', groupName: 'devs' }, 'SERVICE_FAILURE');
    expect((error as Error).cause).toBeInstanceOf(Error);
  });
});

describe('secrets never reach the log', () => {
  it('after every kind of credential is made, the log holds no secret material', async () => {
    const login = await t.run({
      type: 'CreateLoginProfile',
      userName: 'admin',
      password: 'Very-Secret-Pass-1',
    });
    const key = await t.run({ type: 'CreateAccessKey', userName: 'admin' });
    const device = await t.run({ type: 'CreateVirtualMFADevice', virtualMFADeviceName: 'd' });
    const session = (await t.run(
      { type: 'SignIn', userName: 'admin', password: 'Very-Secret-Pass-1' },
      ANONYMOUS_ACTOR,
    )) as unknown as { sessionToken: string };
    const log = t.logText();
    expect(login.loginProfile.userName).toBe('admin');
    for (const secret of [
      'Very-Secret-Pass-1',
      key.accessKey.secretAccessKey,
      device.virtualMFADevice.base32StringSeed,
      session.sessionToken.split('.')[2] ?? 'x',
    ]) {
      expect(log).not.toContain(secret);
    }
    for (const record of t.store.secrets.values()) expect(log).not.toContain(record.material);
  });
});
