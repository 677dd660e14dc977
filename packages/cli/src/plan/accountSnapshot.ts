import type { AccountSnapshot } from '@gatehouse/policy';
import type { AccountState, PolicyDocument } from '../state/accountState.js';

function inline(
  policies: Readonly<Record<string, PolicyDocument>>,
): { name: string; document: object }[] {
  return Object.entries(policies).map(([name, document]) => ({ name, document }));
}

/** The live state as @gatehouse/policy's `AccountSnapshot`, for `analyzeChange`. */
export function accountSnapshot(
  state: AccountState,
  adminPrincipals: readonly string[],
): AccountSnapshot {
  return {
    accountId: state.accountId,
    partition: 'gatehouse',
    users: state.users.map((u) => ({
      name: u.name,
      path: u.path,
      arn: u.arn,
      ...(u.id === undefined ? {} : { userId: u.id }),
      tags: u.tags,
      groups: u.groups,
      inlinePolicies: inline(u.inlinePolicies),
      attachedPolicies: u.policies,
      ...(u.permissionsBoundary === undefined
        ? {}
        : { permissionsBoundary: u.permissionsBoundary }),
    })),
    groups: state.groups.map((g) => ({
      name: g.name,
      path: g.path,
      arn: g.arn,
      inlinePolicies: inline(g.inlinePolicies),
      attachedPolicies: g.policies,
    })),
    roles: state.roles.map((r) => ({
      name: r.name,
      path: r.path,
      arn: r.arn,
      tags: r.tags,
      trustPolicy: r.trustPolicy,
      inlinePolicies: inline(r.inlinePolicies),
      attachedPolicies: r.policies,
      ...(r.permissionsBoundary === undefined
        ? {}
        : { permissionsBoundary: r.permissionsBoundary }),
    })),
    policies: state.policies.map((p) => ({ arn: p.arn, document: p.document })),
    rules: { adminPrincipals },
  };
}
