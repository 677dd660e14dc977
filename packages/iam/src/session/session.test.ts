import { beforeEach, describe, expect, it } from '@jest/globals';
import { ANONYMOUS_ACTOR } from '../shared/context.js';
import { isIamError, type IamErrorCode } from '../shared/iamError.js';
import type { Principal } from '../shared/principal.js';
import { allow, deny, trust } from '../testing/documents.js';
import { mfaCode } from '../testing/mfaCodes.js';
import { Scenario } from '../testing/scenario.js';

const ACCOUNT = '123456789012';
const userArn = (name: string) => `arn:gatehouse:iam::${ACCOUNT}:user/${name}`;
const roleArn = (name: string) => `arn:gatehouse:iam::${ACCOUNT}:role/${name}`;
const PASSWORD = 'Alice-Password-1';

let t: Scenario;
beforeEach(async () => {
  t = await Scenario.create();
  await t.given(
    { type: 'CreateUser', userName: 'alice' },
    { type: 'CreateLoginProfile', userName: 'alice', password: PASSWORD },
  );
});

async function failsWith(promise: Promise<unknown>, code: IamErrorCode): Promise<void> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!isIamError(error, code)) throw new Error(`expected ${code}, got ${String(error)}`);
}

/** Alice with a long-term access key, authenticated with it. */
async function aliceWithAccessKey(): Promise<{
  alice: Principal;
  accessKey: { accessKeyId: string; secretAccessKey: string };
}> {
  const { accessKey } = await t.run({ type: 'CreateAccessKey', userName: 'alice' });
  const alice = await t.iam.authenticateAccessKey(accessKey.accessKeyId, accessKey.secretAccessKey);
  return { alice, accessKey };
}

/** A virtual MFA device enabled for alice (two consecutive codes of the current time). */
async function enableAliceMfa(): Promise<{ seed: string; serialNumber: string }> {
  const device = await t.run({ type: 'CreateVirtualMFADevice', virtualMFADeviceName: 'phone' });
  const { base32StringSeed: seed, serialNumber } = device.virtualMFADevice;
  const now = t.clock.now();
  await t.given({
    type: 'EnableMFADevice',
    userName: 'alice',
    serialNumber,
    authenticationCode1: mfaCode(seed, now, -1),
    authenticationCode2: mfaCode(seed, now),
  });
  return { seed, serialNumber };
}

/** What `authorize` decides for `principal` doing `action` on `resource`. */
const decisionOf = (principal: Principal, action: string, resource = '*') =>
  t.iam.authorize({ principal, action, resource }).decision;

/** Authenticates temporary credentials (GetSessionToken, AssumeRole) with their session token. */
const authenticateTemporary = (credentials: {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
}): Promise<Principal> =>
  t.iam.authenticateAccessKey(
    credentials.accessKeyId,
    credentials.secretAccessKey,
    credentials.sessionToken,
  );

const signIn = (extra: { password?: string; authenticationCode?: string } = {}) =>
  t.run({ type: 'SignIn', userName: 'alice', password: PASSWORD, ...extra }, ANONYMOUS_ACTOR);

