import { z } from 'zod';
import { principalHolderCommandSchemas } from '../principals/policyHolder/commands.js';
import { arn, description, path, policyDocument, roleName, tags } from '../shared/schemas.js';

const maxSessionDuration = z.number().int().min(3600).max(43_200);

/** Creates a role with its trust policy (who may assume it). */
export const CreateRoleSchema = z.strictObject({
  type: z.literal('CreateRole'),
  roleName,
  path: path.optional(),
  assumeRolePolicyDocument: policyDocument,
  description: description.optional(),
  /** Seconds, 3,600-43,200 (default 3,600). */
  maxSessionDuration: maxSessionDuration.optional(),
  permissionsBoundary: arn.optional(),
  tags: tags.optional(),
});
/** Changes a role's description and/or maximum session duration. */
export const UpdateRoleSchema = z.strictObject({
  type: z.literal('UpdateRole'),
  roleName,
  description: description.optional(),
  maxSessionDuration: maxSessionDuration.optional(),
});
/** Replaces the trust policy. */
export const UpdateAssumeRolePolicySchema = z.strictObject({
  type: z.literal('UpdateAssumeRolePolicy'),
  roleName,
  policyDocument,
});
/** Deletes a role without policies (its sessions lose every permission at once). */
export const DeleteRoleSchema = z.strictObject({ type: z.literal('DeleteRole'), roleName });
/** The role's policy, boundary and tag commands: shaped as the user's, named by `roleName`. */
export const {
  put: PutRolePolicySchema,
  delete: DeleteRolePolicySchema,
  attach: AttachRolePolicySchema,
  detach: DetachRolePolicySchema,
  putBoundary: PutRolePermissionsBoundarySchema,
  deleteBoundary: DeleteRolePermissionsBoundarySchema,
  tag: TagRoleSchema,
  untag: UntagRoleSchema,
} = principalHolderCommandSchemas('Role', { roleName });

export type CreateRole = z.infer<typeof CreateRoleSchema>;
export type UpdateRole = z.infer<typeof UpdateRoleSchema>;
export type UpdateAssumeRolePolicy = z.infer<typeof UpdateAssumeRolePolicySchema>;
export type DeleteRole = z.infer<typeof DeleteRoleSchema>;
