import { z } from 'zod';
import {
  arn,
  description,
  path,
  policyDocument,
  policyName,
  tagCommandSchemas,
  tags,
  versionId,
} from '../shared/schemas.js';

/** Creates a customer managed policy; its document becomes version `v1`, the default. */
export const CreatePolicySchema = z.strictObject({
  type: z.literal('CreatePolicy'),
  policyName,
  path: path.optional(),
  policyDocument,
  description: description.optional(),
  tags: tags.optional(),
});
/** Adds a version (at most five exist at once), optionally making it the default. */
export const CreatePolicyVersionSchema = z.strictObject({
  type: z.literal('CreatePolicyVersion'),
  policyArn: arn,
  policyDocument,
  setAsDefault: z.boolean().optional(),
});
/** A version as the version commands name it. */
const policyVersion = { policyArn: arn, versionId };
/** Makes an existing version the one in effect. */
export const SetDefaultPolicyVersionSchema = z.strictObject({
  type: z.literal('SetDefaultPolicyVersion'),
  ...policyVersion,
});
/** Deletes a version that is not the default. */
export const DeletePolicyVersionSchema = z.strictObject({
  type: z.literal('DeletePolicyVersion'),
  ...policyVersion,
});
/** Deletes a policy that is attached nowhere, used as no boundary, and has only its default version. */
export const DeletePolicySchema = z.strictObject({
  type: z.literal('DeletePolicy'),
  policyArn: arn,
});
/** Tags and untags a policy, as users and roles are. */
export const { tag: TagPolicySchema, untag: UntagPolicySchema } = tagCommandSchemas('Policy', {
  policyArn: arn,
});

export type CreatePolicy = z.infer<typeof CreatePolicySchema>;
export type CreatePolicyVersion = z.infer<typeof CreatePolicyVersionSchema>;
export type SetDefaultPolicyVersion = z.infer<typeof SetDefaultPolicyVersionSchema>;
export type DeletePolicyVersion = z.infer<typeof DeletePolicyVersionSchema>;
export type DeletePolicy = z.infer<typeof DeletePolicySchema>;
export type TagPolicy = z.infer<typeof TagPolicySchema>;
export type UntagPolicy = z.infer<typeof UntagPolicySchema>;

/** Commands of the managed-policy aggregate that touch only the policy. */
export type ManagedPolicyCommand =
  | CreatePolicyVersion
  | SetDefaultPolicyVersion
  | DeletePolicyVersion
  | DeletePolicy
  | TagPolicy
  | UntagPolicy;
