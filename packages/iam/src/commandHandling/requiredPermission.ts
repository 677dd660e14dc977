import type { ContextValue } from '@gatehouse/policy';
import { iamArn, rootArn, serviceArn } from '../shared/arn.js';
import { isPrincipal } from '../shared/context.js';
import type { Tag } from '../shared/tags.js';
import type { IamCommand } from './commands.js';
import type { HandlerEnv } from './handlerEnv.js';
import { loadGroupById, loadRoleById, loadUserById } from './lookups.js';

/** The permission a command needs: `iam:<Command>` on the target's ARN, with IAM's condition keys. */
export interface Requirement {
  readonly action: string;
  readonly resource: string;
  readonly context: Readonly<Record<string, ContextValue>>;
}

async function currentArn(
  env: HandlerEnv,
  kind: 'user' | 'group' | 'role',
  name: string,
): Promise<string> {
  const reservation = await env.tx.loadName(kind, name);
  const id = reservation.state.holder;
  if (id !== undefined) {
    const state =
      kind === 'user'
        ? (await loadUserById(env.tx, id)).state
        : kind === 'group'
          ? (await loadGroupById(env.tx, id)).state
          : (await loadRoleById(env.tx, id)).state;
    if (state.status === 'active') return state.arn;
  }
  // Unknown entities are authorized at their default-path ARN, so an unauthorized
  // caller learns nothing about which names exist.
  return iamArn(env.ctx.accountId, kind, '/', name);
}

/** The calling user's (or root's) ARN, for commands whose user defaults to the caller. */
function selfArn(env: HandlerEnv): string {
  const actor = env.ctx.actor;
  if (isPrincipal(actor) && actor.principalType !== 'AssumedRole') return actor.principalArn;
  return rootArn(env.ctx.accountId);
}

function tagContext(tags: readonly Tag[] | undefined): Record<string, ContextValue> {
  if (tags === undefined || tags.length === 0) return {};
  const context: Record<string, ContextValue> = { 'aws:TagKeys': tags.map((t) => t.key) };
  for (const tag of tags) context[`aws:RequestTag/${tag.key}`] = tag.value;
  return context;
}

/**
 * What the caller must be allowed for a command (null: no policy check, because
 * the command authenticates (SignIn), needs no permission in IAM
 * (GetSessionToken, SignOut), checks its own (AssumeRole: trust policy and
 * identity), or is a root-only task enforced by the domain).
 */
export async function requiredPermission(
  command: IamCommand,
  env: HandlerEnv,
): Promise<Requirement | null> {
  const account = env.ctx.accountId;
  const iam = (resource: string, context: Record<string, ContextValue> = {}): Requirement => ({
    action: `iam:${command.type}`,
    resource,
    context,
  });
  switch (command.type) {
    case 'SignIn':
    case 'GetSessionToken':
    case 'AssumeRole':
    case 'SignOut':
    case 'UpdateRootEmail':
    case 'UpdateSupportPlan':
      return null;
    case 'RevokeSession':
      return {
        action: 'sts:RevokeSession',
        resource: serviceArn('sts', account, `session/${command.sessionId}`),
        context: {},
      };
    case 'UpdateAccountPasswordPolicy':
    case 'DeleteAccountPasswordPolicy':
      return iam('*');
    case 'CreateUser':
      return iam(iamArn(account, 'user', command.path ?? '/', command.userName), {
        ...tagContext(command.tags),
        ...(command.permissionsBoundary === undefined
          ? {}
          : { 'iam:PermissionsBoundary': command.permissionsBoundary }),
      });
    case 'TagUser':
      return iam(await currentArn(env, 'user', command.userName), tagContext(command.tags));
    case 'UntagUser':
      return iam(await currentArn(env, 'user', command.userName), {
        'aws:TagKeys': command.tagKeys,
      });
    case 'PutUserPermissionsBoundary':
      return iam(await currentArn(env, 'user', command.userName), {
        'iam:PermissionsBoundary': command.permissionsBoundary,
      });
    case 'AttachUserPolicy':
    case 'DetachUserPolicy':
      return iam(await currentArn(env, 'user', command.userName), {
        'iam:PolicyARN': command.policyArn,
      });
    case 'UpdateUser':
    case 'DeleteUser':
    case 'DeleteUserPermissionsBoundary':
    case 'PutUserPolicy':
    case 'DeleteUserPolicy':
    case 'CreateLoginProfile':
    case 'UpdateLoginProfile':
    case 'DeleteLoginProfile':
      return iam(await currentArn(env, 'user', command.userName));
    case 'ChangePassword':
      return iam(selfArn(env));
    case 'CreateAccessKey':
    case 'UpdateAccessKey':
    case 'DeleteAccessKey':
    case 'EnableMFADevice':
    case 'DeactivateMFADevice':
      return iam(
        command.userName === undefined
          ? selfArn(env)
          : await currentArn(env, 'user', command.userName),
      );
    case 'CreateGroup':
      return iam(iamArn(account, 'group', command.path ?? '/', command.groupName));
    case 'AttachGroupPolicy':
    case 'DetachGroupPolicy':
      return iam(await currentArn(env, 'group', command.groupName), {
        'iam:PolicyARN': command.policyArn,
      });
    case 'UpdateGroup':
    case 'DeleteGroup':
    case 'AddUserToGroup':
    case 'RemoveUserFromGroup':
    case 'PutGroupPolicy':
    case 'DeleteGroupPolicy':
      return iam(await currentArn(env, 'group', command.groupName));
    case 'CreateRole':
      return iam(iamArn(account, 'role', command.path ?? '/', command.roleName), {
        ...tagContext(command.tags),
        ...(command.permissionsBoundary === undefined
          ? {}
          : { 'iam:PermissionsBoundary': command.permissionsBoundary }),
      });
    case 'TagRole':
      return iam(await currentArn(env, 'role', command.roleName), tagContext(command.tags));
    case 'UntagRole':
      return iam(await currentArn(env, 'role', command.roleName), {
        'aws:TagKeys': command.tagKeys,
      });
    case 'PutRolePermissionsBoundary':
      return iam(await currentArn(env, 'role', command.roleName), {
        'iam:PermissionsBoundary': command.permissionsBoundary,
      });
    case 'AttachRolePolicy':
    case 'DetachRolePolicy':
      return iam(await currentArn(env, 'role', command.roleName), {
        'iam:PolicyARN': command.policyArn,
      });
    case 'UpdateRole':
    case 'UpdateAssumeRolePolicy':
    case 'DeleteRole':
    case 'DeleteRolePermissionsBoundary':
    case 'PutRolePolicy':
    case 'DeleteRolePolicy':
      return iam(await currentArn(env, 'role', command.roleName));
    case 'CreatePolicy':
      return iam(
        iamArn(account, 'policy', command.path ?? '/', command.policyName),
        tagContext(command.tags),
      );
    case 'TagPolicy':
      return iam(command.policyArn, tagContext(command.tags));
    case 'UntagPolicy':
      return iam(command.policyArn, { 'aws:TagKeys': command.tagKeys });
    case 'CreatePolicyVersion':
    case 'SetDefaultPolicyVersion':
    case 'DeletePolicyVersion':
    case 'DeletePolicy':
      return iam(command.policyArn);
    case 'CreateVirtualMFADevice':
      return iam(
        iamArn(account, 'mfa', command.path ?? '/', command.virtualMFADeviceName),
        tagContext(command.tags),
      );
    case 'DeleteVirtualMFADevice':
      return iam(command.serialNumber);
  }
}
