import { z } from 'zod';
import { policyHolderCommandSchemas } from '../principals/policyHolder/commands.js';
import { groupName, path, userName } from '../shared/schemas.js';

/** Creates a group (IAM groups have no tags). */
export const CreateGroupSchema = z.strictObject({
  type: z.literal('CreateGroup'),
  groupName,
  path: path.optional(),
});
/** Renames a group or moves it to another path. */
export const UpdateGroupSchema = z.strictObject({
  type: z.literal('UpdateGroup'),
  groupName,
  newGroupName: groupName.optional(),
  newPath: path.optional(),
});
/** Deletes a group without members or policies. */
export const DeleteGroupSchema = z.strictObject({ type: z.literal('DeleteGroup'), groupName });
/** A membership as the membership commands name it. */
const membership = { groupName, userName };
export const AddUserToGroupSchema = z.strictObject({
  type: z.literal('AddUserToGroup'),
  ...membership,
});
export const RemoveUserFromGroupSchema = z.strictObject({
  type: z.literal('RemoveUserFromGroup'),
  ...membership,
});
/** The group's policy commands: shaped as the user's and the role's, named by `groupName`. */
export const {
  put: PutGroupPolicySchema,
  delete: DeleteGroupPolicySchema,
  attach: AttachGroupPolicySchema,
  detach: DetachGroupPolicySchema,
} = policyHolderCommandSchemas('Group', { groupName });

export type CreateGroup = z.infer<typeof CreateGroupSchema>;
export type UpdateGroup = z.infer<typeof UpdateGroupSchema>;
export type DeleteGroup = z.infer<typeof DeleteGroupSchema>;
export type AddUserToGroup = z.infer<typeof AddUserToGroupSchema>;
export type RemoveUserFromGroup = z.infer<typeof RemoveUserFromGroupSchema>;
