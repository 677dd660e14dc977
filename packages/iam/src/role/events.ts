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
export type RoleTagged = Of<'RoleTagged', { readonly tags: readonly Tag[] }>;
export type RoleUntagged = Of<'RoleUntagged', { readonly tagKeys: readonly string[] }>;
export type RolePermissionsBoundaryPut = Of<'RolePermissionsBoundaryPut', PolicyRef>;
export type RolePermissionsBoundaryDeleted = Of<'RolePermissionsBoundaryDeleted', PolicyRef>;
export type RolePolicyPut = Of<
  'RolePolicyPut',
  { readonly policyName: string; readonly policyDocument: string; readonly size: number }
>;
export type RolePolicyDeleted = Of<'RolePolicyDeleted', { readonly policyName: string }>;
export type RolePolicyAttached = Of<'RolePolicyAttached', PolicyRef>;
export type RolePolicyDetached = Of<'RolePolicyDetached', PolicyRef>;

/** Events of an `iam-role-<id>` stream. */
export type RoleEvent =
  | RoleCreated
  | RoleUpdated
  | AssumeRolePolicyUpdated
  | RoleDeleted
  | RoleTagged
  | RoleUntagged
  | RolePermissionsBoundaryPut
  | RolePermissionsBoundaryDeleted
  | RolePolicyPut
  | RolePolicyDeleted
  | RolePolicyAttached
  | RolePolicyDetached;
