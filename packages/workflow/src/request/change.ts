import type { AccountChange } from '@gatehouse/policy';

/**
 * A permission change as requested, stored in the request's first event:
 *
 * - `IamCommand`: any permission-changing command of `@gatehouse/iam`, exactly as
 *   the domain would run it (the gateway submits these when the least-privilege
 *   verdict is `REQUIRE_APPROVAL`). Permission-changing commands carry no secrets.
 * - `RoleAccess`: temporary role assumption: the user may call `sts:AssumeRole`
 *   on the role while the grant lasts (sessions carry the grant as their source identity).
 */
export type RequestedChange =
  | { readonly kind: 'IamCommand'; readonly command: IamCommandData }
  | { readonly kind: 'RoleAccess'; readonly roleArn: string; readonly userName: string };

/** An IAM command as plain data (`type` plus its parameters). */
export interface IamCommandData {
  readonly type: string;
  readonly [parameter: string]: unknown;
}

/** The IAM commands a request may carry (each changes permissions, none carries a secret). */
export const PERMISSION_COMMANDS = [
  'AddUserToGroup',
  'RemoveUserFromGroup',
  'AttachUserPolicy',
  'DetachUserPolicy',
  'AttachGroupPolicy',
  'DetachGroupPolicy',
  'AttachRolePolicy',
  'DetachRolePolicy',
  'PutUserPolicy',
  'DeleteUserPolicy',
  'PutGroupPolicy',
  'DeleteGroupPolicy',
  'PutRolePolicy',
  'DeleteRolePolicy',
  'CreatePolicy',
  'CreatePolicyVersion',
  'SetDefaultPolicyVersion',
  'DeletePolicyVersion',
  'UpdateAssumeRolePolicy',
  'PutUserPermissionsBoundary',
  'DeleteUserPermissionsBoundary',
  'PutRolePermissionsBoundary',
  'DeleteRolePermissionsBoundary',
  'CreateUser',
  'CreateGroup',
  'CreateRole',
] as const;

/** What a time-bound grant adds, and takes away again when it ends. */
export type GrantTarget =
  | { readonly kind: 'membership'; readonly userName: string; readonly groupName: string }
  | {
      readonly kind: 'managedPolicy';
      readonly entity: 'user' | 'group' | 'role';
      readonly name: string;
      readonly policyArn: string;
    }
  | {
      readonly kind: 'inlinePolicy';
      readonly entity: 'user' | 'group' | 'role';
      readonly name: string;
      readonly policyName: string;
      readonly policyDocument: string | object;
    }
  | { readonly kind: 'roleAccess'; readonly userName: string; readonly roleArn: string };

const ENTITY_OF = { User: 'user', Group: 'group', Role: 'role' } as const;

function text(command: IamCommandData, key: string): string {
  const value = command[key];
  return typeof value === 'string' ? value : '';
}

/**
 * What a change adds when it is time-bound, or undefined when it cannot be
 * undone cleanly (a new policy version, a trust policy, a boundary, a detach):
 * such changes may only be permanent.
 */
export function grantTargetOf(change: RequestedChange): GrantTarget | undefined {
  if (change.kind === 'RoleAccess') {
    return { kind: 'roleAccess', userName: change.userName, roleArn: change.roleArn };
  }
  const { command } = change;
  if (command.type === 'AddUserToGroup') {
    return {
      kind: 'membership',
      userName: text(command, 'userName'),
      groupName: text(command, 'groupName'),
    };
  }
  const attach = /^Attach(User|Group|Role)Policy$/.exec(command.type);
  if (attach !== null) {
    const kind = attach[1] as keyof typeof ENTITY_OF;
    return {
      kind: 'managedPolicy',
      entity: ENTITY_OF[kind],
      name: text(command, `${ENTITY_OF[kind]}Name`),
      policyArn: text(command, 'policyArn'),
    };
  }
  const put = /^Put(User|Group|Role)Policy$/.exec(command.type);
  if (put !== null) {
    const kind = put[1] as keyof typeof ENTITY_OF;
    const document = command.policyDocument;
    return {
      kind: 'inlinePolicy',
      entity: ENTITY_OF[kind],
      name: text(command, `${ENTITY_OF[kind]}Name`),
      policyName: text(command, 'policyName'),
      policyDocument:
        typeof document === 'object' && document !== null ? document : String(document),
    };
  }
  return undefined;
}

/** A one-line human description of a change. */
export function describeChange(change: RequestedChange): string {
  if (change.kind === 'RoleAccess') {
    return `user ${change.userName} may assume role ${change.roleArn}`;
  }
  const target = grantTargetOf(change);
  const { command } = change;
  if (target === undefined) return command.type;
  switch (target.kind) {
    case 'membership':
      return `add user ${target.userName} to group ${target.groupName}`;
    case 'managedPolicy':
      return `attach ${target.policyArn} to ${target.entity} ${target.name}`;
    case 'inlinePolicy':
      return `put inline policy ${target.policyName} on ${target.entity} ${target.name}`;
    case 'roleAccess':
      return `user ${target.userName} may assume role ${target.roleArn}`;
  }
}

/** The least-privilege analysis's view of a change: given by the submitter or derived. */
export type AnalysedChanges = readonly AccountChange[];
