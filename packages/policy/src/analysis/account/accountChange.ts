import type {
  AccountSnapshot,
  GroupSnapshot,
  IdentityRef,
  InlinePolicy,
  ManagedPolicySnapshot,
  RoleSnapshot,
  UserSnapshot,
} from './accountSnapshot.js';

/** A user or role: what can have a permissions boundary. */
export interface PrincipalRef {
  readonly kind: 'user' | 'role';
  readonly name: string;
}

/**
 * A permission-changing mutation, described as data (JSON-serialisable, stored in events). Each
 * mirrors one or more IAM actions:
 * - `PutInlinePolicy`: PutUserPolicy, PutGroupPolicy, PutRolePolicy (create or replace).
 * - `DeleteInlinePolicy`: DeleteUserPolicy, DeleteGroupPolicy, DeleteRolePolicy.
 * - `AttachPolicy` / `DetachPolicy`: Attach/Detach User/Group/RolePolicy.
 * - `SetPolicyDocument`: a managed policy's new default version (CreatePolicyVersion with
 *   SetAsDefault, or SetDefaultPolicyVersion); `CreatePolicy` adds an unattached policy.
 * - `AddUserToGroup` / `RemoveUserFromGroup`.
 * - `UpdateTrustPolicy`: UpdateAssumeRolePolicy (who may assume a role).
 * - `PutPermissionsBoundary` / `DeletePermissionsBoundary`: for users and roles.
 * - `CreateUser`, `CreateGroup`, `CreateRole`: a new identity with its policies at once.
 */
export type AccountChange =
  | {
      readonly kind: 'PutInlinePolicy';
      readonly identity: IdentityRef;
      readonly policyName: string;
      readonly document: string | object;
    }
  | {
      readonly kind: 'DeleteInlinePolicy';
      readonly identity: IdentityRef;
      readonly policyName: string;
    }
  | { readonly kind: 'AttachPolicy'; readonly identity: IdentityRef; readonly policyArn: string }
  | { readonly kind: 'DetachPolicy'; readonly identity: IdentityRef; readonly policyArn: string }
  | {
      readonly kind: 'SetPolicyDocument';
      readonly policyArn: string;
      readonly document: string | object;
    }
  | {
      readonly kind: 'CreatePolicy';
      readonly policyArn: string;
      readonly document: string | object;
    }
  | { readonly kind: 'AddUserToGroup'; readonly userName: string; readonly groupName: string }
  | { readonly kind: 'RemoveUserFromGroup'; readonly userName: string; readonly groupName: string }
  | {
      readonly kind: 'UpdateTrustPolicy';
      readonly roleName: string;
      readonly document: string | object;
    }
  | {
      readonly kind: 'PutPermissionsBoundary';
      readonly principal: PrincipalRef;
      readonly policyArn: string;
    }
  | { readonly kind: 'DeletePermissionsBoundary'; readonly principal: PrincipalRef }
  | { readonly kind: 'CreateUser'; readonly user: UserSnapshot }
  | { readonly kind: 'CreateGroup'; readonly group: GroupSnapshot }
  | { readonly kind: 'CreateRole'; readonly role: RoleSnapshot };

/** Every change kind. */
export const CHANGE_KINDS = [
  'PutInlinePolicy',
  'DeleteInlinePolicy',
  'AttachPolicy',
  'DetachPolicy',
  'SetPolicyDocument',
  'CreatePolicy',
  'AddUserToGroup',
  'RemoveUserFromGroup',
  'UpdateTrustPolicy',
  'PutPermissionsBoundary',
  'DeletePermissionsBoundary',
  'CreateUser',
  'CreateGroup',
  'CreateRole',
] as const satisfies readonly AccountChange['kind'][];

/** The account after the change, or why the change cannot apply to this snapshot. */
export type AppliedChange =
  | { readonly ok: true; readonly account: AccountSnapshot }
  | { readonly ok: false; readonly message: string };

/** Applies changes in order to a snapshot, returning a new snapshot (the input is not modified). */
export function applyChanges(
  account: AccountSnapshot,
  changes: readonly AccountChange[],
): AppliedChange {
  let current = account;
  for (const change of changes) {
    const next = applyChange(current, change);
    if (!next.ok) return next;
    current = next.account;
  }
  return { ok: true, account: current };
}

