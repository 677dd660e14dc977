import { z } from 'zod';
import {
  accessKeyId,
  arn,
  password,
  path,
  policyDocument,
  policyName,
  tagKeys,
  tags,
  userName,
} from '../shared/schemas.js';

/** Creates a user: a name, an optional path and tags; no credentials and no permissions. */
export const CreateUserSchema = z.strictObject({
  type: z.literal('CreateUser'),
  userName,
  path: path.optional(),
  permissionsBoundary: arn.optional(),
  tags: tags.optional(),
});
/** Renames a user or moves it to another path (memberships, policies and credentials stay). */
export const UpdateUserSchema = z.strictObject({
  type: z.literal('UpdateUser'),
  userName,
  newUserName: userName.optional(),
  newPath: path.optional(),
});
/** Deletes a user that has no credentials, memberships or policies left (as IAM). */
export const DeleteUserSchema = z.strictObject({ type: z.literal('DeleteUser'), userName });
export const TagUserSchema = z.strictObject({ type: z.literal('TagUser'), userName, tags });
export const UntagUserSchema = z.strictObject({ type: z.literal('UntagUser'), userName, tagKeys });
/** Sets the managed policy that caps the user's permissions. */
export const PutUserPermissionsBoundarySchema = z.strictObject({
  type: z.literal('PutUserPermissionsBoundary'),
  userName,
  permissionsBoundary: arn,
});
export const DeleteUserPermissionsBoundarySchema = z.strictObject({
  type: z.literal('DeleteUserPermissionsBoundary'),
  userName,
});
/** Adds or replaces an inline policy of the user. */
export const PutUserPolicySchema = z.strictObject({
  type: z.literal('PutUserPolicy'),
  userName,
  policyName,
  policyDocument,
});
export const DeleteUserPolicySchema = z.strictObject({
  type: z.literal('DeleteUserPolicy'),
  userName,
  policyName,
});
export const AttachUserPolicySchema = z.strictObject({
  type: z.literal('AttachUserPolicy'),
  userName,
  policyArn: arn,
});
export const DetachUserPolicySchema = z.strictObject({
  type: z.literal('DetachUserPolicy'),
  userName,
  policyArn: arn,
});
/** Gives the user a password (sign-in). */
export const CreateLoginProfileSchema = z.strictObject({
  type: z.literal('CreateLoginProfile'),
  userName,
  password,
  passwordResetRequired: z.boolean().optional(),
});
/** An administrator resets the password or the reset flag. */
export const UpdateLoginProfileSchema = z.strictObject({
  type: z.literal('UpdateLoginProfile'),
  userName,
  password: password.optional(),
  passwordResetRequired: z.boolean().optional(),
});
export const DeleteLoginProfileSchema = z.strictObject({
  type: z.literal('DeleteLoginProfile'),
  userName,
});
/** The caller changes its own password (a user, or the root user). */
export const ChangePasswordSchema = z.strictObject({
  type: z.literal('ChangePassword'),
  oldPassword: password,
  newPassword: password,
});
/** A new access key (id + secret, the secret shown once); `userName` defaults to the caller. */
export const CreateAccessKeySchema = z.strictObject({
  type: z.literal('CreateAccessKey'),
  userName: userName.optional(),
});
export const UpdateAccessKeySchema = z.strictObject({
  type: z.literal('UpdateAccessKey'),
  userName: userName.optional(),
  accessKeyId,
  status: z.enum(['Active', 'Inactive']),
});
export const DeleteAccessKeySchema = z.strictObject({
  type: z.literal('DeleteAccessKey'),
  userName: userName.optional(),
  accessKeyId,
});

export type CreateUser = z.infer<typeof CreateUserSchema>;
export type UpdateUser = z.infer<typeof UpdateUserSchema>;
export type DeleteUser = z.infer<typeof DeleteUserSchema>;
export type TagUser = z.infer<typeof TagUserSchema>;
export type UntagUser = z.infer<typeof UntagUserSchema>;
export type PutUserPermissionsBoundary = z.infer<typeof PutUserPermissionsBoundarySchema>;
export type DeleteUserPermissionsBoundary = z.infer<typeof DeleteUserPermissionsBoundarySchema>;
export type PutUserPolicy = z.infer<typeof PutUserPolicySchema>;
export type DeleteUserPolicy = z.infer<typeof DeleteUserPolicySchema>;
export type AttachUserPolicy = z.infer<typeof AttachUserPolicySchema>;
export type DetachUserPolicy = z.infer<typeof DetachUserPolicySchema>;
export type CreateLoginProfile = z.infer<typeof CreateLoginProfileSchema>;
export type UpdateLoginProfile = z.infer<typeof UpdateLoginProfileSchema>;
export type DeleteLoginProfile = z.infer<typeof DeleteLoginProfileSchema>;
export type ChangePassword = z.infer<typeof ChangePasswordSchema>;
export type CreateAccessKey = z.infer<typeof CreateAccessKeySchema>;
export type UpdateAccessKey = z.infer<typeof UpdateAccessKeySchema>;
export type DeleteAccessKey = z.infer<typeof DeleteAccessKeySchema>;
