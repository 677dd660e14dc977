import { z } from 'zod';
import {
  arn,
  description,
  path,
  policyDocument,
  policyName,
  roleName,
  tagKeys,
  tags,
} from '../shared/schemas.js';

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
export const TagRoleSchema = z.strictObject({ type: z.literal('TagRole'), roleName, tags });
export const UntagRoleSchema = z.strictObject({ type: z.literal('UntagRole'), roleName, tagKeys });
export const PutRolePermissionsBoundarySchema = z.strictObject({
  type: z.literal('PutRolePermissionsBoundary'),
  roleName,
  permissionsBoundary: arn,
});
export const DeleteRolePermissionsBoundarySchema = z.strictObject({
  type: z.literal('DeleteRolePermissionsBoundary'),
  roleName,
});
export const PutRolePolicySchema = z.strictObject({
  type: z.literal('PutRolePolicy'),
  roleName,
  policyName,
  policyDocument,
});
export const DeleteRolePolicySchema = z.strictObject({
  type: z.literal('DeleteRolePolicy'),
  roleName,
  policyName,
});
export const AttachRolePolicySchema = z.strictObject({
  type: z.literal('AttachRolePolicy'),
  roleName,
  policyArn: arn,
});
export const DetachRolePolicySchema = z.strictObject({
  type: z.literal('DetachRolePolicy'),
  roleName,
  policyArn: arn,
});

export type CreateRole = z.infer<typeof CreateRoleSchema>;
export type UpdateRole = z.infer<typeof UpdateRoleSchema>;
export type UpdateAssumeRolePolicy = z.infer<typeof UpdateAssumeRolePolicySchema>;
export type DeleteRole = z.infer<typeof DeleteRoleSchema>;
export type TagRole = z.infer<typeof TagRoleSchema>;
export type UntagRole = z.infer<typeof UntagRoleSchema>;
export type PutRolePermissionsBoundary = z.infer<typeof PutRolePermissionsBoundarySchema>;
export type DeleteRolePermissionsBoundary = z.infer<typeof DeleteRolePermissionsBoundarySchema>;
export type PutRolePolicy = z.infer<typeof PutRolePolicySchema>;
export type DeleteRolePolicy = z.infer<typeof DeleteRolePolicySchema>;
export type AttachRolePolicy = z.infer<typeof AttachRolePolicySchema>;
export type DetachRolePolicy = z.infer<typeof DetachRolePolicySchema>;