describe('SignIn', () => {
  it('a user signs in with its password and gets a 12-hour session token; the event is recorded as the user', async () => {
    const result = await signIn();
    expect(result.sessionToken).toMatch(/^ghs1\.ASES[A-Z2-7]{22}\.[A-Za-z0-9_-]{43}$/);
    expect(result.rootSignIn).toBe(false);
    expect(result.expiration).toBe('2026-11-28T21:00:00.000Z');
    const started = t.store.events.at(-1);
    expect(started?.type).toBe('SessionStarted');
    expect(started?.actor).toBe(userArn('alice'));
    expect(started?.data).toMatchObject({
      kind: 'SignIn',
      principalType: 'User',
      mfaAuthenticated: false,
      rootSignIn: false,
    });
    expect(t.logText()).not.toContain(result.sessionToken.split('.')[2]);
    const principal = await t.iam.authenticateSessionToken(result.sessionToken);
    expect(principal).toMatchObject({
      principalArn: userArn('alice'),
      userName: 'alice',
      sessionKind: 'SignIn',
    });
  });

  it('wrong password, unknown user and a user without a password all fail alike', async () => {
    await failsWith(signIn({ password: 'Wrong-Password-1' }), 'INVALID_CREDENTIALS');
    await failsWith(
      t.run({ type: 'SignIn', userName: 'nobody', password: PASSWORD }, ANONYMOUS_ACTOR),
      'INVALID_CREDENTIALS',
    );
    await t.given({ type: 'CreateUser', userName: 'bob' });
    await failsWith(
      t.run({ type: 'SignIn', userName: 'bob', password: PASSWORD }, ANONYMOUS_ACTOR),
      'INVALID_CREDENTIALS',
    );
    expect(t.store.events.at(-1)?.type).toBe('UserCreated');
  });

  it('root signs in with its email: flagged in the response, the event and the metadata, with warnings', async () => {
    const result = (await t.run(
      { type: 'SignIn', rootEmail: 'ROOT@example.com', password: t.rootPassword },
      ANONYMOUS_ACTOR,
    )) as unknown as {
      rootSignIn: boolean;
      warnings: string[];
      sessionToken: string;
    };
    expect(result.rootSignIn).toBe(true);
    expect(result.warnings.join(' ')).toMatch(/root user credentials were used.*no MFA device/);
    const event = t.store.events.at(-1);
    expect(event?.data).toMatchObject({ principalType: 'Root', rootSignIn: true });
    expect(t.store.metadata.get(event?.globalPosition ?? 0n)?.metadata).toMatchObject({
      rootSignIn: true,
    });
    const root = await t.iam.authenticateSessionToken(result.sessionToken);
    expect(root.principalType).toBe('Root');
    expect(root.warnings).toHaveLength(2);
    await failsWith(
      t.run(
        { type: 'SignIn', rootEmail: 'other@example.com', password: t.rootPassword },
        ANONYMOUS_ACTOR,
      ),
      'INVALID_CREDENTIALS',
    );
  });

  it('with MFA enabled a code is required, checked, and never accepted twice', async () => {
    const { seed } = await enableAliceMfa();
    const now = t.clock.now();
    await failsWith(signIn(), 'MFA_REQUIRED');
    await failsWith(
      signIn({ authenticationCode: mfaCode(seed, now) }),
      'INVALID_AUTHENTICATION_CODE',
    );
    t.clock.advanceSeconds(30);
    const code = mfaCode(seed, t.clock.now());
    await failsWith(signIn({ authenticationCode: '000000' }), 'INVALID_AUTHENTICATION_CODE');
    const result = await signIn({ authenticationCode: code });
    expect(result.principal.mfaAuthenticated).toBe(true);
    await failsWith(signIn({ authenticationCode: code }), 'INVALID_AUTHENTICATION_CODE');
  });

  it('a password marked for reset allows only ChangePassword', async () => {
    await t.given({ type: 'UpdateLoginProfile', userName: 'alice', passwordResetRequired: true });
    const result = await signIn();
    expect(result.passwordResetRequired).toBe(true);
    const alice = await t.iam.authenticateSessionToken(result.sessionToken);
    expect(decisionOf(alice, 'iam:ListUsers')).toBe('ImplicitlyDenied');
    await t.whenFails({ type: 'CreateAccessKey' }, 'ACCESS_DENIED', alice);
    await t.given();
    await t.iam.execute(
      { type: 'ChangePassword', oldPassword: PASSWORD, newPassword: 'New-Password-2' },
      { actor: alice },
    );
    const fresh = await t.iam.authenticateSessionToken(
      (await signIn({ password: 'New-Password-2' })).sessionToken,
    );
    expect(fresh.passwordResetRequired).toBe(false);
  });

  it('an expired password must be changed; with hard expiry sign-in is refused', async () => {
    await t.given({ type: 'UpdateAccountPasswordPolicy', maxPasswordAge: 30 });
    t.clock.advanceSeconds(31 * 86_400);
    expect((await signIn()).passwordResetRequired).toBe(true);
    await t.given({ type: 'UpdateAccountPasswordPolicy', maxPasswordAge: 30, hardExpiry: true });
    await failsWith(signIn(), 'INVALID_CREDENTIALS');
  });
});

