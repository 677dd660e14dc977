import type { IamCommand } from '@gatehouse/iam';
import type { AccountChange, AccountSnapshot, IdentityKind, IdentityRef } from '@gatehouse/policy';

/** The commands that can change who may do what, and so pass the least-privilege gate. */
export const PERMISSION_CHANGING_COMMANDS = [
  'CreateUser',
  'CreateGroup',
  'CreateRole',
  'CreatePolicy',
  'CreatePolicyVersion',
  'SetDefaultPolicyVersion',
  'PutUserPolicy',
  'PutGroupPolicy',
  'PutRolePolicy',
  'DeleteUserPolicy',
  'DeleteGroupPolicy',
  'DeleteRolePolicy',
  'AttachUserPolicy',
  'AttachGroupPolicy',
  'AttachRolePolicy',
  'DetachUserPolicy',
  'DetachGroupPolicy',
  'DetachRolePolicy',
  'AddUserToGroup',
  'RemoveUserFromGroup',
  'UpdateAssumeRolePolicy',
  'PutUserPermissionsBoundary',
  'PutRolePermissionsBoundary',
  'DeleteUserPermissionsBoundary',
  'DeleteRolePermissionsBoundary',
] as const satisfies readonly IamCommand['type'][];

/** One of {@link PERMISSION_CHANGING_COMMANDS}. */
export type PermissionChangingCommandType = (typeof PERMISSION_CHANGING_COMMANDS)[number];

/** A command that goes through the least-privilege gate. */
export type PermissionChangingCommand = Extract<
  IamCommand,
  { type: PermissionChangingCommandType }
>;

/** True for a command of {@link PERMISSION_CHANGING_COMMANDS}. */
export function isPermissionChanging(command: IamCommand): command is PermissionChangingCommand {
  return (PERMISSION_CHANGING_COMMANDS as readonly string[]).includes(command.type);
}

function documentText(document: string | Record<string, unknown>): string {
  return typeof document === 'string' ? document : JSON.stringify(document);
}

/** The name as the snapshot spells it (IAM names are case-insensitive), or as given. */
function canonical(account: AccountSnapshot, kind: IdentityKind, name: string): string {
  const list = kind === 'user' ? account.users : kind === 'group' ? account.groups : account.roles;
  const lower = name.toLowerCase();
  return list.find((identity) => identity.name.toLowerCase() === lower)?.name ?? name;
}

function identity(account: AccountSnapshot, kind: IdentityKind, name: string): IdentityRef {
  return { kind, name: canonical(account, kind, name) };
}

function policyArn(account: AccountSnapshot, path: string | undefined, name: string): string {
  return `arn:gatehouse:iam::${account.accountId}:policy${path ?? '/'}${name}`;
}

/**
 * A command as the analysis's `AccountChange`s: what it would do to the account's
 * permissions. Empty when it changes none (a version that does not become the
 * default, a version that does not exist: the domain reports that).
 */
export function accountChangesOf(
  command: PermissionChangingCommand,
  account: AccountSnapshot,
  policyVersionDocument: (policyArn: string, versionId: string) => string | undefined,
): AccountChange[] {
  switch (command.type) {
    case 'CreateUser':
      return [
        {
          kind: 'CreateUser',
          user: {
            name: command.userName,
            path: command.path ?? '/',
            tags: Object.fromEntries((command.tags ?? []).map((t) => [t.key, t.value])),
            ...(command.permissionsBoundary === undefined
              ? {}
              : { permissionsBoundary: command.permissionsBoundary }),
          },
        },
      ];
    case 'CreateGroup':
      return [
        { kind: 'CreateGroup', group: { name: command.groupName, path: command.path ?? '/' } },
      ];
    case 'CreateRole':
      return [
        {
          kind: 'CreateRole',
          role: {
            name: command.roleName,
            path: command.path ?? '/',
            trustPolicy: documentText(command.assumeRolePolicyDocument),
            tags: Object.fromEntries((command.tags ?? []).map((t) => [t.key, t.value])),
            ...(command.permissionsBoundary === undefined
              ? {}
              : { permissionsBoundary: command.permissionsBoundary }),
          },
        },
      ];
    case 'CreatePolicy':
      return [
        {
          kind: 'CreatePolicy',
          policyArn: policyArn(account, command.path, command.policyName),
          document: documentText(command.policyDocument),
        },
      ];
    case 'CreatePolicyVersion':
      return command.setAsDefault === true
        ? [
            {
              kind: 'SetPolicyDocument',
              policyArn: command.policyArn,
              document: documentText(command.policyDocument),
            },
          ]
        : [];
    case 'SetDefaultPolicyVersion': {
      const document = policyVersionDocument(command.policyArn, command.versionId);
      return document === undefined
        ? []
        : [{ kind: 'SetPolicyDocument', policyArn: command.policyArn, document }];
    }
    case 'PutUserPolicy':
    case 'PutGroupPolicy':
    case 'PutRolePolicy':
      return [
        {
          kind: 'PutInlinePolicy',
          identity: identityOf(account, command),
          policyName: command.policyName,
          document: documentText(command.policyDocument),
        },
      ];
    case 'DeleteUserPolicy':
    case 'DeleteGroupPolicy':
    case 'DeleteRolePolicy':
      return [
        {
          kind: 'DeleteInlinePolicy',
          identity: identityOf(account, command),
          policyName: command.policyName,
        },
      ];
    case 'AttachUserPolicy':
    case 'AttachGroupPolicy':
    case 'AttachRolePolicy':
      return [
        {
          kind: 'AttachPolicy',
          identity: identityOf(account, command),
          policyArn: command.policyArn,
        },
      ];
    case 'DetachUserPolicy':
    case 'DetachGroupPolicy':
    case 'DetachRolePolicy':
      return [
        {
          kind: 'DetachPolicy',
          identity: identityOf(account, command),
          policyArn: command.policyArn,
        },
      ];
    case 'AddUserToGroup':
    case 'RemoveUserFromGroup':
      return [
        {
          kind: command.type,
          userName: canonical(account, 'user', command.userName),
          groupName: canonical(account, 'group', command.groupName),
        },
      ];
    case 'UpdateAssumeRolePolicy':
      return [
        {
          kind: 'UpdateTrustPolicy',
          roleName: canonical(account, 'role', command.roleName),
          document: documentText(command.policyDocument),
        },
      ];
    case 'PutUserPermissionsBoundary':
      return [
        {
          kind: 'PutPermissionsBoundary',
          principal: { kind: 'user', name: canonical(account, 'user', command.userName) },
          policyArn: command.permissionsBoundary,
        },
      ];
    case 'PutRolePermissionsBoundary':
      return [
        {
          kind: 'PutPermissionsBoundary',
          principal: { kind: 'role', name: canonical(account, 'role', command.roleName) },
          policyArn: command.permissionsBoundary,
        },
      ];
    case 'DeleteUserPermissionsBoundary':
      return [
        {
          kind: 'DeletePermissionsBoundary',
          principal: { kind: 'user', name: canonical(account, 'user', command.userName) },
        },
      ];
    case 'DeleteRolePermissionsBoundary':
      return [
        {
          kind: 'DeletePermissionsBoundary',
          principal: { kind: 'role', name: canonical(account, 'role', command.roleName) },
        },
      ];
  }
}

function identityOf(
  account: AccountSnapshot,
  command:
    { readonly userName: string } | { readonly groupName: string } | { readonly roleName: string },
): IdentityRef {
  if ('userName' in command) return identity(account, 'user', command.userName);
  if ('groupName' in command) return identity(account, 'group', command.groupName);
  return identity(account, 'role', command.roleName);
}
