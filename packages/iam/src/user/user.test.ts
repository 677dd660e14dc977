import { beforeEach, describe, expect, it } from '@jest/globals';
import { allow, sizedPolicy } from '../testing/documents.js';
import { Scenario } from '../testing/scenario.js';
import { sortedTypesWritten, typesWritten } from '../testing/fixtures/eventTypes.js';

const ACCOUNT = '123456789012';
const policyArn = (name: string) => `arn:gatehouse:iam::${ACCOUNT}:policy/${name}`;
const U1 = 'AIDAAAAAAAAAAAAAAAAAB';

/** `PutUserPolicy` for alice (or `userName`). */
const putPolicy = (
  policyName: string,
  policyDocument: string | Record<string, unknown>,
  userName = 'alice',
) => ({ type: 'PutUserPolicy' as const, userName, policyName, policyDocument });
/** `PutUserPermissionsBoundary` for alice (or `userName`). */
const putBoundary = (permissionsBoundary: string, userName = 'alice') => ({
  type: 'PutUserPermissionsBoundary' as const,
  userName,
  permissionsBoundary,
});
/** `AttachUserPolicy` of the account's policy `name` to alice (or `userName`). */
const attach = (name: string, userName = 'alice') => ({
  type: 'AttachUserPolicy' as const,
  userName,
  policyArn: policyArn(name),
});
/** `DetachUserPolicy` of the account's policy `name` from alice (or `userName`). */
const detach = (name: string, userName = 'alice') => ({
  type: 'DetachUserPolicy' as const,
  userName,
  policyArn: policyArn(name),
});

/** Each test of the enclosing describe starts with the user alice. */
function givenAlice(): void {
  beforeEach(async () => {
    await t.given({ type: 'CreateUser', userName: 'alice' });
  });
}

let t: Scenario;
beforeEach(async () => {
  t = await Scenario.create();
});

describe('CreateUser', () => {
  it('reserves the name and creates the user with path, tags, no permissions', async () => {
    const events = await t.when({
      type: 'CreateUser',
      userName: 'Alice',
      path: '/eng/',
      tags: [{ key: 'team', value: 'core' }],
    });
    expect(events).toEqual([
      {
        streamId: 'iam-name-user-alice',
        type: 'NameReserved',
        data: { kind: 'user', name: 'Alice', entityId: U1 },
      },
      {
        streamId: `iam-user-${U1}`,
        type: 'UserCreated',
        data: {
          userId: U1,
          userName: 'Alice',
          path: '/eng/',
          arn: `arn:gatehouse:iam::${ACCOUNT}:user/eng/Alice`,
          tags: [{ key: 'team', value: 'core' }],
          permissionsBoundary: null,
        },
      },
    ]);
    expect(
      t.iam.authorize({
        principal: `arn:gatehouse:iam::${ACCOUNT}:user/eng/Alice`,
        action: 's3:GetObject',
        resource: '*',
      }).decision,
    ).toBe('ImplicitlyDenied');
  });

  it('returns the user as IAM does', async () => {
    const result = await t.run({ type: 'CreateUser', userName: 'bob' });
    expect(result.user).toMatchObject({
      userName: 'bob',
      userId: U1,
      path: '/',
      createDate: '2026-11-28T09:00:00.000Z',
      permissionsBoundary: null,
    });
    expect(result.checkpoint).toMatch(/^\d+:\d+$/);
  });

  it('refuses a name taken case-insensitively', async () => {
    await t.given({ type: 'CreateUser', userName: 'alice' });
    await t.whenFails({ type: 'CreateUser', userName: 'ALICE' }, 'ENTITY_ALREADY_EXISTS');
  });

  it('sets a permissions boundary and records the use on the policy', async () => {
    await t.given({ type: 'CreatePolicy', policyName: 'Boundary', policyDocument: allow('s3:*') });
    const events = await t.when({
      type: 'CreateUser',
      userName: 'alice',
      permissionsBoundary: policyArn('Boundary'),
    });
    expect(t.typesIn(events, 'iam-policy-')).toEqual(['PolicyAttached']);
    expect(events.find((e) => e.type === 'PolicyAttached')?.data).toMatchObject({
      usage: 'PermissionsBoundary',
      entityType: 'User',
    });
  });

  it('refuses an unknown boundary policy', async () => {
    await t.whenFails(
      { type: 'CreateUser', userName: 'alice', permissionsBoundary: policyArn('Nope') },
      'NO_SUCH_ENTITY',
    );
  });

  it('refuses invalid input', async () => {
    await t.whenFails({ type: 'CreateUser', userName: 'bad name' }, 'INVALID_INPUT');
    await t.whenFails(
      { type: 'CreateUser', userName: 'a', tags: [{ key: 'aws:x', value: '' }] },
      'INVALID_INPUT',
    );
  });
});