describe('session tokens', () => {
  it('expire, can be revoked, signed out, and die with their user', async () => {
    const { sessionToken } = await signIn();
    const alice = await t.iam.authenticateSessionToken(sessionToken);
    await failsWith(
      t.iam.authenticateSessionToken(`${sessionToken.slice(0, -2)}xx`),
      'INVALID_CREDENTIALS',
    );
    await failsWith(t.iam.authenticateSessionToken('garbage'), 'INVALID_CREDENTIALS');
    t.clock.advanceSeconds(43_200);
    await failsWith(t.iam.authenticateSessionToken(sessionToken), 'EXPIRED_TOKEN');
    t.clock.advanceSeconds(-43_200);
    await t.iam.execute({ type: 'SignOut' }, { actor: alice });
    await failsWith(t.iam.authenticateSessionToken(sessionToken), 'EXPIRED_TOKEN');
    expect(t.store.events.at(-1)).toMatchObject({
      type: 'SessionRevoked',
      data: { reason: 'SignedOut' },
    });

    const second = await signIn();
    const events = await t.when({
      type: 'RevokeSession',
      sessionId: (await t.iam.authenticateSessionToken(second.sessionToken)).sessionId ?? '',
    });
    expect(events[0]?.data).toMatchObject({ reason: 'Revoked' });
    await failsWith(t.iam.authenticateSessionToken(second.sessionToken), 'EXPIRED_TOKEN');
    await t.whenFails(
      { type: 'RevokeSession', sessionId: 'ASESAAAAAAAAAAAAAAAAAAAAZZ' },
      'NO_SUCH_ENTITY',
    );

    const third = await signIn();
    await t.given(
      { type: 'DeleteLoginProfile', userName: 'alice' },
      { type: 'DeleteUser', userName: 'alice' },
    );
    await failsWith(t.iam.authenticateSessionToken(third.sessionToken), 'INVALID_CREDENTIALS');
  });
});

describe('memory', () => {
  it('sessions expired before the cut-off are pruned from the view; live ones stay', async () => {
    const old = await signIn();
    t.clock.advanceSeconds(43_200 + 1);
    const fresh = await signIn();
    expect(t.iam.view.pruneSessions(t.clock.now())).toBe(1);
    await failsWith(t.iam.authenticateSessionToken(old.sessionToken), 'INVALID_CREDENTIALS');
    expect((await t.iam.authenticateSessionToken(fresh.sessionToken)).userName).toBe('alice');
  });
});

describe('access keys', () => {
  it('authenticate while active, not when inactive, deleted or with a wrong secret; last use is recorded', async () => {
    const { alice, accessKey } = await aliceWithAccessKey();
    expect(alice).toMatchObject({
      principalArn: userArn('alice'),
      accessKeyId: accessKey.accessKeyId,
      mfaAuthenticated: false,
    });
    expect(alice.sessionId).toBeUndefined();
    expect(
      (await t.store.readLastUsed([accessKey.accessKeyId])).get(accessKey.accessKeyId),
    ).toEqual(t.clock.now());
    await failsWith(
      t.iam.authenticateAccessKey(accessKey.accessKeyId, 'x'.repeat(40)),
      'INVALID_CREDENTIALS',
    );
    await failsWith(
      t.iam.authenticateAccessKey('AKIAAAAAAAAAAAAAAAAZ', accessKey.secretAccessKey),
      'INVALID_CREDENTIALS',
    );
    await failsWith(
      t.iam.authenticateAccessKey(accessKey.accessKeyId, accessKey.secretAccessKey, 'token'),
      'INVALID_CREDENTIALS',
    );
    await t.given({
      type: 'UpdateAccessKey',
      userName: 'alice',
      accessKeyId: accessKey.accessKeyId,
      status: 'Inactive',
    });
    await failsWith(
      t.iam.authenticateAccessKey(accessKey.accessKeyId, accessKey.secretAccessKey),
      'INVALID_CREDENTIALS',
    );
    await t.given({
      type: 'DeleteAccessKey',
      userName: 'alice',
      accessKeyId: accessKey.accessKeyId,
    });
    await failsWith(
      t.iam.authenticateAccessKey(accessKey.accessKeyId, accessKey.secretAccessKey),
      'INVALID_CREDENTIALS',
    );
  });
});

