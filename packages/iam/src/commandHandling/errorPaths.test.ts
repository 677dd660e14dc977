import { beforeEach, describe, it } from '@jest/globals';
import type { Principal } from '../shared/principal.js';
import { Scenario } from '../testing/scenario.js';

// Error paths not covered by the per-aggregate files: each must fail with its
// code and write nothing (Scenario.whenFails checks events and secrets).
let t: Scenario;
let alice: Principal;
beforeEach(async () => {
  t = await Scenario.create();
  await t.given({ type: 'CreateUser', userName: 'alice' });
  const { accessKey } = await t.run({ type: 'CreateAccessKey', userName: 'alice' });
  alice = await t.iam.authenticateAccessKey(accessKey.accessKeyId, accessKey.secretAccessKey);
});

describe('remaining error paths', () => {
  it.each([
    [
      {
        type: 'UpdateAccessKey',
        userName: 'ghost',
        accessKeyId: 'AKIAAAAAAAAAAAAAAAAB',
        status: 'Inactive',
      },
      'NO_SUCH_ENTITY',
    ],
    [
      { type: 'DeleteAccessKey', userName: 'ghost', accessKeyId: 'AKIAAAAAAAAAAAAAAAAB' },
      'NO_SUCH_ENTITY',
    ],
    [{ type: 'CreateAccessKey', userName: 'ghost' }, 'NO_SUCH_ENTITY'],
    [
      { type: 'CreateLoginProfile', userName: 'ghost', password: 'Good-Password-1' },
      'NO_SUCH_ENTITY',
    ],
    [{ type: 'UpdateLoginProfile', userName: 'ghost' }, 'NO_SUCH_ENTITY'],
    [{ type: 'DeleteLoginProfile', userName: 'ghost' }, 'NO_SUCH_ENTITY'],
    [{ type: 'DeleteUserPermissionsBoundary', userName: 'ghost' }, 'NO_SUCH_ENTITY'],
    [
      {
        type: 'DetachUserPolicy',
        userName: 'alice',
        policyArn: 'arn:gatehouse:iam::123456789012:policy/ghost',
      },
      'NO_SUCH_ENTITY',
    ],
    [{ type: 'RemoveUserFromGroup', groupName: 'ghost', userName: 'alice' }, 'NO_SUCH_ENTITY'],
    [{ type: 'DeleteGroupPolicy', groupName: 'ghost', policyName: 'p' }, 'NO_SUCH_ENTITY'],
    [
      {
        type: 'DetachGroupPolicy',
        groupName: 'ghost',
        policyArn: 'arn:gatehouse:iam::123456789012:policy/ghost',
      },
      'NO_SUCH_ENTITY',
    ],
    [{ type: 'TagRole', roleName: 'ghost', tags: [{ key: 'a', value: 'b' }] }, 'NO_SUCH_ENTITY'],
    [{ type: 'UntagRole', roleName: 'ghost', tagKeys: ['a'] }, 'NO_SUCH_ENTITY'],
    [{ type: 'UpdateAssumeRolePolicy', roleName: 'ghost', policyDocument: '{}' }, 'NO_SUCH_ENTITY'],
    [
      {
        type: 'PutRolePermissionsBoundary',
        roleName: 'ghost',
        permissionsBoundary: 'arn:gatehouse:iam::123456789012:policy/x',
      },
      'NO_SUCH_ENTITY',
    ],
    [
      { type: 'PutRolePolicy', roleName: 'ghost', policyName: 'p', policyDocument: '{}' },
      'NO_SUCH_ENTITY',
    ],
    [
      {
        type: 'AttachRolePolicy',
        roleName: 'ghost',
        policyArn: 'arn:gatehouse:iam::123456789012:policy/x',
      },
      'NO_SUCH_ENTITY',
    ],
    [
      {
        type: 'SetDefaultPolicyVersion',
        policyArn: 'arn:gatehouse:iam::123456789012:policy/ghost',
        versionId: 'v1',
      },
      'NO_SUCH_ENTITY',
    ],
    [
      {
        type: 'DeletePolicyVersion',
        policyArn: 'arn:gatehouse:iam::123456789012:policy/ghost',
        versionId: 'v2',
      },
      'NO_SUCH_ENTITY',
    ],
    [
      {
        type: 'UntagPolicy',
        policyArn: 'arn:gatehouse:iam::123456789012:policy/ghost',
        tagKeys: ['a'],
      },
      'NO_SUCH_ENTITY',
    ],
    [
      {
        type: 'DeactivateMFADevice',
        userName: 'alice',
        serialNumber: 'arn:gatehouse:iam::123456789012:mfa/ghost',
      },
      'NO_SUCH_ENTITY',
    ],
    [
      {
        type: 'EnableMFADevice',
        userName: 'alice',
        serialNumber: 'arn:gatehouse:iam::999999999999:mfa/x',
        authenticationCode1: '123456',
        authenticationCode2: '234567',
      },
      'NO_SUCH_ENTITY',
    ],
    [{ type: 'CreateVirtualMFADevice', virtualMFADeviceName: 'has space' }, 'INVALID_INPUT'],
    [{ type: 'RevokeSession', sessionId: 'nope' }, 'INVALID_INPUT'],
    [{ type: 'SignOut' }, 'INVALID_INPUT'],
    [{ type: 'ChangePassword', oldPassword: 'a', newPassword: 'b' }, 'INVALID_CREDENTIALS'],
  ] as const)('%j fails with %s', async (command, code) => {
    await t.whenFails(command, code);
  });

  it('a user with MFA must give a valid code to GetSessionToken with a serial number', async () => {
    await t.whenFails(
      {
        type: 'GetSessionToken',
        serialNumber: 'arn:gatehouse:iam::123456789012:mfa/none',
        tokenCode: '123456',
      },
      'INVALID_AUTHENTICATION_CODE',
      alice,
    );
  });

  it('a user without permissions cannot revoke sessions or manage others', async () => {
    await t.whenFails(
      { type: 'RevokeSession', sessionId: 'ASESAAAAAAAAAAAAAAAAAAAAAB' },
      'ACCESS_DENIED',
      alice,
    );
    await t.whenFails({ type: 'DeleteUser', userName: 'alice' }, 'ACCESS_DENIED', alice);
    await t.whenFails({ type: 'UpdateAccountPasswordPolicy' }, 'ACCESS_DENIED', alice);
  });
});