describe('UpdateUser', () => {
  givenAlice();

  it('renames: takes the new name, releases the old one, keeps the id', async () => {
    const events = await t.when({
      type: 'UpdateUser',
      userName: 'alice',
      newUserName: 'alicia',
      newPath: '/ops/',
    });
    expect(events.map((e) => [e.streamId, e.type])).toEqual([
      ['iam-name-user-alice', 'NameReleased'],
      ['iam-name-user-alicia', 'NameReserved'],
      [`iam-user-${U1}`, 'UserUpdated'],
    ]);
    expect(events[2]?.data).toMatchObject({
      userName: 'alicia',
      path: '/ops/',
      previousUserName: 'alice',
      arn: `arn:gatehouse:iam::${ACCOUNT}:user/ops/alicia`,
    });
    await t.given({ type: 'CreateUser', userName: 'alice' });
  });

  it('changes only the case of a name without touching reservations', async () => {
    const events = await t.when({ type: 'UpdateUser', userName: 'alice', newUserName: 'Alice' });
    expect(events.map((e) => e.type)).toEqual(['UserUpdated']);
  });

  it('refuses a taken new name and an unknown user', async () => {
    await t.given({ type: 'CreateUser', userName: 'bob' });
    await t.whenFails(
      { type: 'UpdateUser', userName: 'alice', newUserName: 'BOB' },
      'ENTITY_ALREADY_EXISTS',
    );
    await t.whenFails({ type: 'UpdateUser', userName: 'carol', newPath: '/x/' }, 'NO_SUCH_ENTITY');
  });

  it('changes nothing when nothing changes', async () => {
    expect(await t.when({ type: 'UpdateUser', userName: 'alice' })).toEqual([]);
  });
});

describe('DeleteUser', () => {
  givenAlice();

  it('deletes a bare user and frees the name for a new user with a new id', async () => {
    const events = await t.when({ type: 'DeleteUser', userName: 'alice' });
    expect(events.map((e) => e.type)).toEqual(['NameReleased', 'UserDeleted']);
    const again = await t.run({ type: 'CreateUser', userName: 'alice' });
    expect(again.user.userId).not.toBe(U1);
  });

  it.each([
    [
      'a login profile',
      { type: 'CreateLoginProfile', userName: 'alice', password: 'Password-123' },
    ],
    ['an access key', { type: 'CreateAccessKey', userName: 'alice' }],
    ['an inline policy', putPolicy('p', allow('s3:*'))],
  ] as const)('refuses while the user has %s', async (_what, setup) => {
    await t.given(setup);
    const error = await t.whenFails({ type: 'DeleteUser', userName: 'alice' }, 'DELETE_CONFLICT');
    expect(error.details.conflicts).toHaveLength(1);
  });

  it('refuses while the user is in a group or has an attached policy', async () => {
    await t.given(
      { type: 'CreateGroup', groupName: 'devs' },
      { type: 'AddUserToGroup', groupName: 'devs', userName: 'alice' },
      { type: 'CreatePolicy', policyName: 'P', policyDocument: allow('s3:*') },
      attach('P'),
    );
    const error = await t.whenFails({ type: 'DeleteUser', userName: 'alice' }, 'DELETE_CONFLICT');
    expect(error.details.conflicts).toEqual(['attached managed policies', 'group memberships']);
  });

  it('releases the boundary on the policy', async () => {
    await t.given(
      { type: 'CreatePolicy', policyName: 'B', policyDocument: allow('s3:*') },
      putBoundary(policyArn('B')),
    );
    const events = await t.when({ type: 'DeleteUser', userName: 'alice' });
    expect(events.map((e) => e.type).sort()).toEqual([
      'NameReleased',
      'PolicyDetached',
      'UserDeleted',
    ]);
    await t.given({ type: 'DeletePolicy', policyArn: policyArn('B') });
  });

  it('refuses an unknown user', async () => {
    await t.whenFails({ type: 'DeleteUser', userName: 'zed' }, 'NO_SUCH_ENTITY');
  });
});