describe('GetSessionToken', () => {
  it('gives temporary credentials for the user (its permissions, MFA proven when a code is given)', async () => {
    const { alice } = await aliceWithAccessKey();
    const { seed, serialNumber } = await enableAliceMfa();
    t.clock.advanceSeconds(30);
    const result = await t.run(
      {
        type: 'GetSessionToken',
        durationSeconds: 900,
        serialNumber,
        tokenCode: mfaCode(seed, t.clock.now()),
      },
      alice,
    );
    expect(result.credentials.accessKeyId).toMatch(/^ASIA/);
    expect(result.credentials.expiration).toBe(
      new Date(t.clock.now().getTime() + 900_000).toISOString(),
    );
    const temp = await authenticateTemporary(result.credentials);
    expect(temp).toMatchObject({
      principalArn: userArn('alice'),
      mfaAuthenticated: true,
      sessionKind: 'GetSessionToken',
    });
    await failsWith(
      t.iam.authenticateAccessKey(
        result.credentials.accessKeyId,
        result.credentials.secretAccessKey,
      ),
      'INVALID_CREDENTIALS',
    );
    await t.whenFails({ type: 'GetSessionToken' }, 'ACCESS_DENIED', temp);
    await t.whenFails({ type: 'GetSessionToken', tokenCode: '123456' }, 'INVALID_INPUT', alice);
    await t.whenFails({ type: 'GetSessionToken', durationSeconds: 7200 }, 'INVALID_INPUT', t.root);
    t.clock.advanceSeconds(901);
    await failsWith(authenticateTemporary(result.credentials), 'EXPIRED_TOKEN');
  });
});

