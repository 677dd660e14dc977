import type { CheckedDocument } from '../policyDocuments/checkPolicyDocument.js';
import {
  assertAttached,
  assertInlinePolicy,
  checkAttach,
  checkInlinePolicy,
  holderDeleteConflicts,
  type HolderKind,
} from '../principals/principalPolicies.js';
import { iamArn } from '../shared/arn.js';
import type { DecideContext } from '../shared/context.js';
import type { PolicyRef } from '../shared/events.js';
import { deleteConflict, IamError, limitExceeded, noSuchEntity } from '../shared/iamError.js';
import { assertTags, mergeTags, removeTags } from '../shared/tags.js';
import type { CreateUser, TagUser, UntagUser, UpdateUser } from './commands.js';
import type { UserEvent } from './events.js';
import type { UserState } from './evolve.js';

/** @throws IamError `NO_SUCH_ENTITY` unless the user exists */
export function assertUserExists(state: UserState, userName: string): void {
  if (state.status !== 'active') throw noSuchEntity('user', userName);
}

function holder(state: UserState, context: DecideContext): HolderKind {
  return {
    word: 'user',
    name: state.userName,
    inlineLimit: context.limits.inlineUserSize,
    inlineQuota: 'InlineUserPolicySize',
  };
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
  const conflicts = holderDeleteConflicts(state);
  if (state.loginProfile !== null) conflicts.push('a login profile (password)');
  if (state.accessKeys.length > 0) conflicts.push('access keys');
  if (state.mfaDevices.length > 0) conflicts.push('MFA devices');
  if (state.groupIds.length > 0) conflicts.push('group memberships');
  if (conflicts.length > 0) {
    throw deleteConflict(
      `cannot delete user \`${state.userName}\`: it still has ${conflicts.join(', ')}`,
      {
        conflicts,
      },
    );
  }
  return [
    {
      type: 'UserDeleted',
      data: { userId: state.userId, userName: state.userName, arn: state.arn },
    },
  ];
}

/** Tags and untags. @throws IamError `LIMIT_EXCEEDED` over 50 tags */
export function decideUserTags(command: TagUser | UntagUser, state: UserState): UserEvent[] {
  if (command.type === 'TagUser') {
    assertTags('tags', mergeTags(state.tags, command.tags));
    return [{ type: 'UserTagged', data: { userId: state.userId, tags: command.tags } }];
  }
  if (removeTags(state.tags, command.tagKeys).length === state.tags.length) return [];
  return [{ type: 'UserUntagged', data: { userId: state.userId, tagKeys: command.tagKeys } }];
}

/** Sets the boundary (the previous one, if another, is released by the caller). */
export function decidePutUserPermissionsBoundary(
  state: UserState,
  boundary: PolicyRef,
): UserEvent[] {
  if (state.permissionsBoundary?.policyId === boundary.policyId) return [];
  return [{ type: 'UserPermissionsBoundaryPut', data: { userId: state.userId, ...boundary } }];
}

/** @throws IamError `NO_SUCH_ENTITY` when the user has no boundary */
export function decideDeleteUserPermissionsBoundary(state: UserState): UserEvent[] {
  if (state.permissionsBoundary === null) {
    throw new IamError('NO_SUCH_ENTITY', `user \`${state.userName}\` has no permissions boundary`, {
      details: { entity: 'PermissionsBoundary', user: state.userName },
    });
  }
  return [
    {
      type: 'UserPermissionsBoundaryDeleted',
      data: { userId: state.userId, ...state.permissionsBoundary },
    },
  ];
}

/** @throws IamError `MALFORMED_POLICY_DOCUMENT`, `LIMIT_EXCEEDED` */
export function decidePutUserPolicy(
  state: UserState,
  policyName: string,
  document: string | object,
  context: DecideContext,
): { events: UserEvent[]; document: CheckedDocument } {
  const policy = checkInlinePolicy(state, holder(state, context), policyName, document);
  return {
    events: [
      {
        type: 'UserPolicyPut',
        data: {
          userId: state.userId,
          policyName,
          policyDocument: policy.policyDocument,
          size: policy.size,
        },
      },
    ],
    document: policy.checked,
  };
}

/** @throws IamError `NO_SUCH_ENTITY` */
export function decideDeleteUserPolicy(
  state: UserState,
  policyName: string,
  context: DecideContext,
): UserEvent[] {
  assertInlinePolicy(state, holder(state, context), policyName);
  return [{ type: 'UserPolicyDeleted', data: { userId: state.userId, policyName } }];
}

/** @throws IamError `LIMIT_EXCEEDED` */
export function decideAttachUserPolicy(
  state: UserState,
  policy: PolicyRef,
  context: DecideContext,
): UserEvent[] {
  if (
    !checkAttach(state, holder(state, context), policy, context.limits.managedPoliciesPerPrincipal)
  )
    return [];
  return [{ type: 'UserPolicyAttached', data: { userId: state.userId, ...policy } }];
}

/** @throws IamError `NO_SUCH_ENTITY` when not attached */
export function decideDetachUserPolicy(
  state: UserState,
  policy: PolicyRef,
  context: DecideContext,
): UserEvent[] {
  assertAttached(state, holder(state, context), policy.policyArn, policy.policyId);
  return [{ type: 'UserPolicyDetached', data: { userId: state.userId, ...policy } }];
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
