import type { PolicyInput } from '../../evaluate/evaluationTypes.js';
import type { VariableValues } from '../../patterns/patternLanguage.js';
import type { PermissionSet } from '../permissionModel.js';
import {
  identityArn,
  type AccountSnapshot,
  type GroupSnapshot,
  type IdentityRef,
  type RoleSnapshot,
  type UserSnapshot,
} from './accountSnapshot.js';

/** A principal of the account with the policies that decide what it may do. */
export interface EffectivePrincipal {
  readonly kind: 'user' | 'role';
  readonly name: string;
  readonly arn: string;
  /** Identity policies (own inline and managed, and those of its groups), boundary, guardrails. */
  readonly permissions: PermissionSet;
  /** Names of the groups (users only). */
  readonly groups: readonly string[];
}

/** Quick lookups over a snapshot. */
export class AccountIndex {
  readonly users = new Map<string, UserSnapshot>();
  readonly groups = new Map<string, GroupSnapshot>();
  readonly roles = new Map<string, RoleSnapshot>();
  readonly policies = new Map<string, PolicyInput>();

  constructor(readonly account: AccountSnapshot) {
    for (const u of account.users) this.users.set(u.name, u);
    for (const g of account.groups) this.groups.set(g.name, g);
    for (const r of account.roles) this.roles.set(r.name, r);
    for (const p of account.policies)
      this.policies.set(p.arn, { name: p.arn, document: p.document });
  }

  /** The ARN of an identity of the account (derived when the snapshot does not give it). */
  arnOf(ref: IdentityRef): string | undefined {
    const identity =
      ref.kind === 'user'
        ? this.users.get(ref.name)
        : ref.kind === 'group'
          ? this.groups.get(ref.name)
          : this.roles.get(ref.name);
    return identity === undefined ? undefined : identityArn(this.account, ref.kind, identity);
  }

  /** Whether the identity exists in the snapshot. */
  has(ref: IdentityRef): boolean {
    return this.arnOf(ref) !== undefined;
  }
}

/**
 * The effective permission set of a user or role: its inline and attached policies, and for a
 * user those of its groups, its permissions boundary and the account's guardrails, with the
 * policy variables that are fixed for it (`aws:username`, `aws:userid`, `aws:PrincipalTag/*`,
 * `aws:PrincipalArn`, `aws:PrincipalAccount`, `aws:PrincipalType`). Attachments of policies that
 * are not in the snapshot are left out (they grant nothing); an unknown boundary denies all.
 */
export function effectivePermissions(
  account: AccountSnapshot | AccountIndex,
  ref: { readonly kind: 'user' | 'role'; readonly name: string },
): EffectivePrincipal | undefined {
  const index = account instanceof AccountIndex ? account : new AccountIndex(account);
  if (ref.kind === 'user') {
    const user = index.users.get(ref.name);
    if (user === undefined) return undefined;
    const arn = identityArn(index.account, 'user', user);
    const identityPolicies: PolicyInput[] = [...policiesOf(index, user, `user/${user.name}`)];
    const groups = (user.groups ?? []).filter((g) => index.groups.has(g));
    for (const name of groups) {
      const group = index.groups.get(name);
      if (group !== undefined)
        identityPolicies.push(...policiesOf(index, group, `group/${group.name}`));
    }
    const variables: Record<string, string | null> = {
      'aws:username': user.name,
      'aws:PrincipalArn': arn,
      'aws:PrincipalAccount': index.account.accountId,
      'aws:PrincipalType': 'User',
      ...principalTags(user.tags),
    };
    if (user.userId !== undefined) variables['aws:userid'] = user.userId;
    return {
      kind: 'user',
      name: user.name,
      arn,
      groups,
      permissions: permissionSet(index, identityPolicies, user.permissionsBoundary, variables),
    };
  }
  const role = index.roles.get(ref.name);
  if (role === undefined) return undefined;
  const arn = identityArn(index.account, 'role', role);
  const variables: Record<string, string | null> = {
    // A role session has no user name; its ARN is the session's, so neither is fixed but absent.
    'aws:username': null,
    'aws:PrincipalAccount': index.account.accountId,
    'aws:PrincipalType': 'AssumedRole',
    ...principalTags(role.tags),
  };
  return {
    kind: 'role',
    name: role.name,
    arn,
    groups: [],
    permissions: permissionSet(
      index,
      [...policiesOf(index, role, `role/${role.name}`)],
      role.permissionsBoundary,
      variables,
    ),
  };
}

/** Every user and role of the account with its effective permissions. */
export function allEffectivePrincipals(index: AccountIndex): EffectivePrincipal[] {
  const out: EffectivePrincipal[] = [];
  for (const user of index.account.users) {
    const p = effectivePermissions(index, { kind: 'user', name: user.name });
    if (p !== undefined) out.push(p);
  }
  for (const role of index.account.roles) {
    const p = effectivePermissions(index, { kind: 'role', name: role.name });
    if (p !== undefined) out.push(p);
  }
  return out;
}

/**
 * The permission set of a group's own policies (inline and attached) under the account's
 * guardrails: what a member gains from it, and what `modify` edges into the group change.
 */
export function groupPermissionSet(index: AccountIndex, group: GroupSnapshot): PermissionSet {
  return {
    identityPolicies: policiesOf(index, group, `group/${group.name}`),
    ...(index.account.guardrails === undefined ? {} : { guardrails: index.account.guardrails }),
  };
}

function permissionSet(
  index: AccountIndex,
  identityPolicies: readonly PolicyInput[],
  boundaryArn: string | undefined,
  variables: VariableValues,
): PermissionSet {
  const boundary =
    boundaryArn === undefined
      ? undefined
      : (index.policies.get(boundaryArn) ?? { name: boundaryArn, document: DENY_ALL });
  return {
    identityPolicies,
    ...(boundary === undefined ? {} : { permissionsBoundary: boundary }),
    ...(index.account.guardrails === undefined ? {} : { guardrails: index.account.guardrails }),
    variables,
  };
}

/** A boundary that is not in the snapshot: read as allowing nothing, the safe side for "before". */
const DENY_ALL = { Version: '2012-10-17', Statement: [] };

function policiesOf(
  index: AccountIndex,
  identity: UserSnapshot | GroupSnapshot | RoleSnapshot,
  owner: string,
): PolicyInput[] {
  const out: PolicyInput[] = [];
  for (const inline of identity.inlinePolicies ?? []) {
    out.push({ name: `${owner}/inline/${inline.name}`, document: inline.document });
  }
  for (const arn of identity.attachedPolicies ?? []) {
    const policy = index.policies.get(arn);
    if (policy !== undefined) out.push(policy);
  }
  return out;
}

function principalTags(tags: Readonly<Record<string, string>> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(tags ?? {})) out[`aws:PrincipalTag/${key}`] = value;
  return out;
}
