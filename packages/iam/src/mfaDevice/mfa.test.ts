import { beforeEach, describe, expect, it } from '@jest/globals';
import type { Principal } from '../shared/principal.js';
import { mfaCode } from '../testing/mfaCodes.js';
import { Scenario } from '../testing/scenario.js';
import { sortedTypesWritten } from '../testing/fixtures/eventTypes.js';

const ACCOUNT = '123456789012';
const serial = (name: string) => `arn:gatehouse:iam::${ACCOUNT}:mfa/${name}`;

let t: Scenario;
let seed: string;
beforeEach(async () => {
  t = await Scenario.create();
  await t.given({ type: 'CreateUser', userName: 'alice' });
  const created = await t.run({
    type: 'CreateVirtualMFADevice',
    virtualMFADeviceName: 'alice-phone',
  });
  seed = created.virtualMFADevice.base32StringSeed;
});

const enable = (userName: string | undefined, c1: string, c2: string) => ({
  type: 'EnableMFADevice' as const,
  ...(userName === undefined ? {} : { userName }),
  serialNumber: serial('alice-phone'),
  authenticationCode1: c1,
  authenticationCode2: c2,
});

describe('virtual MFA devices', () => {
  it('CreateVirtualMFADevice returns the seed once and stores it encrypted', async () => {
    const result = await t.run({
      type: 'CreateVirtualMFADevice',
      virtualMFADeviceName: 'other',
      path: '/x/',
    });
    expect(result.virtualMFADevice.serialNumber).toBe(`arn:gatehouse:iam::${ACCOUNT}:mfa/x/other`);
    expect(result.virtualMFADevice.base32StringSeed).toMatch(/^[A-Z2-7]{32}$/);
    expect(result.virtualMFADevice.qrCodeUri).toContain(
      `secret=${result.virtualMFADevice.base32StringSeed}`,
    );
    expect(t.logText()).not.toContain(result.virtualMFADevice.base32StringSeed);
    const sealed = [...t.store.secrets.values()].filter((s) => s.kind === 'totp_seed');
    expect(sealed).toHaveLength(2);
    expect(sealed[1]?.material).toMatch(/^v1\./);
    await t.whenFails(
      { type: 'CreateVirtualMFADevice', virtualMFADeviceName: 'OTHER' },
      'ENTITY_ALREADY_EXISTS',
    );
  });

  it('EnableMFADevice needs two consecutive current codes, then assigns the device', async () => {
    const now = t.clock.now();
    await t.whenFails(
      enable('alice', mfaCode(seed, now), mfaCode(seed, now)),
      'INVALID_AUTHENTICATION_CODE',
    );
    await t.whenFails(
      enable('alice', mfaCode(seed, now, -6), mfaCode(seed, now, -5)),
      'INVALID_AUTHENTICATION_CODE',
    );
    await t.whenFails(enable('alice', '000000', '111111'), 'INVALID_AUTHENTICATION_CODE');
    const events = await t.when(enable('alice', mfaCode(seed, now, -1), mfaCode(seed, now)));
    expect(events.map((e) => e.type).sort()).toEqual(['MFADeviceEnabled', 'UserMFADeviceEnabled']);
    expect(t.store.mfaStep('AMFAAAAAAAAAAAAAAAAAB')).toBe(Math.floor(now.getTime() / 30_000));
  });

  it('refuses a device in use, an unknown device, an unknown user', async () => {
    const now = t.clock.now();
    await t.given(enable('alice', mfaCode(seed, now, -1), mfaCode(seed, now)));
    t.clock.advanceSeconds(90);
    const later = t.clock.now();
    await t.whenFails(
      enable('alice', mfaCode(seed, later, -1), mfaCode(seed, later)),
      'ENTITY_ALREADY_EXISTS',
    );
    await t.whenFails(
      { ...enable('alice', '123456', '654321'), serialNumber: serial('nope') },
      'NO_SUCH_ENTITY',
    );
    await t.whenFails(enable('bob', '123456', '654321'), 'NO_SUCH_ENTITY');
  });

  it('a code (time step) is never accepted twice: re-enabling with the same codes fails', async () => {
    const now = t.clock.now();
    const c1 = mfaCode(seed, now, -1);
    const c2 = mfaCode(seed, now);
    await t.given(enable('alice', c1, c2), {
      type: 'DeactivateMFADevice',
      userName: 'alice',
      serialNumber: serial('alice-phone'),
    });
    await t.whenFails(enable('alice', c1, c2), 'INVALID_AUTHENTICATION_CODE');
    t.clock.advanceSeconds(60);
    const later = t.clock.now();
    await t.given(enable('alice', mfaCode(seed, later, -1), mfaCode(seed, later)));
  });

  it('DeactivateMFADevice unassigns; refuses a device not assigned to that user', async () => {
    const now = t.clock.now();
    await t.given(
      { type: 'CreateUser', userName: 'bob' },
      enable('alice', mfaCode(seed, now, -1), mfaCode(seed, now)),
    );
    await t.whenFails(
      { type: 'DeactivateMFADevice', userName: 'bob', serialNumber: serial('alice-phone') },
      'NO_SUCH_ENTITY',
    );
    await t.whenFails(
      { type: 'DeleteVirtualMFADevice', serialNumber: serial('alice-phone') },
      'DELETE_CONFLICT',
    );
    expect(
      await sortedTypesWritten(t, {
        type: 'DeactivateMFADevice',
        userName: 'alice',
        serialNumber: serial('alice-phone'),
      }),
    ).toEqual(['MFADeviceDeactivated', 'UserMFADeviceDeactivated']);
    expect(
      await sortedTypesWritten(t, {
        type: 'DeleteVirtualMFADevice',
        serialNumber: serial('alice-phone'),
      }),
    ).toEqual(['NameReleased', 'VirtualMFADeviceDeleted']);
    await t.whenFails(
      { type: 'DeleteVirtualMFADevice', serialNumber: serial('alice-phone') },
      'NO_SUCH_ENTITY',
    );
  });

  it('a user cannot be deleted while it has an MFA device', async () => {
    const now = t.clock.now();
    await t.given(enable('alice', mfaCode(seed, now, -1), mfaCode(seed, now)));
    await t.whenFails({ type: 'DeleteUser', userName: 'alice' }, 'DELETE_CONFLICT');
  });

  it('root enables its own device (no user name) and only one', async () => {
    const now = t.clock.now();
    const events = await t.when(enable(undefined, mfaCode(seed, now, -1), mfaCode(seed, now)));
    expect(events.map((e) => e.type).sort()).toEqual(['MFADeviceEnabled', 'RootMFADeviceEnabled']);
    expect(t.iam.rootPrincipal().warnings).toHaveLength(1);
    const other = await t.run({ type: 'CreateVirtualMFADevice', virtualMFADeviceName: 'spare' });
    const s2 = other.virtualMFADevice.base32StringSeed;
    await t.whenFails(
      {
        type: 'EnableMFADevice',
        serialNumber: serial('spare'),
        authenticationCode1: mfaCode(s2, now, -1),
        authenticationCode2: mfaCode(s2, now),
      },
      'LIMIT_EXCEEDED',
    );
    expect(
      await sortedTypesWritten(t, {
        type: 'DeactivateMFADevice',
        serialNumber: serial('alice-phone'),
      }),
    ).toEqual(['MFADeviceDeactivated', 'RootMFADeviceDeactivated']);
  });

  it('a user without a name enables a device for itself', async () => {
    const alice: Principal = {
      principalType: 'User',
      principalArn: `arn:gatehouse:iam::${ACCOUNT}:user/alice`,
      principalId: 'AIDAAAAAAAAAAAAAAAAAB',
      accountId: ACCOUNT,
      userId: 'AIDAAAAAAAAAAAAAAAAAB',
      userName: 'alice',
      mfaAuthenticated: false,
      originalPrincipalArn: `arn:gatehouse:iam::${ACCOUNT}:user/alice`,
      passwordResetRequired: false,
      warnings: [],
    };
    await t.given({
      type: 'PutUserPolicy',
      userName: 'alice',
      policyName: 'own-mfa',
      policyDocument: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Action: 'iam:EnableMFADevice',
            Resource: 'arn:gatehouse:iam::*:user/${aws:username}',
          },
        ],
      }),
    });
    const now = t.clock.now();
    const events = await t.when(
      enable(undefined, mfaCode(seed, now, -1), mfaCode(seed, now)),
      alice,
    );
    expect(events.map((e) => e.type).sort()).toEqual(['MFADeviceEnabled', 'UserMFADeviceEnabled']);
    expect(events[0]?.data).toMatchObject({
      assignee: { type: 'User', userId: 'AIDAAAAAAAAAAAAAAAAAB' },
    });
  });
});
