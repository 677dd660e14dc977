import type { Finding } from '@gatehouse/policy';
import type { GroupState } from '../group/evolve.js';
import type { ManagedPolicyState } from '../managedPolicy/evolve.js';
import type { RoleState } from '../role/evolve.js';
import type { Principal } from '../shared/principal.js';
import type { Tag } from '../shared/tags.js';
import type { UserState } from '../user/evolve.js';

/** A permissions boundary as IAM reports it. */
export interface PermissionsBoundaryInfo {
  readonly permissionsBoundaryType: 'PermissionsBoundaryPolicy';
  readonly permissionsBoundaryArn: string;
}

/** IAM's `User`. */
export interface UserSummary {
  readonly userName: string;
  readonly userId: string;
  readonly arn: string;
  readonly path: string;
  readonly createDate: string;
  readonly tags: readonly Tag[];
  readonly permissionsBoundary: PermissionsBoundaryInfo | null;
}

/** IAM's `Group`. */
export interface GroupSummary {
  readonly groupName: string;
  readonly groupId: string;
  readonly arn: string;
  readonly path: string;
  readonly createDate: string;
}

/** IAM's `Role`. */
export interface RoleSummary {
  readonly roleName: string;
  readonly roleId: string;
  readonly arn: string;
  readonly path: string;
  readonly createDate: string;
  readonly assumeRolePolicyDocument: string;
  readonly description: string | null;
  readonly maxSessionDuration: number;
  readonly tags: readonly Tag[];
  readonly permissionsBoundary: PermissionsBoundaryInfo | null;
}

/** IAM's `Policy`. */
export interface PolicySummary {
  readonly policyName: string;
  readonly policyId: string;
  readonly arn: string;
  readonly path: string;
  readonly defaultVersionId: string;
  readonly attachmentCount: number;
  readonly permissionsBoundaryUsageCount: number;
  readonly isAttachable: true;
  readonly description: string | null;
  readonly createDate: string;
  readonly updateDate: string;
  readonly tags: readonly Tag[];
}

/** IAM's `PolicyVersion`. */
export interface PolicyVersionSummary {
  readonly versionId: string;
  readonly isDefaultVersion: boolean;
  readonly createDate: string;
  readonly document: string;
}

/** A new access key: the only time the secret is ever returned. */
export interface AccessKeyWithSecret {
  readonly userName: string;
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly status: 'Active' | 'Inactive';
  readonly createDate: string;
}

/** A new virtual MFA device: the only time the seed is ever returned. */
export interface VirtualMfaDeviceWithSeed {
  readonly serialNumber: string;
  readonly base32StringSeed: string;
  /** `otpauth://totp/...` for a QR code. */
  readonly qrCodeUri: string;
}

/** Temporary credentials (GetSessionToken, AssumeRole). The secret and token are shown once. */
export interface TemporaryCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken: string;
  readonly expiration: string;
}

/** Findings of a validated policy document that did not reject it (warnings, suggestions). */
export interface WithFindings {
  readonly findings: readonly Finding[];
}

