import type { PolicyInput } from '@gatehouse/policy';
import { defaultDocument } from '../managedPolicy/evolve.js';
import { parsePrincipalArn } from '../shared/arn.js';
import type { InlinePolicy, PolicyRef } from '../shared/events.js';
import type { StateLookup } from './stateLookup.js';

/**
 * A principal's policies, ready for `@gatehouse/policy`'s `evaluate`.
 *
 * The root user is represented explicitly: `root: true` and no policies. It has
 * complete access the way AWS's root has: `evaluate` allows the account's root
 * principal unless a policy that applies to it explicitly denies (and nothing in
 * this account attaches policies to root), so no policy is consulted for it.
 */
export interface PrincipalPolicies {
  readonly principalArn: string;
  readonly principalType: 'Root' | 'User' | 'AssumedRole';
  readonly root: boolean;
  /** Inline and managed (default version) policies of the user and its groups, or of the role. */
  readonly identityPolicies: readonly PolicyInput[];
  readonly permissionsBoundary?: PolicyInput | undefined;
  /** For role sessions started with a session policy. */
  readonly sessionPolicy?: PolicyInput | undefined;
  /** `aws:userid`: the user id, `<role id>:<session>` for role sessions, the account for root. */
  readonly principalId?: string | undefined;
  /** `aws:username` (users only). */
  readonly userName?: string | undefined;
  /** The entity's tags (`aws:PrincipalTag/...`). */
  readonly tags: ReadonlyMap<string, string>;
  /** True when the principal does not exist (any more): every request is implicitly denied. */
  readonly missing: boolean;
}

/** Names policies in `matched`: managed by ARN, inline as `<entity ARN>#<policy name>`. */
export function inlinePolicyName(entityArn: string, policyName: string): string {
  return `${entityArn}#${policyName}`;
}

function inline(entityArn: string, policies: readonly InlinePolicy[]): PolicyInput[] {
  return policies.map((p) => ({
    name: inlinePolicyName(entityArn, p.policyName),
    document: p.policyDocument,
  }));
}

function managed(
  lookup: StateLookup,
  refs: readonly PolicyRef[],
  seen: Set<string>,
): PolicyInput[] {
  const out: PolicyInput[] = [];
  for (const ref of refs) {
    if (seen.has(ref.policyId)) continue;
    seen.add(ref.policyId);
    const policy = lookup.policy(ref.policyId);
    const document = policy === undefined ? undefined : defaultDocument(policy);
    if (policy?.status === 'active' && document !== undefined)
      out.push({ name: policy.arn, document });
  }
  return out;
}

function boundary(lookup: StateLookup, ref: PolicyRef | null): PolicyInput | undefined {
  if (ref === null) return undefined;
  const policy = lookup.policy(ref.policyId);
  const document = policy === undefined ? undefined : defaultDocument(policy);
  // A boundary that cannot be read must not widen access: an empty policy allows nothing.
  return { name: ref.policyArn, document: document ?? { Version: '2012-10-17', Statement: [] } };
}

function tagMap(tags: readonly { key: string; value: string }[]): Map<string, string> {
  return new Map(tags.map((t) => [t.key, t.value]));
}

const NOTHING = (
  principalArn: string,
  principalType: PrincipalPolicies['principalType'],
): PrincipalPolicies => ({
  principalArn,
  principalType,
  root: false,
  identityPolicies: [],
  tags: new Map(),
  missing: true,
});

/** A user's policies: its own inline and attached ones, then each group's. */
export function resolveUserPolicies(lookup: StateLookup, userId: string): PrincipalPolicies {
  const user = lookup.user(userId);
  if (user?.status !== 'active') return NOTHING(user?.arn ?? '', 'User');
  const seen = new Set<string>();
  const identityPolicies: PolicyInput[] = [
    ...inline(user.arn, user.inlinePolicies),
    ...managed(lookup, user.attachedPolicies, seen),
  ];
  for (const groupId of user.groupIds) {
    const group = lookup.group(groupId);
    if (group?.status !== 'active') continue;
    identityPolicies.push(
      ...inline(group.arn, group.inlinePolicies),
      ...managed(lookup, group.attachedPolicies, seen),
    );
  }
  return {
    principalArn: user.arn,
    principalType: 'User',
    principalId: user.userId,
    userName: user.userName,
    root: false,
    identityPolicies,
    permissionsBoundary: boundary(lookup, user.permissionsBoundary),
    tags: tagMap(user.tags),
    missing: false,
  };
}

/** A role's policies (for its sessions), with an optional session policy. */
export function resolveRolePolicies(
  lookup: StateLookup,
  roleId: string,
  sessionArn: string,
  sessionPolicy: string | null,
): PrincipalPolicies {
  const role = lookup.role(roleId);
  if (role?.status !== 'active') return NOTHING(sessionArn, 'AssumedRole');
  const seen = new Set<string>();
  return {
    principalArn: sessionArn,
    principalType: 'AssumedRole',
    principalId: `${role.roleId}:${sessionArn.slice(sessionArn.lastIndexOf('/') + 1)}`,
    root: false,
    identityPolicies: [
      ...inline(role.arn, role.inlinePolicies),
      ...managed(lookup, role.attachedPolicies, seen),
    ],
    permissionsBoundary: boundary(lookup, role.permissionsBoundary),
    sessionPolicy:
      sessionPolicy === null
        ? undefined
        : { name: `${sessionArn}#session-policy`, document: sessionPolicy },
    tags: tagMap(role.tags),
    missing: false,
  };
}

/** The root user: complete access, no policies. */
export function rootPolicies(principalArn: string): PrincipalPolicies {
  const accountId = /^arn:[^:]+:iam::(\d{12}):root$/.exec(principalArn)?.[1];
  return {
    principalArn,
    principalType: 'Root',
    principalId: accountId,
    root: true,
    identityPolicies: [],
    tags: new Map(),
    missing: false,
  };
}

/**
 * Policies of a principal named by ARN: the root user, a user (by its current
 * name), or a role session (by `sessionId` when given, for its session policy;
 * otherwise the role's policies alone).
 */
export function resolvePrincipalArn(
  lookup: StateLookup,
  principalArn: string,
  sessionId?: string,
): PrincipalPolicies {
  const parsed = parsePrincipalArn(principalArn);
  const accountId = lookup.account().accountId;
  if (parsed?.accountId !== accountId) return NOTHING(principalArn, 'User');
  switch (parsed.type) {
    case 'Root':
      return rootPolicies(principalArn);
    case 'User': {
      const userId = lookup.holderOf('user', parsed.name);
      const user = userId === undefined ? undefined : lookup.user(userId);
      if (userId === undefined || user?.arn !== principalArn) return NOTHING(principalArn, 'User');
      return resolveUserPolicies(lookup, userId);
    }
    case 'AssumedRole': {
      const session = sessionId === undefined ? undefined : lookup.session(sessionId);
      if (
        session !== undefined &&
        session.status !== 'absent' &&
        session.principalArn === principalArn &&
        session.roleId !== null
      ) {
        return resolveRolePolicies(lookup, session.roleId, principalArn, session.sessionPolicy);
      }
      const roleId = lookup.holderOf('role', parsed.roleName);
      if (roleId === undefined) return NOTHING(principalArn, 'AssumedRole');
      return resolveRolePolicies(lookup, roleId, principalArn, null);
    }
  }
}
