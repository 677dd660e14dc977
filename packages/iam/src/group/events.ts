import {
  policyHolderKind,
  type HolderEvent,
  type PolicyFact,
} from '../principals/policyHolder/events.js';
import type { DomainEvent } from '../shared/events.js';

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
/**
 * The group as a policy holder: `GroupPolicyPut`, `GroupPolicyDeleted`,
 * `GroupPolicyAttached`, `GroupPolicyDetached`, each with `groupId` (IAM
 * groups have no permissions boundary and no tags).
 */
export type GroupPolicyHolderEvent = HolderEvent<'Group', 'groupId', PolicyFact>;

/** Events of an `iam-group-<id>` stream. */
export type GroupEvent =
  | GroupCreated
  | GroupUpdated
  | GroupDeleted
  | GroupMemberAdded
  | GroupMemberRemoved
  | GroupPolicyHolderEvent;

/** How the group's policy-holder events are named, and its inline quota. */
export const GROUP_POLICY_HOLDER = policyHolderKind(
  'Group',
  'groupId',
  (limits) => limits.inlineGroupSize,
);