describe('tags', () => {
  beforeEach(async () => {
    await t.given({ type: 'CreateUser', userName: 'alice', tags: [{ key: 'team', value: 'a' }] });
  });

  it('TagUser adds and replaces; UntagUser removes; absent keys change nothing', async () => {
    expect(
      await typesWritten(t, {
        type: 'TagUser',
        userName: 'alice',
        tags: [{ key: 'Team', value: 'b' }],
      }),
    ).toEqual(['UserTagged']);
    expect(
      await typesWritten(t, { type: 'UntagUser', userName: 'alice', tagKeys: ['TEAM'] }),
    ).toEqual(['UserUntagged']);
    expect(await t.when({ type: 'UntagUser', userName: 'alice', tagKeys: ['team'] })).toEqual([]);
  });

  it('refuses more than 50 tags in all and unknown users', async () => {
    const many = Array.from({ length: 50 }, (_, i) => ({ key: `k${i}`, value: '' }));
    await t.whenFails({ type: 'TagUser', userName: 'alice', tags: many }, 'LIMIT_EXCEEDED');
    await t.whenFails(
      { type: 'TagUser', userName: 'nobody', tags: [{ key: 'a', value: '' }] },
      'NO_SUCH_ENTITY',
    );
    await t.whenFails({ type: 'UntagUser', userName: 'nobody', tagKeys: ['a'] }, 'NO_SUCH_ENTITY');
  });
});

describe('permissions boundary', () => {
  beforeEach(async () => {
    await t.given(
      { type: 'CreateUser', userName: 'alice' },
      { type: 'CreatePolicy', policyName: 'B1', policyDocument: allow('s3:*') },
      { type: 'CreatePolicy', policyName: 'B2', policyDocument: allow('ec2:*') },
    );
  });

  it('PutUserPermissionsBoundary moves the usage from the old policy to the new one', async () => {
    await t.given(putBoundary(policyArn('B1')));
    const events = await t.when(putBoundary(policyArn('B2')));
    expect(events.map((e) => e.type).sort()).toEqual([
      'PolicyAttached',
      'PolicyDetached',
      'UserPermissionsBoundaryPut',
    ]);
    expect(await t.when(putBoundary(policyArn('B2')))).toEqual([]);
  });

  it('DeleteUserPermissionsBoundary removes it, and refuses when there is none', async () => {
    await t.given(putBoundary(policyArn('B1')));
    expect(
      await sortedTypesWritten(t, { type: 'DeleteUserPermissionsBoundary', userName: 'alice' }),
    ).toEqual(['PolicyDetached', 'UserPermissionsBoundaryDeleted']);
    await t.whenFails(
      { type: 'DeleteUserPermissionsBoundary', userName: 'alice' },
      'NO_SUCH_ENTITY',
    );
  });

  it('refuses unknown users and policies (a path that does not match is unknown)', async () => {
    await t.whenFails(putBoundary(policyArn('B1'), 'x'), 'NO_SUCH_ENTITY');
    await t.whenFails(
      putBoundary(`arn:gatehouse:iam::${ACCOUNT}:policy/other/B1`),
      'NO_SUCH_ENTITY',
    );
    await t.whenFails(putBoundary('arn:gatehouse:iam::999999999999:policy/B1'), 'NO_SUCH_ENTITY');
  });
});

describe('inline policies', () => {
  givenAlice();

  it('PutUserPolicy adds and replaces by name; warnings come back', async () => {
    const result = await t.run(putPolicy('p', allow('iam:PassRole')));
    expect(result.findings.map((f) => f.code)).toContain('PASS_ROLE_WITH_STAR_RESOURCE');
    const events = await t.when(putPolicy('p', allow('s3:*')));
    expect(events).toEqual([
      {
        streamId: `iam-user-${U1}`,
        type: 'UserPolicyPut',
        data: {
          userId: U1,
          policyName: 'p',
          policyDocument: allow('s3:*'),
          size: allow('s3:*').length,
        },
      },
    ]);
  });

  it('accepts a document given as an object', async () => {
    const events = await t.when(
      putPolicy('o', {
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }],
      }),
    );
    expect(events[0]?.type).toBe('UserPolicyPut');
  });

  it('refuses a malformed document with its findings', async () => {
    const error = await t.whenFails(
      putPolicy(
        'p',
        '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*","Principal":"*"}]}',
      ),
      'MALFORMED_POLICY_DOCUMENT',
    );
    expect(error.details.findings).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ code: 'PRINCIPAL_NOT_ALLOWED', severity: 'ERROR' }),
      ]),
    );
  });

  it('refuses JSON that is not JSON', async () => {
    await t.whenFails(putPolicy('p', '{nope'), 'MALFORMED_POLICY_DOCUMENT');
  });

  it("enforces IAM's 2,048-character aggregate for a user's inline policies", async () => {
    await t.given(putPolicy('a', sizedPolicy(1200)));
    await t.whenFails(putPolicy('b', sizedPolicy(1000)), 'LIMIT_EXCEEDED');
    // Replacing the same policy counts only the new size.
    await t.given(putPolicy('a', sizedPolicy(2000)));
    await t.whenFails(putPolicy('a', sizedPolicy(2100)), 'LIMIT_EXCEEDED');
  });

  it('DeleteUserPolicy deletes, and refuses an unknown policy or user', async () => {
    await t.given(putPolicy('p', allow('s3:*')));
    expect(
      await typesWritten(t, { type: 'DeleteUserPolicy', userName: 'alice', policyName: 'p' }),
    ).toEqual(['UserPolicyDeleted']);
    await t.whenFails(
      { type: 'DeleteUserPolicy', userName: 'alice', policyName: 'p' },
      'NO_SUCH_ENTITY',
    );
    await t.whenFails(
      { type: 'DeleteUserPolicy', userName: 'bob', policyName: 'p' },
      'NO_SUCH_ENTITY',
    );
  });
});

