import { z } from 'zod';
import { arn, groupName, path, policyDocument, policyName, userName } from '../shared/schemas.js';

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
export const AddUserToGroupSchema = z.strictObject({
  type: z.literal('AddUserToGroup'),
  groupName,
  userName,
});
export const RemoveUserFromGroupSchema = z.strictObject({
  type: z.literal('RemoveUserFromGroup'),
  groupName,
  userName,
});
export const PutGroupPolicySchema = z.strictObject({
  type: z.literal('PutGroupPolicy'),
  groupName,
  policyName,
  policyDocument,
});
export const DeleteGroupPolicySchema = z.strictObject({
  type: z.literal('DeleteGroupPolicy'),
  groupName,
  policyName,
});
export const AttachGroupPolicySchema = z.strictObject({
  type: z.literal('AttachGroupPolicy'),
  groupName,
  policyArn: arn,
});
export const DetachGroupPolicySchema = z.strictObject({
  type: z.literal('DetachGroupPolicy'),
  groupName,
  policyArn: arn,
});

export type CreateGroup = z.infer<typeof CreateGroupSchema>;
export type UpdateGroup = z.infer<typeof UpdateGroupSchema>;
export type DeleteGroup = z.infer<typeof DeleteGroupSchema>;
export type AddUserToGroup = z.infer<typeof AddUserToGroupSchema>;
export type RemoveUserFromGroup = z.infer<typeof RemoveUserFromGroupSchema>;
export type PutGroupPolicy = z.infer<typeof PutGroupPolicySchema>;
export type DeleteGroupPolicy = z.infer<typeof DeleteGroupPolicySchema>;
export type AttachGroupPolicy = z.infer<typeof AttachGroupPolicySchema>;
export type DetachGroupPolicy = z.infer<typeof DetachGroupPolicySchema>;
