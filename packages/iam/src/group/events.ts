import type { DomainEvent, PolicyRef } from '../shared/events.js';

type Of<T extends string, D extends object> = DomainEvent<T, { readonly groupId: string } & D>;

export type GroupCreated = Of<
  'GroupCreated',
  { readonly groupName: string; readonly path: string; readonly arn: string }
>;
export type GroupUpdated = Of<
  'GroupUpdated',
  {
    readonly groupName: string;
    readonly path: string;
    readonly arn: string;
    readonly previousGroupName: string;
    readonly previousPath: string;
  }
>;
export type GroupDeleted = Of<'GroupDeleted', { readonly groupName: string; readonly arn: string }>;
export type GroupMemberAdded = Of<'GroupMemberAdded', { readonly userId: string }>;
export type GroupMemberRemoved = Of<'GroupMemberRemoved', { readonly userId: string }>;
export type GroupPolicyPut = Of<
  'GroupPolicyPut',
  { readonly policyName: string; readonly policyDocument: string; readonly size: number }
>;
export type GroupPolicyDeleted = Of<'GroupPolicyDeleted', { readonly policyName: string }>;
export type GroupPolicyAttached = Of<'GroupPolicyAttached', PolicyRef>;
export type GroupPolicyDetached = Of<'GroupPolicyDetached', PolicyRef>;

/** Events of an `iam-group-<id>` stream. */
export type GroupEvent =
  | GroupCreated
  | GroupUpdated
  | GroupDeleted
  | GroupMemberAdded
  | GroupMemberRemoved
  | GroupPolicyPut
  | GroupPolicyDeleted
  | GroupPolicyAttached
  | GroupPolicyDetached;
