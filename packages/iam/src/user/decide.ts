import { assertHolderDeletable, type PrincipalHolder } from '../principals/policyHolder/decide.js';
import { iamArn } from '../shared/arn.js';
import type { DecideContext } from '../shared/context.js';
import type { PolicyRef } from '../shared/events.js';
import { IamError, limitExceeded, noSuchEntity } from '../shared/iamError.js';
import { assertTags } from '../shared/tags.js';
import type { CreateUser, UpdateUser } from './commands.js';
import { USER_POLICY_HOLDER, type UserEvent } from './events.js';
import type { UserState } from './evolve.js';

/** @throws IamError `NO_SUCH_ENTITY` unless the user exists */
export function assertUserExists(state: UserState, userName: string): void {
  if (state.status !== 'active') throw noSuchEntity('user', userName);
}

/**
 * The user as a policy holder: its inline and managed policies, boundary and
 * tags are decided by `principals/policyHolder` as for roles.
 */
export function userPolicyHolder(state: UserState): PrincipalHolder<'User', 'userId'> {
  return { kind: USER_POLICY_HOLDER, id: state.userId, name: state.userName, state };
}

/** A new user. */
export function decideCreateUser(
  command: CreateUser,
  userId: string,
  boundary: PolicyRef | null,
  context: DecideContext,
): UserEvent[] {
  const tags = command.tags ?? [];
  assertTags('tags', tags);
  const path = command.path ?? '/';
  return [
    {
      type: 'UserCreated',
      data: {
        userId,
        userName: command.userName,
        path,
        arn: iamArn(context.accountId, 'user', path, command.userName),
        tags,
        permissionsBoundary: boundary,
      },
    },
  ];
}

/** Renames and/or moves a user (the name streams are decided by the caller). */
export function decideUpdateUser(
  command: UpdateUser,
  state: UserState,
  context: DecideContext,
): UserEvent[] {
  const userName = command.newUserName ?? state.userName;
  const path = command.newPath ?? state.path;
  if (userName === state.userName && path === state.path) return [];
  return [
    {
      type: 'UserUpdated',
      data: {
        userId: state.userId,
        userName,
        path,
        arn: iamArn(context.accountId, 'user', path, userName),
        previousUserName: state.userName,
        previousPath: state.path,
      },
    },
  ];
}

/**
 * Deletes a user, which IAM allows only once its password, access keys, MFA
 * devices, group memberships and policies are gone (its boundary goes with it).
 * @throws IamError `DELETE_CONFLICT` naming what is left
 */
export function decideDeleteUser(state: UserState): UserEvent[] {
  assertHolderDeletable(userPolicyHolder(state), [
    state.loginProfile !== null && 'a login profile (password)',
    state.accessKeys.length > 0 && 'access keys',
    state.mfaDevices.length > 0 && 'MFA devices',
    state.groupIds.length > 0 && 'group memberships',
  ]);
  return [
    {
      type: 'UserDeleted',
      data: { userId: state.userId, userName: state.userName, arn: state.arn },
    },
  ];
}

/** @throws IamError `LIMIT_EXCEEDED` over 10 groups */
export function decideAddUserToGroup(
  state: UserState,
  groupId: string,
  context: DecideContext,
): UserEvent[] {
  if (state.groupIds.includes(groupId)) return [];
  if (state.groupIds.length >= context.limits.groupsPerUser) {
    throw limitExceeded(
      'GroupsPerUser',
      context.limits.groupsPerUser,
      `cannot exceed quota for GroupsPerUser: ${context.limits.groupsPerUser}`,
    );
  }
  return [{ type: 'UserAddedToGroup', data: { userId: state.userId, groupId } }];
}

/** @throws IamError `NO_SUCH_ENTITY` when the user is not a member */
export function decideRemoveUserFromGroup(
  state: UserState,
  groupId: string,
  groupName: string,
): UserEvent[] {
  if (!state.groupIds.includes(groupId)) {
    throw new IamError(
      'NO_SUCH_ENTITY',
      `user \`${state.userName}\` is not in group \`${groupName}\``,
      {
        details: { entity: 'GroupMembership', user: state.userName, group: groupName },
      },
    );
  }
  return [{ type: 'UserRemovedFromGroup', data: { userId: state.userId, groupId } }];
}

/** @throws IamError `ENTITY_ALREADY_EXISTS` when the user has a password already */
export function assertNoLoginProfile(state: UserState): void {
  if (state.loginProfile !== null) {
    throw new IamError(
      'ENTITY_ALREADY_EXISTS',
      `login profile for user \`${state.userName}\` already exists`,
      {
        details: { entity: 'LoginProfile', user: state.userName },
      },
    );
  }
}

