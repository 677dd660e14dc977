import { beforeEach, describe, expect, it } from '@jest/globals';
import { InMemoryIamStore } from '../testing/inMemoryIamStore.js';
import { IamService } from '../commandHandling/iamService.js';
import { SecretBox } from '../credentials/secretBox.js';
import { argon2idHasher } from '../credentials/passwordHasher.js';
import { isIamError } from '../shared/iamError.js';
import { allow } from '../testing/documents.js';
import { Scenario } from '../testing/scenario.js';

let t: Scenario;
beforeEach(async () => {
  t = await Scenario.create();
});

/** A service that has not been bootstrapped, on an empty in-memory store. */
function unbootstrapped(): { iam: IamService; store: InMemoryIamStore } {
  const store = new InMemoryIamStore();
  const iam = new IamService({
    store,
    secretsKey: SecretBox.generateKey(),
    passwordHasher: argon2idHasher({ memoryCost: 1024, timeCost: 1, parallelism: 1 }),
  });
  return { iam, store };
}

describe('bootstrap', () => {
  it('creates the account and root password once; later starts change nothing', async () => {
    const { iam, store } = unbootstrapped();
    const first = await iam.bootstrap({ rootEmail: 'root@example.com' });
    expect(first.created).toBe(true);
    expect(first.accountId).toMatch(/^\d{12}$/);
    expect(first.rootArn).toBe(`arn:gatehouse:iam::${first.accountId}:root`);
    expect(first.generatedRootPassword).toHaveLength(32);
    expect(store.events.map((e) => e.type)).toEqual(['AccountCreated', 'RootPasswordChanged']);
    expect(store.events[0]?.actor).toBe('system');
    expect(JSON.stringify(store.events.map((e) => e.data))).not.toContain(
      first.generatedRootPassword,
    );
    const second = await iam.bootstrap({
      rootEmail: 'other@example.com',
      rootPassword: 'Other-Password-1',
    });
    expect(second).toEqual({ created: false, accountId: first.accountId, rootArn: first.rootArn });
    expect(store.events).toHaveLength(2);
  });

  it('uses the configured password and refuses a weak one or a bad email', async () => {
    const { iam, store } = unbootstrapped();
    await expect(
      iam.bootstrap({ rootEmail: 'root@example.com', rootPassword: 'weak' }),
    ).rejects.toMatchObject({ code: 'PASSWORD_POLICY_VIOLATION' });
    await expect(
      iam.bootstrap({ rootEmail: 'nope', rootPassword: 'Strong-Password-1' }),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(
      iam.bootstrap({ accountId: '12', rootEmail: 'root@example.com' }),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    expect(store.events).toHaveLength(0);
    const result = await iam.bootstrap({
      accountId: '000011112222',
      rootEmail: 'root@example.com',
      rootPassword: 'Strong-Password-1',
    });
    expect(result.generatedRootPassword).toBeUndefined();
  });

  it('commands before bootstrap fail with ACCOUNT_NOT_BOOTSTRAPPED', async () => {
    const { iam } = unbootstrapped();
    const error = await iam
      .execute(
        { type: 'CreateUser', userName: 'a' },
        { actor: { principalType: 'System', principalArn: 'system' } },
      )
      .catch((e: unknown) => e);
    expect(isIamError(error, 'ACCOUNT_NOT_BOOTSTRAPPED')).toBe(true);
  });
});

describe('root-only account tasks', () => {
  beforeEach(async () => {
    await t.given(
      { type: 'CreateUser', userName: 'admin' },
      { type: 'PutUserPolicy', userName: 'admin', policyName: 'all', policyDocument: allow('*') },
    );
  });

  const admin = () => ({
    ...t.root,
    principalType: 'User' as const,
    principalArn: 'arn:gatehouse:iam::123456789012:user/admin',
    userId: 'AIDAAAAAAAAAAAAAAAAAB',
    userName: 'admin',
    principalId: 'AIDAAAAAAAAAAAAAAAAAB',
    originalPrincipalArn: 'arn:gatehouse:iam::123456789012:user/admin',
    warnings: [],
  });

  it('UpdateRootEmail: root changes it; even an administrator cannot; same email changes nothing', async () => {
    expect(await t.when({ type: 'UpdateRootEmail', rootEmail: 'new-root@example.com' })).toEqual([
      {
        streamId: 'iam-account',
        type: 'RootEmailChanged',
        data: { rootEmail: 'new-root@example.com' },
      },
    ]);
    expect(await t.when({ type: 'UpdateRootEmail', rootEmail: 'new-root@example.com' })).toEqual(
      [],
    );
    await t.whenFails(
      { type: 'UpdateRootEmail', rootEmail: 'x@example.com' },
      'ACCESS_DENIED',
      admin(),
    );
  });

  it('UpdateSupportPlan: root only', async () => {
    expect((await t.when({ type: 'UpdateSupportPlan', supportPlan: 'Business' }))[0]?.data).toEqual(
      { supportPlan: 'Business' },
    );
    expect(await t.when({ type: 'UpdateSupportPlan', supportPlan: 'Business' })).toEqual([]);
    await t.whenFails(
      { type: 'UpdateSupportPlan', supportPlan: 'Basic' },
      'ACCESS_DENIED',
      admin(),
    );
  });

  it('root events carry a root-usage flag in their metadata', async () => {
    await t.given({ type: 'UpdateSupportPlan', supportPlan: 'Developer' });
    const last = t.store.events.at(-1);
    expect(last?.actor).toBe('arn:gatehouse:iam::123456789012:root');
    expect(t.store.metadata.get(last?.globalPosition ?? 0n)?.metadata).toMatchObject({
      rootUsage: true,
      principalType: 'Root',
      command: 'UpdateSupportPlan',
    });
  });
});

describe('account password policy', () => {
  it('UpdateAccountPasswordPolicy sets every field, defaults for those left out', async () => {
    const events = await t.when({
      type: 'UpdateAccountPasswordPolicy',
      minimumPasswordLength: 12,
      requireNumbers: true,
      maxPasswordAge: 90,
    });
    expect(events[0]?.data).toEqual({
      passwordPolicy: {
        minimumPasswordLength: 12,
        requireSymbols: false,
        requireNumbers: true,
        requireUppercaseCharacters: false,
        requireLowercaseCharacters: false,
        allowUsersToChangePassword: false,
        maxPasswordAge: 90,
        passwordReusePrevention: null,
        hardExpiry: false,
      },
    });
  });

  it('DeleteAccountPasswordPolicy removes it, and refuses when there is none', async () => {
    await t.whenFails({ type: 'DeleteAccountPasswordPolicy' }, 'NO_SUCH_ENTITY');
    await t.given({ type: 'UpdateAccountPasswordPolicy' });
    expect((await t.when({ type: 'DeleteAccountPasswordPolicy' })).map((e) => e.type)).toEqual([
      'AccountPasswordPolicyDeleted',
    ]);
  });
});