describe('managed policy attachments', () => {
  beforeEach(async () => {
    await t.given(
      { type: 'CreateUser', userName: 'alice' },
      { type: 'CreatePolicy', policyName: 'P', policyDocument: allow('s3:*') },
    );
  });

  it('AttachUserPolicy writes the user and the policy in one commit; attaching twice changes nothing', async () => {
    const events = await t.when(attach('P'));
    expect(events.map((e) => e.type).sort()).toEqual(['PolicyAttached', 'UserPolicyAttached']);
    expect(new Set(t.store.events.slice(-2).map((e) => e.transactionId)).size).toBe(1);
    expect(await t.when(attach('P'))).toEqual([]);
  });

  it('refuses an 11th managed policy', async () => {
    for (let i = 0; i < 10; i += 1) {
      await t.given(
        { type: 'CreatePolicy', policyName: `P${i}`, policyDocument: allow('s3:*') },
        attach(`P${i}`),
      );
    }
    await t.whenFails(attach('P'), 'LIMIT_EXCEEDED');
  });

  it('DetachUserPolicy detaches, and refuses what is not attached', async () => {
    await t.given(attach('P'));
    expect(await sortedTypesWritten(t, detach('P'))).toEqual([
      'PolicyDetached',
      'UserPolicyDetached',
    ]);
    await t.whenFails(detach('P'), 'NO_SUCH_ENTITY');
    await t.whenFails(attach('Q'), 'NO_SUCH_ENTITY');
    await t.whenFails(attach('P', 'zed'), 'NO_SUCH_ENTITY');
  });
});