/** @throws IamError `NO_SUCH_ENTITY` when the user has no password */
export function assertLoginProfile(state: UserState): void {
  if (state.loginProfile === null) {
    throw new IamError(
      'NO_SUCH_ENTITY',
      `login profile for user \`${state.userName}\` cannot be found`,
      {
        details: { entity: 'LoginProfile', user: state.userName },
      },
    );
  }
}

export function decideCreateLoginProfile(
  state: UserState,
  secretId: string,
  passwordResetRequired: boolean,
): UserEvent[] {
  assertNoLoginProfile(state);
  return [
    {
      type: 'LoginProfileCreated',
      data: { userId: state.userId, secretId, passwordResetRequired },
    },
  ];
}

export function decideUpdateLoginProfile(
  state: UserState,
  secretId: string | null,
  passwordResetRequired: boolean | undefined,
): UserEvent[] {
  assertLoginProfile(state);
  const reset = passwordResetRequired ?? state.loginProfile?.passwordResetRequired ?? false;
  if (secretId === null && reset === state.loginProfile?.passwordResetRequired) return [];
  return [
    {
      type: 'LoginProfileUpdated',
      data: { userId: state.userId, secretId, passwordResetRequired: reset },
    },
  ];
}

export function decideDeleteLoginProfile(state: UserState): UserEvent[] {
  assertLoginProfile(state);
  return [{ type: 'LoginProfileDeleted', data: { userId: state.userId } }];
}

export function decideChangePassword(state: UserState, secretId: string): UserEvent[] {
  assertLoginProfile(state);
  return [{ type: 'UserPasswordChanged', data: { userId: state.userId, secretId } }];
}

/** @throws IamError `LIMIT_EXCEEDED` at two keys */
export function decideCreateAccessKey(
  state: UserState,
  accessKeyId: string,
  secretId: string,
  context: DecideContext,
): UserEvent[] {
  if (state.accessKeys.length >= context.limits.accessKeysPerUser) {
    throw limitExceeded(
      'AccessKeysPerUser',
      context.limits.accessKeysPerUser,
      `cannot exceed quota for AccessKeysPerUser: ${context.limits.accessKeysPerUser}`,
    );
  }
  return [{ type: 'AccessKeyCreated', data: { userId: state.userId, accessKeyId, secretId } }];
}

function assertAccessKey(state: UserState, accessKeyId: string): void {
  if (!state.accessKeys.some((k) => k.accessKeyId === accessKeyId)) {
    throw new IamError(
      'NO_SUCH_ENTITY',
      `the access key with id \`${accessKeyId}\` cannot be found for user \`${state.userName}\``,
      {
        details: { entity: 'AccessKey', accessKeyId },
      },
    );
  }
}

export function decideUpdateAccessKey(
  state: UserState,
  accessKeyId: string,
  status: 'Active' | 'Inactive',
): UserEvent[] {
  assertAccessKey(state, accessKeyId);
  if (state.accessKeys.find((k) => k.accessKeyId === accessKeyId)?.status === status) return [];
  return [{ type: 'AccessKeyUpdated', data: { userId: state.userId, accessKeyId, status } }];
}

export function decideDeleteAccessKey(state: UserState, accessKeyId: string): UserEvent[] {
  assertAccessKey(state, accessKeyId);
  return [{ type: 'AccessKeyDeleted', data: { userId: state.userId, accessKeyId } }];
}

/** @throws IamError `LIMIT_EXCEEDED` over 8 devices */
export function decideEnableUserMfa(
  state: UserState,
  device: { deviceId: string; serialNumber: string },
  context: DecideContext,
): UserEvent[] {
  if (state.mfaDevices.length >= context.limits.mfaDevicesPerUser) {
    throw limitExceeded(
      'MFADevicesPerUser',
      context.limits.mfaDevicesPerUser,
      `cannot exceed quota for MFADevicesPerUser: ${context.limits.mfaDevicesPerUser}`,
    );
  }
  return [{ type: 'UserMFADeviceEnabled', data: { userId: state.userId, ...device } }];
}

export function decideDeactivateUserMfa(
  state: UserState,
  device: { deviceId: string; serialNumber: string },
): UserEvent[] {
  if (!state.mfaDevices.some((d) => d.deviceId === device.deviceId)) {
    throw new IamError(
      'NO_SUCH_ENTITY',
      `MFA device \`${device.serialNumber}\` is not enabled for user \`${state.userName}\``,
      {
        details: { entity: 'MFADevice', serialNumber: device.serialNumber },
      },
    );
  }
  return [{ type: 'UserMFADeviceDeactivated', data: { userId: state.userId, ...device } }];
}
