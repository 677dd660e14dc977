import { type z } from 'zod';
import * as account from '../account/commands.js';
import * as group from '../group/commands.js';
import * as policy from '../managedPolicy/commands.js';
import * as mfa from '../mfaDevice/commands.js';
import * as role from '../role/commands.js';
import * as session from '../session/commands.js';
import { IamError } from '../shared/iamError.js';
import * as user from '../user/commands.js';
import type { CommandType } from './results.js';

/** The schema of every command, by name: IAM's constraints on each parameter. */
export const COMMAND_SCHEMAS = {
  UpdateRootEmail: account.UpdateRootEmailSchema,
  UpdateSupportPlan: account.UpdateSupportPlanSchema,
  UpdateAccountPasswordPolicy: account.UpdateAccountPasswordPolicySchema,
  DeleteAccountPasswordPolicy: account.DeleteAccountPasswordPolicySchema,
  CreateUser: user.CreateUserSchema,
  UpdateUser: user.UpdateUserSchema,
  DeleteUser: user.DeleteUserSchema,
  TagUser: user.TagUserSchema,
  UntagUser: user.UntagUserSchema,
  PutUserPermissionsBoundary: user.PutUserPermissionsBoundarySchema,
  DeleteUserPermissionsBoundary: user.DeleteUserPermissionsBoundarySchema,
  PutUserPolicy: user.PutUserPolicySchema,
  DeleteUserPolicy: user.DeleteUserPolicySchema,
  AttachUserPolicy: user.AttachUserPolicySchema,
  DetachUserPolicy: user.DetachUserPolicySchema,
  CreateLoginProfile: user.CreateLoginProfileSchema,
  UpdateLoginProfile: user.UpdateLoginProfileSchema,
  DeleteLoginProfile: user.DeleteLoginProfileSchema,
  ChangePassword: user.ChangePasswordSchema,
  CreateAccessKey: user.CreateAccessKeySchema,
  UpdateAccessKey: user.UpdateAccessKeySchema,
  DeleteAccessKey: user.DeleteAccessKeySchema,
  CreateGroup: group.CreateGroupSchema,
  UpdateGroup: group.UpdateGroupSchema,
  DeleteGroup: group.DeleteGroupSchema,
  AddUserToGroup: group.AddUserToGroupSchema,
  RemoveUserFromGroup: group.RemoveUserFromGroupSchema,
  PutGroupPolicy: group.PutGroupPolicySchema,
  DeleteGroupPolicy: group.DeleteGroupPolicySchema,
  AttachGroupPolicy: group.AttachGroupPolicySchema,
  DetachGroupPolicy: group.DetachGroupPolicySchema,
  CreateRole: role.CreateRoleSchema,
  UpdateRole: role.UpdateRoleSchema,
  UpdateAssumeRolePolicy: role.UpdateAssumeRolePolicySchema,
  DeleteRole: role.DeleteRoleSchema,
  TagRole: role.TagRoleSchema,
  UntagRole: role.UntagRoleSchema,
  PutRolePermissionsBoundary: role.PutRolePermissionsBoundarySchema,
  DeleteRolePermissionsBoundary: role.DeleteRolePermissionsBoundarySchema,
  PutRolePolicy: role.PutRolePolicySchema,
  DeleteRolePolicy: role.DeleteRolePolicySchema,
  AttachRolePolicy: role.AttachRolePolicySchema,
  DetachRolePolicy: role.DetachRolePolicySchema,
  CreatePolicy: policy.CreatePolicySchema,
  CreatePolicyVersion: policy.CreatePolicyVersionSchema,
  SetDefaultPolicyVersion: policy.SetDefaultPolicyVersionSchema,
  DeletePolicyVersion: policy.DeletePolicyVersionSchema,
  DeletePolicy: policy.DeletePolicySchema,
  TagPolicy: policy.TagPolicySchema,
  UntagPolicy: policy.UntagPolicySchema,
  CreateVirtualMFADevice: mfa.CreateVirtualMFADeviceSchema,
  EnableMFADevice: mfa.EnableMFADeviceSchema,
  DeactivateMFADevice: mfa.DeactivateMFADeviceSchema,
  DeleteVirtualMFADevice: mfa.DeleteVirtualMFADeviceSchema,
  SignIn: session.SignInSchema,
  GetSessionToken: session.GetSessionTokenSchema,
  AssumeRole: session.AssumeRoleSchema,
  RevokeSession: session.RevokeSessionSchema,
  SignOut: session.SignOutSchema,
} as const satisfies Record<CommandType, z.ZodType>;

/** A command by name. */
export type CommandOf<T extends CommandType> = z.infer<(typeof COMMAND_SCHEMAS)[T]>;

/** Every command of the IAM domain: a tagged union on `type`. */
export type IamCommand = { [T in CommandType]: CommandOf<T> }[CommandType];

/** Every command name. */
export const COMMAND_TYPES = Object.keys(COMMAND_SCHEMAS) as CommandType[];

function isCommandType(value: unknown): value is CommandType {
  return typeof value === 'string' && Object.hasOwn(COMMAND_SCHEMAS, value);
}

/**
 * Checks an untrusted command against its schema: every field bounded and
 * shaped as IAM requires, nothing extra.
 * @throws IamError `INVALID_INPUT` with `details.issues` ([{ path, message }])
 */
export function parseCommand(input: unknown): IamCommand {
  const type =
    typeof input === 'object' && input !== null ? (input as { type?: unknown }).type : undefined;
  if (!isCommandType(type)) {
    throw new IamError('INVALID_INPUT', `unknown command \`${String(type).slice(0, 64)}\``, {
      details: { issues: [{ path: 'type', message: 'unknown command' }] },
    });
  }
  const result = COMMAND_SCHEMAS[type].safeParse(input);
  if (!result.success) {
    const issues = result.error.issues.slice(0, 20).map((issue) => ({
      path: issue.path.map(String).join('.'),
      message: issue.message,
    }));
    const first = issues[0];
    throw new IamError(
      'INVALID_INPUT',
      `invalid ${type}: ${first === undefined ? 'malformed' : `\`${first.path}\` ${first.message}`}`,
      { details: { issues } },
    );
  }
  return result.data;
}