describe('login profile and passwords', () => {
  givenAlice();

  it('CreateLoginProfile stores an argon2id hash outside the log', async () => {
    const events = await t.when({
      type: 'CreateLoginProfile',
      userName: 'alice',
      password: 'Sup3r-secret',
      passwordResetRequired: true,
    });
    expect(events).toHaveLength(1);
    const data = events[0]?.data as { secretId: string; passwordResetRequired: boolean };
    expect(data.passwordResetRequired).toBe(true);
    expect(t.store.secrets.get(data.secretId)?.material).toMatch(/^\$argon2id\$/);
    expect(t.logText()).not.toContain('Sup3r-secret');
  });

  it('refuses a second login profile, a weak password, an unknown user', async () => {
    await t.given({ type: 'CreateLoginProfile', userName: 'alice', password: 'Sup3r-secret' });
    await t.whenFails(
      { type: 'CreateLoginProfile', userName: 'alice', password: 'Sup3r-secret' },
      'ENTITY_ALREADY_EXISTS',
    );
    await t.given({ type: 'CreateUser', userName: 'bob' });
    const weak = await t.whenFails(
      { type: 'CreateLoginProfile', userName: 'bob', password: 'password' },
      'PASSWORD_POLICY_VIOLATION',
    );
    expect(weak.details.violations).toHaveLength(1);
    await t.whenFails(
      { type: 'CreateLoginProfile', userName: 'carol', password: 'Sup3r-secret' },
      'NO_SUCH_ENTITY',
    );
  });

  it('follows the account password policy', async () => {
    await t.given({
      type: 'UpdateAccountPasswordPolicy',
      minimumPasswordLength: 14,
      requireSymbols: true,
      passwordReusePrevention: 2,
    });
    await t.whenFails(
      { type: 'CreateLoginProfile', userName: 'alice', password: 'Abcdefgh12345' },
      'PASSWORD_POLICY_VIOLATION',
    );
    await t.given({ type: 'CreateLoginProfile', userName: 'alice', password: 'Abcdefgh1234!!' });
    await t.whenFails(
      { type: 'UpdateLoginProfile', userName: 'alice', password: 'Abcdefgh1234!!' },
      'PASSWORD_POLICY_VIOLATION',
    );
    await t.given({ type: 'UpdateLoginProfile', userName: 'alice', password: 'Zbcdefgh1234!!' });
  });

  it('UpdateLoginProfile changes the reset flag alone, and refuses without a profile', async () => {
    await t.whenFails(
      { type: 'UpdateLoginProfile', userName: 'alice', passwordResetRequired: true },
      'NO_SUCH_ENTITY',
    );
    await t.given({ type: 'CreateLoginProfile', userName: 'alice', password: 'Sup3r-secret' });
    const events = await t.when({
      type: 'UpdateLoginProfile',
      userName: 'alice',
      passwordResetRequired: true,
    });
    expect(events[0]?.data).toEqual({ userId: U1, secretId: null, passwordResetRequired: true });
    expect(
      await t.when({ type: 'UpdateLoginProfile', userName: 'alice', passwordResetRequired: true }),
    ).toEqual([]);
  });

  it('DeleteLoginProfile removes it, and refuses without one', async () => {
    await t.whenFails({ type: 'DeleteLoginProfile', userName: 'alice' }, 'NO_SUCH_ENTITY');
    await t.given({ type: 'CreateLoginProfile', userName: 'alice', password: 'Sup3r-secret' });
    expect(await typesWritten(t, { type: 'DeleteLoginProfile', userName: 'alice' })).toEqual([
      'LoginProfileDeleted',
    ]);
  });
});

describe('access keys', () => {
  givenAlice();

  it('CreateAccessKey returns the secret once; the log holds only ids', async () => {
    const result = await t.run({ type: 'CreateAccessKey', userName: 'alice' });
    expect(result.accessKey.accessKeyId).toMatch(/^AKIA[A-Z2-7]{16}$/);
    expect(result.accessKey.secretAccessKey).toMatch(/^[A-Za-z0-9+/]{40}$/);
    expect(result.accessKey.status).toBe('Active');
    const log = t.logText();
    expect(log).toContain(result.accessKey.accessKeyId);
    expect(log).not.toContain(result.accessKey.secretAccessKey);
    const stored = [...t.store.secrets.values()].find((s) => s.kind === 'access_key');
    expect(stored?.material).toMatch(/^[0-9a-f]{64}$/);
  });

  it('allows two keys per user, not three', async () => {
    await t.given(
      { type: 'CreateAccessKey', userName: 'alice' },
      { type: 'CreateAccessKey', userName: 'alice' },
    );
    await t.whenFails({ type: 'CreateAccessKey', userName: 'alice' }, 'LIMIT_EXCEEDED');
  });

  it('UpdateAccessKey toggles the status; DeleteAccessKey deletes; unknown keys are refused', async () => {
    const { accessKey } = await t.run({ type: 'CreateAccessKey', userName: 'alice' });
    const id = accessKey.accessKeyId;
    expect(
      (
        await t.when({
          type: 'UpdateAccessKey',
          userName: 'alice',
          accessKeyId: id,
          status: 'Inactive',
        })
      )[0]?.data,
    ).toEqual({
      userId: U1,
      accessKeyId: id,
      status: 'Inactive',
    });
    expect(
      await t.when({
        type: 'UpdateAccessKey',
        userName: 'alice',
        accessKeyId: id,
        status: 'Inactive',
      }),
    ).toEqual([]);
    expect(
      await typesWritten(t, { type: 'DeleteAccessKey', userName: 'alice', accessKeyId: id }),
    ).toEqual(['AccessKeyDeleted']);
    await t.whenFails(
      { type: 'DeleteAccessKey', userName: 'alice', accessKeyId: id },
      'NO_SUCH_ENTITY',
    );
    await t.whenFails(
      { type: 'UpdateAccessKey', userName: 'alice', accessKeyId: id, status: 'Active' },
      'NO_SUCH_ENTITY',
    );
  });

  it('defaults to the calling user, and refuses the root user without a name', async () => {
    await t.whenFails({ type: 'CreateAccessKey' }, 'INVALID_INPUT');
  });
});
