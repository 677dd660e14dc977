import {
  policyHolderKind,
  type HolderEvent,
  type HolderFact,
} from '../principals/policyHolder/events.js';
import type { DomainEvent, PolicyRef } from '../shared/events.js';
import type { Tag } from '../shared/tags.js';

type Of<T extends string, D extends object> = DomainEvent<T, { readonly userId: string } & D>;

export type UserCreated = Of<
  'UserCreated',
  {
    readonly userName: string;
    readonly path: string;
    readonly arn: string;
    readonly tags: readonly Tag[];
    readonly permissionsBoundary: PolicyRef | null;
  }
>;
export type UserUpdated = Of<
  'UserUpdated',
  {
    readonly userName: string;
    readonly path: string;
    readonly arn: string;
    readonly previousUserName: string;
    readonly previousPath: string;
  }
>;
export type UserDeleted = Of<'UserDeleted', { readonly userName: string; readonly arn: string }>;
/**
 * The user as a policy holder: `UserPolicyPut`, `UserPolicyDeleted`,
 * `UserPolicyAttached`, `UserPolicyDetached`, `UserPermissionsBoundaryPut`,
 * `UserPermissionsBoundaryDeleted`, `UserTagged`, `UserUntagged`, each with `userId`.
 */
export type UserPolicyHolderEvent = HolderEvent<'User', 'userId', HolderFact>;
export type UserAddedToGroup = Of<'UserAddedToGroup', { readonly groupId: string }>;
export type UserRemovedFromGroup = Of<'UserRemovedFromGroup', { readonly groupId: string }>;
/** The argon2id hash of the password is the secret `secretId`. */
export type LoginProfileCreated = Of<
  'LoginProfileCreated',
  { readonly secretId: string; readonly passwordResetRequired: boolean }
>;
/** An administrator changed the password (`secretId` set) and/or the reset flag. */
export type LoginProfileUpdated = Of<
  'LoginProfileUpdated',
  { readonly secretId: string | null; readonly passwordResetRequired: boolean }
>;
export type LoginProfileDeleted = DomainEvent<'LoginProfileDeleted', { readonly userId: string }>;
/** The user changed its own password. */
export type UserPasswordChanged = Of<'UserPasswordChanged', { readonly secretId: string }>;
/** The SHA-256 of the secret access key is the secret `secretId`. */
export type AccessKeyCreated = Of<
  'AccessKeyCreated',
  { readonly accessKeyId: string; readonly secretId: string }
>;
export type AccessKeyUpdated = Of<
  'AccessKeyUpdated',
  { readonly accessKeyId: string; readonly status: 'Active' | 'Inactive' }
>;
export type AccessKeyDeleted = Of<'AccessKeyDeleted', { readonly accessKeyId: string }>;
export type UserMFADeviceEnabled = Of<
  'UserMFADeviceEnabled',
  { readonly deviceId: string; readonly serialNumber: string }
>;
export type UserMFADeviceDeactivated = Of<
  'UserMFADeviceDeactivated',
  { readonly deviceId: string; readonly serialNumber: string }
>;

/** Events of an `iam-user-<id>` stream. */
export type UserEvent =
  | UserCreated
  | UserUpdated
  | UserDeleted
  | UserPolicyHolderEvent
  | UserAddedToGroup
  | UserRemovedFromGroup
  | LoginProfileCreated
  | LoginProfileUpdated
  | LoginProfileDeleted
  | UserPasswordChanged
  | AccessKeyCreated
  | AccessKeyUpdated
  | AccessKeyDeleted
  | UserMFADeviceEnabled
  | UserMFADeviceDeactivated;

/** How the user's policy-holder events are named, and its inline quota. */
export const USER_POLICY_HOLDER = policyHolderKind(
  'User',
  'userId',
  (limits) => limits.inlineUserSize,
);