describe('AssumeRole', () => {
  let alice: Principal;
  beforeEach(async () => {
    await t.given(
      {
        type: 'CreateRole',
        roleName: 'Reader',
        assumeRolePolicyDocument: trust(`arn:gatehouse:iam::${ACCOUNT}:root`),
        maxSessionDuration: 7200,
      },
      {
        type: 'PutRolePolicy',
        roleName: 'Reader',
        policyName: 'read',
        policyDocument: allow(['s3:GetObject', 's3:ListBucket']),
      },
      {
        type: 'PutUserPolicy',
        userName: 'alice',
        policyName: 'mine',
        policyDocument: allow(['sts:AssumeRole', 'ec2:*']),
      },
    );
    ({ alice } = await aliceWithAccessKey());
  });

  it("returns credentials whose permissions are the role's alone", async () => {
    const result = await t.run(
      { type: 'AssumeRole', roleArn: roleArn('Reader'), roleSessionName: 'alice-session' },
      alice,
    );
    expect(result.assumedRoleUser.arn).toBe(
      `arn:gatehouse:sts::${ACCOUNT}:assumed-role/Reader/alice-session`,
    );
    expect(result.assumedRoleUser.assumedRoleId).toMatch(/^AROA[A-Z2-7]{17}:alice-session$/);
    expect(result.credentials.expiration).toBe(
      new Date(t.clock.now().getTime() + 3_600_000).toISOString(),
    );
    const session = await authenticateTemporary(result.credentials);
    expect(session).toMatchObject({
      principalType: 'AssumedRole',
      roleName: 'Reader',
      originalPrincipalArn: userArn('alice'),
    });
    expect(decisionOf(session, 's3:GetObject', 'arn:aws:s3:::b/k')).toBe('Allowed');
    expect(decisionOf(session, 'ec2:RunInstances')).toBe('ImplicitlyDenied');
    expect(decisionOf(alice, 'ec2:RunInstances')).toBe('Allowed');
    const started = t.store.events.at(-1);
    expect(started?.data).toMatchObject({
      kind: 'AssumeRole',
      originalPrincipalArn: userArn('alice'),
    });
    expect(t.store.metadata.get(started?.globalPosition ?? 0n)?.metadata).toMatchObject({
      originalPrincipalArn: userArn('alice'),
    });
  });

  it('a session policy narrows the session', async () => {
    const result = await t.run(
      {
        type: 'AssumeRole',
        roleArn: roleArn('Reader'),
        roleSessionName: 'narrow',
        policy: allow('s3:ListBucket'),
      },
      alice,
    );
    const session = await authenticateTemporary(result.credentials);
    expect(decisionOf(session, 's3:ListBucket')).toBe('Allowed');
    expect(decisionOf(session, 's3:GetObject')).toBe('ImplicitlyDenied');
    await t.whenFails(
      { type: 'AssumeRole', roleArn: roleArn('Reader'), roleSessionName: 'bad', policy: '{"x":1}' },
      'MALFORMED_POLICY_DOCUMENT',
      alice,
    );
    await t.whenFails(
      {
        type: 'AssumeRole',
        roleArn: roleArn('Reader'),
        roleSessionName: 'big',
        policy: allow('s3:GetObject', 'x'.repeat(2100)),
      },
      'LIMIT_EXCEEDED',
      alice,
    );
  });

  it('needs both the trust policy and the caller allowed sts:AssumeRole', async () => {
    await t.given({ type: 'DeleteUserPolicy', userName: 'alice', policyName: 'mine' });
    await t.whenFails(
      { type: 'AssumeRole', roleArn: roleArn('Reader'), roleSessionName: 's1' },
      'ACCESS_DENIED',
      alice,
    );
    // A trust policy that names the user itself is enough on its own (same account).
    await t.given({
      type: 'UpdateAssumeRolePolicy',
      roleName: 'Reader',
      policyDocument: trust(userArn('alice')),
    });
    await t.run({ type: 'AssumeRole', roleArn: roleArn('Reader'), roleSessionName: 's2' }, alice);
    // ...but an explicit deny on the caller still wins.
    await t.given({
      type: 'PutUserPolicy',
      userName: 'alice',
      policyName: 'no',
      policyDocument: deny('sts:AssumeRole'),
    });
    await t.whenFails(
      { type: 'AssumeRole', roleArn: roleArn('Reader'), roleSessionName: 's3' },
      'ACCESS_DENIED',
      alice,
    );
  });

  it('a trust policy that does not name the caller refuses even an allowed caller', async () => {
    await t.given(
      { type: 'CreateUser', userName: 'bob' },
      { type: 'UpdateAssumeRolePolicy', roleName: 'Reader', policyDocument: trust(userArn('bob')) },
    );
    await t.whenFails(
      { type: 'AssumeRole', roleArn: roleArn('Reader'), roleSessionName: 'ss' },
      'ACCESS_DENIED',
      alice,
    );
  });

  it('trust conditions see MFA: a code given with the request satisfies aws:MultiFactorAuthPresent', async () => {
    await t.given({
      type: 'UpdateAssumeRolePolicy',
      roleName: 'Reader',
      policyDocument: trust(userArn('alice'), { Bool: { 'aws:MultiFactorAuthPresent': 'true' } }),
    });
    await t.whenFails(
      { type: 'AssumeRole', roleArn: roleArn('Reader'), roleSessionName: 'ss' },
      'ACCESS_DENIED',
      alice,
    );
    const { seed, serialNumber } = await enableAliceMfa();
    t.clock.advanceSeconds(30);
    const result = await t.run(
      {
        type: 'AssumeRole',
        roleArn: roleArn('Reader'),
        roleSessionName: 'ss',
        serialNumber,
        tokenCode: mfaCode(seed, t.clock.now()),
      },
      alice,
    );
    expect(result.credentials.accessKeyId).toMatch(/^ASIA/);
  });

  it('checks durations, refuses root and unknown roles (as a refusal, not NoSuchEntity)', async () => {
    await t.whenFails(
      {
        type: 'AssumeRole',
        roleArn: roleArn('Reader'),
        roleSessionName: 'ss',
        durationSeconds: 7201,
      },
      'INVALID_INPUT',
      alice,
    );
    const long = await t.run(
      {
        type: 'AssumeRole',
        roleArn: roleArn('Reader'),
        roleSessionName: 'ss',
        durationSeconds: 7200,
      },
      alice,
    );
    expect(Date.parse(long.credentials.expiration) - t.clock.now().getTime()).toBe(7_200_000);
    await t.whenFails(
      { type: 'AssumeRole', roleArn: roleArn('Reader'), roleSessionName: 'ss' },
      'ACCESS_DENIED',
      t.root,
    );
    await t.whenFails(
      { type: 'AssumeRole', roleArn: roleArn('Ghost'), roleSessionName: 'ss' },
      'ACCESS_DENIED',
      alice,
    );
    await t.whenFails(
      {
        type: 'AssumeRole',
        roleArn: `arn:gatehouse:iam::${ACCOUNT}:role/x/Reader`,
        roleSessionName: 'ss',
      },
      'ACCESS_DENIED',
      alice,
    );
  });

  it('role chaining keeps the original principal and source identity, capped at one hour', async () => {
    await t.given(
      { type: 'CreateRole', roleName: 'Next', assumeRolePolicyDocument: trust(roleArn('Reader')) },
      {
        type: 'PutRolePolicy',
        roleName: 'Reader',
        policyName: 'chain',
        policyDocument: allow('sts:AssumeRole'),
      },
    );
    const first = await t.run(
      {
        type: 'AssumeRole',
        roleArn: roleArn('Reader'),
        roleSessionName: 'one',
        sourceIdentity: 'alice',
      },
      alice,
    );
    const reader = await authenticateTemporary(first.credentials);
    await t.whenFails(
      {
        type: 'AssumeRole',
        roleArn: roleArn('Next'),
        roleSessionName: 'two',
        durationSeconds: 3601,
      },
      'INVALID_INPUT',
      reader,
    );
    await t.whenFails(
      {
        type: 'AssumeRole',
        roleArn: roleArn('Next'),
        roleSessionName: 'two',
        sourceIdentity: 'mallory',
      },
      'INVALID_INPUT',
      reader,
    );
    const second = await t.run(
      { type: 'AssumeRole', roleArn: roleArn('Next'), roleSessionName: 'two' },
      reader,
    );
    expect(second.sourceIdentity).toBe('alice');
    const next = await authenticateTemporary(second.credentials);
    expect(next).toMatchObject({
      roleName: 'Next',
      originalPrincipalArn: userArn('alice'),
      sourceIdentity: 'alice',
    });
  });

  it('sessions of a deleted role stop authenticating', async () => {
    const result = await t.run(
      { type: 'AssumeRole', roleArn: roleArn('Reader'), roleSessionName: 'ss' },
      alice,
    );
    await t.given(
      { type: 'DeleteRolePolicy', roleName: 'Reader', policyName: 'read' },
      { type: 'DeleteRole', roleName: 'Reader' },
    );
    await failsWith(authenticateTemporary(result.credentials), 'INVALID_CREDENTIALS');
  });
});

