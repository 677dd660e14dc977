import { z } from 'zod';
import { email } from '../shared/schemas.js';

/** The support plans of the account (AWS's names). */
export const SUPPORT_PLANS = ['Basic', 'Developer', 'Business', 'Enterprise'] as const;
/** A support plan. */
export type SupportPlan = (typeof SUPPORT_PLANS)[number];

/** Changes the root user's email address. Root only. */
export const UpdateRootEmailSchema = z.strictObject({
  type: z.literal('UpdateRootEmail'),
  rootEmail: email,
});
/** Changes the support plan. Root only. */
export const UpdateSupportPlanSchema = z.strictObject({
  type: z.literal('UpdateSupportPlan'),
  supportPlan: z.enum(SUPPORT_PLANS),
});
/**
 * Sets the account password policy. As in IAM, a parameter left out takes its
 * default value, not its current one.
 */
export const UpdateAccountPasswordPolicySchema = z.strictObject({
  type: z.literal('UpdateAccountPasswordPolicy'),
  minimumPasswordLength: z.number().int().min(6).max(128).optional(),
  requireSymbols: z.boolean().optional(),
  requireNumbers: z.boolean().optional(),
  requireUppercaseCharacters: z.boolean().optional(),
  requireLowercaseCharacters: z.boolean().optional(),
  allowUsersToChangePassword: z.boolean().optional(),
  maxPasswordAge: z.number().int().min(1).max(1095).optional(),
  passwordReusePrevention: z.number().int().min(1).max(24).optional(),
  hardExpiry: z.boolean().optional(),
});
/** Removes the account password policy (IAM's default rules apply again). */
export const DeleteAccountPasswordPolicySchema = z.strictObject({
  type: z.literal('DeleteAccountPasswordPolicy'),
});

export type UpdateRootEmail = z.infer<typeof UpdateRootEmailSchema>;
export type UpdateSupportPlan = z.infer<typeof UpdateSupportPlanSchema>;
export type UpdateAccountPasswordPolicy = z.infer<typeof UpdateAccountPasswordPolicySchema>;
export type DeleteAccountPasswordPolicy = z.infer<typeof DeleteAccountPasswordPolicySchema>;

/** Commands of the account aggregate. */
export type AccountCommand =
  UpdateRootEmail | UpdateSupportPlan | UpdateAccountPasswordPolicy | DeleteAccountPasswordPolicy;