/** Nothing to report beyond success. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- a result with no fields
export interface Empty {}

/** What each command returns (besides the `checkpoint` every result carries). */
export interface CommandResults {
  UpdateRootEmail: Empty;
  UpdateSupportPlan: Empty;
  UpdateAccountPasswordPolicy: Empty;
  DeleteAccountPasswordPolicy: Empty;
  CreateUser: { readonly user: UserSummary };
  UpdateUser: Empty;
  DeleteUser: Empty;
  TagUser: Empty;
  UntagUser: Empty;
  PutUserPermissionsBoundary: Empty;
  DeleteUserPermissionsBoundary: Empty;
  PutUserPolicy: WithFindings;
  DeleteUserPolicy: Empty;
  AttachUserPolicy: Empty;
  DetachUserPolicy: Empty;
  CreateLoginProfile: {
    readonly loginProfile: {
      readonly userName: string;
      readonly createDate: string;
      readonly passwordResetRequired: boolean;
    };
  };
  UpdateLoginProfile: Empty;
  DeleteLoginProfile: Empty;
  ChangePassword: Empty;
  CreateAccessKey: { readonly accessKey: AccessKeyWithSecret };
  UpdateAccessKey: Empty;
  DeleteAccessKey: Empty;
  CreateGroup: { readonly group: GroupSummary };
  UpdateGroup: Empty;
  DeleteGroup: Empty;
  AddUserToGroup: Empty;
  RemoveUserFromGroup: Empty;
  PutGroupPolicy: WithFindings;
  DeleteGroupPolicy: Empty;
  AttachGroupPolicy: Empty;
  DetachGroupPolicy: Empty;
  CreateRole: { readonly role: RoleSummary } & WithFindings;
  UpdateRole: Empty;
  UpdateAssumeRolePolicy: WithFindings;
  DeleteRole: Empty;
  TagRole: Empty;
  UntagRole: Empty;
  PutRolePermissionsBoundary: Empty;
  DeleteRolePermissionsBoundary: Empty;
  PutRolePolicy: WithFindings;
  DeleteRolePolicy: Empty;
  AttachRolePolicy: Empty;
  DetachRolePolicy: Empty;
  CreatePolicy: { readonly policy: PolicySummary } & WithFindings;
  CreatePolicyVersion: { readonly policyVersion: PolicyVersionSummary } & WithFindings;
  SetDefaultPolicyVersion: Empty;
  DeletePolicyVersion: Empty;
  DeletePolicy: Empty;
  TagPolicy: Empty;
  UntagPolicy: Empty;
  CreateVirtualMFADevice: { readonly virtualMFADevice: VirtualMfaDeviceWithSeed };
  EnableMFADevice: Empty;
  DeactivateMFADevice: Empty;
  DeleteVirtualMFADevice: Empty;
  SignIn: {
    readonly sessionId: string;
    /** The bearer token (shown once). */
    readonly sessionToken: string;
    readonly expiration: string;
    readonly principal: Principal;
    /** True for every root sign-in (also recorded on the SessionStarted event). */
    readonly rootSignIn: boolean;
    readonly passwordResetRequired: boolean;
    readonly warnings: readonly string[];
  };
  GetSessionToken: {
    readonly credentials: TemporaryCredentials;
    readonly warnings: readonly string[];
  };
  AssumeRole: {
    readonly credentials: TemporaryCredentials;
    readonly assumedRoleUser: { readonly assumedRoleId: string; readonly arn: string };
    readonly sourceIdentity: string | null;
    readonly findings: readonly Finding[];
  };
  RevokeSession: Empty;
  SignOut: Empty;
}

/** The names of all commands. */
export type CommandType = keyof CommandResults;

/** A command's result plus where its events sit in the log (read-your-writes across processes). */
export type CommandOutcome<T extends CommandType> = CommandResults[T] & {
  /** `transactionId:globalPosition` of the last event written, or null when nothing changed. */
  readonly checkpoint: string | null;
};

function boundaryInfo(ref: { policyArn: string } | null): PermissionsBoundaryInfo | null {
  return ref === null
    ? null
    : {
        permissionsBoundaryType: 'PermissionsBoundaryPolicy',
        permissionsBoundaryArn: ref.policyArn,
      };
}

export function userSummary(state: UserState): UserSummary {
  return {
    userName: state.userName,
    userId: state.userId,
    arn: state.arn,
    path: state.path,
    createDate: state.createdAt,
    tags: state.tags,
    permissionsBoundary: boundaryInfo(state.permissionsBoundary),
  };
}

export function groupSummary(state: GroupState): GroupSummary {
  return {
    groupName: state.groupName,
    groupId: state.groupId,
    arn: state.arn,
    path: state.path,
    createDate: state.createdAt,
  };
}

export function roleSummary(state: RoleState): RoleSummary {
  return {
    roleName: state.roleName,
    roleId: state.roleId,
    arn: state.arn,
    path: state.path,
    createDate: state.createdAt,
    assumeRolePolicyDocument: state.assumeRolePolicyDocument,
    description: state.description,
    maxSessionDuration: state.maxSessionDuration,
    tags: state.tags,
    permissionsBoundary: boundaryInfo(state.permissionsBoundary),
  };
}

export function policySummary(state: ManagedPolicyState): PolicySummary {
  const attachments = state.usedBy.filter((u) => u.usage === 'PermissionsPolicy').length;
  return {
    policyName: state.policyName,
    policyId: state.policyId,
    arn: state.arn,
    path: state.path,
    defaultVersionId: state.defaultVersionId,
    attachmentCount: attachments,
    permissionsBoundaryUsageCount: state.usedBy.length - attachments,
    isAttachable: true,
    description: state.description,
    createDate: state.createdAt,
    updateDate: state.updatedAt,
    tags: state.tags,
  };
}
