import { z } from 'zod';
import { principalHolderCommandSchemas } from '../principals/policyHolder/commands.js';
import { accessKeyId, arn, password, path, tags, userName } from '../shared/schemas.js';

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
/** The user's policy, boundary and tag commands: shaped as the role's, named by `userName`. */
export const {
  put: PutUserPolicySchema,
  delete: DeleteUserPolicySchema,
  attach: AttachUserPolicySchema,
  detach: DetachUserPolicySchema,
  putBoundary: PutUserPermissionsBoundarySchema,
  deleteBoundary: DeleteUserPermissionsBoundarySchema,
  tag: TagUserSchema,
  untag: UntagUserSchema,
} = principalHolderCommandSchemas('User', { userName });
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
export type CreateLoginProfile = z.infer<typeof CreateLoginProfileSchema>;
export type UpdateLoginProfile = z.infer<typeof UpdateLoginProfileSchema>;
export type DeleteLoginProfile = z.infer<typeof DeleteLoginProfileSchema>;
export type ChangePassword = z.infer<typeof ChangePasswordSchema>;
export type CreateAccessKey = z.infer<typeof CreateAccessKeySchema>;
export type UpdateAccessKey = z.infer<typeof UpdateAccessKeySchema>;
export type DeleteAccessKey = z.infer<typeof DeleteAccessKeySchema>;