describe('reconfirmPrincipal (long-lived connections re-check credentials)', () => {
  /** The principal's reconfirmation as a promise, so `failsWith` reads its code. */
  const reconfirm = (principal: Principal): Promise<void> =>
    Promise.resolve().then(() => t.iam.reconfirmPrincipal(principal));

  it('a session principal stands until its session is signed out or expires', async () => {
    const { sessionToken } = await signIn();
    const alice = await t.iam.authenticateSessionToken(sessionToken);
    await expect(reconfirm(alice)).resolves.toBeUndefined();
    t.clock.advanceSeconds(43_200);
    await failsWith(reconfirm(alice), 'EXPIRED_TOKEN');
    t.clock.advanceSeconds(-43_200);
    await t.iam.execute({ type: 'SignOut' }, { actor: alice });
    await failsWith(reconfirm(alice), 'EXPIRED_TOKEN');
  });

  it('an access-key principal stands while its key and its user are active', async () => {
    const { alice, accessKey } = await aliceWithAccessKey();
    await expect(reconfirm(alice)).resolves.toBeUndefined();
    await t.given({
      type: 'UpdateAccessKey',
      userName: 'alice',
      accessKeyId: accessKey.accessKeyId,
      status: 'Inactive',
    });
    await failsWith(reconfirm(alice), 'INVALID_CREDENTIALS');
  });

  it('a principal from neither a session nor a key cannot be reconfirmed', async () => {
    const { alice } = await aliceWithAccessKey();
    const { accessKeyId: _key, ...withoutCredentials } = alice;
    await failsWith(reconfirm(withoutCredentials), 'INVALID_CREDENTIALS');
  });
});