/** Applies one change to a snapshot. */
export function applyChange(account: AccountSnapshot, change: AccountChange): AppliedChange {
  const fail = (message: string): AppliedChange => ({ ok: false, message });
  const ok = (next: AccountSnapshot): AppliedChange => ({ ok: true, account: next });
  const hasPolicy = (arn: string) => account.policies.some((p) => p.arn === arn);
  switch (change.kind) {
    case 'PutInlinePolicy':
    case 'DeleteInlinePolicy': {
      const edit = (
        list: readonly InlinePolicy[] | undefined,
      ): readonly InlinePolicy[] | string => {
        const rest = (list ?? []).filter((p) => p.name !== change.policyName);
        if (change.kind === 'DeleteInlinePolicy') {
          return rest.length === (list ?? []).length
            ? `inline policy \`${change.policyName}\` does not exist`
            : rest;
        }
        return [...rest, { name: change.policyName, document: change.document }];
      };
      return updateIdentity(account, change.identity, (identity) => {
        const policies = edit(identity.inlinePolicies);
        return typeof policies === 'string' ? policies : { ...identity, inlinePolicies: policies };
      });
    }
    case 'AttachPolicy':
    case 'DetachPolicy':
      if (change.kind === 'AttachPolicy' && !hasPolicy(change.policyArn)) {
        return fail(`managed policy \`${change.policyArn}\` does not exist`);
      }
      return updateIdentity(account, change.identity, (identity) => {
        const attached = identity.attachedPolicies ?? [];
        if (change.kind === 'AttachPolicy') {
          return attached.includes(change.policyArn)
            ? identity
            : { ...identity, attachedPolicies: [...attached, change.policyArn] };
        }
        if (!attached.includes(change.policyArn))
          return `policy \`${change.policyArn}\` is not attached`;
        return { ...identity, attachedPolicies: attached.filter((a) => a !== change.policyArn) };
      });
    case 'SetPolicyDocument':
      if (!hasPolicy(change.policyArn))
        return fail(`managed policy \`${change.policyArn}\` does not exist`);
      return ok({
        ...account,
        policies: account.policies.map((p): ManagedPolicySnapshot =>
          p.arn === change.policyArn ? { arn: p.arn, document: change.document } : p,
        ),
      });
    case 'CreatePolicy':
      if (hasPolicy(change.policyArn))
        return fail(`managed policy \`${change.policyArn}\` already exists`);
      return ok({
        ...account,
        policies: [...account.policies, { arn: change.policyArn, document: change.document }],
      });
    case 'AddUserToGroup':
    case 'RemoveUserFromGroup': {
      if (!account.groups.some((g) => g.name === change.groupName)) {
        return fail(`group \`${change.groupName}\` does not exist`);
      }
      return updateIdentity(account, { kind: 'user', name: change.userName }, (identity) => {
        const user = identity as UserSnapshot;
        const groups = user.groups ?? [];
        if (change.kind === 'AddUserToGroup') {
          return groups.includes(change.groupName)
            ? user
            : { ...user, groups: [...groups, change.groupName] };
        }
        if (!groups.includes(change.groupName))
          return `user \`${change.userName}\` is not in group \`${change.groupName}\``;
        return { ...user, groups: groups.filter((g) => g !== change.groupName) };
      });
    }
    case 'UpdateTrustPolicy':
      return updateIdentity(account, { kind: 'role', name: change.roleName }, (identity) => ({
        ...(identity as RoleSnapshot),
        trustPolicy: change.document,
      }));
    case 'PutPermissionsBoundary':
      if (!hasPolicy(change.policyArn))
        return fail(`managed policy \`${change.policyArn}\` does not exist`);
      return updateIdentity(account, change.principal, (identity) => ({
        ...identity,
        permissionsBoundary: change.policyArn,
      }));
    case 'DeletePermissionsBoundary':
      return updateIdentity(account, change.principal, (identity) => {
        const { permissionsBoundary: _removed, ...rest } = identity as UserSnapshot | RoleSnapshot;
        return rest;
      });
    case 'CreateUser':
      if (account.users.some((u) => u.name === change.user.name))
        return fail(`user \`${change.user.name}\` already exists`);
      return ok({ ...account, users: [...account.users, change.user] });
    case 'CreateGroup':
      if (account.groups.some((g) => g.name === change.group.name))
        return fail(`group \`${change.group.name}\` already exists`);
      return ok({ ...account, groups: [...account.groups, change.group] });
    case 'CreateRole':
      if (account.roles.some((r) => r.name === change.role.name))
        return fail(`role \`${change.role.name}\` already exists`);
      return ok({ ...account, roles: [...account.roles, change.role] });
  }
}

type AnyIdentity = UserSnapshot | GroupSnapshot | RoleSnapshot;

function updateIdentity(
  account: AccountSnapshot,
  ref: IdentityRef,
  edit: (identity: AnyIdentity) => AnyIdentity | string,
): AppliedChange {
  const list: readonly AnyIdentity[] =
    ref.kind === 'user' ? account.users : ref.kind === 'group' ? account.groups : account.roles;
  const position = list.findIndex((i) => i.name === ref.name);
  const current = list[position];
  if (current === undefined)
    return { ok: false, message: `${ref.kind} \`${ref.name}\` does not exist` };
  const edited = edit(current);
  if (typeof edited === 'string') return { ok: false, message: edited };
  const next = list.map((i, n) => (n === position ? edited : i));
  switch (ref.kind) {
    case 'user':
      return { ok: true, account: { ...account, users: next } };
    case 'group':
      return { ok: true, account: { ...account, groups: next } };
    case 'role':
      return { ok: true, account: { ...account, roles: next as RoleSnapshot[] } };
  }
}
