import {
  policyHolderKind,
  type HolderEvent,
  type HolderFact,
} from '../principals/policyHolder/events.js';
import type { DomainEvent, PolicyRef } from '../shared/events.js';
import type { Tag } from '../shared/tags.js';

type Of<T extends string, D extends object> = DomainEvent<T, { readonly roleId: string } & D>;

export type RoleCreated = Of<
  'RoleCreated',
  {
    readonly roleName: string;
    readonly path: string;
    readonly arn: string;
    readonly assumeRolePolicyDocument: string;
    readonly description: string | null;
    readonly maxSessionDuration: number;
    readonly tags: readonly Tag[];
    readonly permissionsBoundary: PolicyRef | null;
  }
>;
export type RoleUpdated = Of<
  'RoleUpdated',
  { readonly description: string | null; readonly maxSessionDuration: number }
>;
export type AssumeRolePolicyUpdated = Of<
  'AssumeRolePolicyUpdated',
  { readonly assumeRolePolicyDocument: string }
>;
export type RoleDeleted = Of<'RoleDeleted', { readonly roleName: string; readonly arn: string }>;
/**
 * The role as a policy holder: `RolePolicyPut`, `RolePolicyDeleted`,
 * `RolePolicyAttached`, `RolePolicyDetached`, `RolePermissionsBoundaryPut`,
 * `RolePermissionsBoundaryDeleted`, `RoleTagged`, `RoleUntagged`, each with `roleId`.
 */
export type RolePolicyHolderEvent = HolderEvent<'Role', 'roleId', HolderFact>;

/** Events of an `iam-role-<id>` stream. */
export type RoleEvent =
  RoleCreated | RoleUpdated | AssumeRolePolicyUpdated | RoleDeleted | RolePolicyHolderEvent;

/** How the role's policy-holder events are named, and its inline quota. */
export const ROLE_POLICY_HOLDER = policyHolderKind(
  'Role',
  'roleId',
  (limits) => limits.inlineRoleSize,
);
