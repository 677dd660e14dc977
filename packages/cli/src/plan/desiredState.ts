import { createHash } from 'node:crypto';
import type { RepositoryModel } from '../repository/repositoryModel.js';
import {
  DEFAULT_MAX_SESSION_DURATION,
  entityArn,
  type AccountState,
  type GroupState,
  type ManagedPolicyState,
  type RoleState,
  type UserState,
} from '../state/accountState.js';

/**
 * The account a repository asks for: policy references resolved to ARNs (a name is the
 * repository's policy of that name), memberships declared on groups and on users merged onto
 * the users, defaults filled in. Assumes the repository validated without errors.
 */
export function desiredState(model: RepositoryModel, accountId: string): AccountState {
  const policyArns = new Map(
    model.policies.map((p) => [p.name, entityArn(accountId, 'policy', p.path, p.name)]),
  );
  const resolve = (reference: string): string =>
    reference.startsWith('arn:') ? reference : (policyArns.get(reference) ?? reference);
  const resolveAll = (references: readonly string[]): string[] =>
    [...new Set(references.map(resolve))].sort();

  const memberships = new Map<string, Set<string>>();
  const join = (user: string, group: string): void => {
    const set = memberships.get(user) ?? new Set<string>();
    set.add(group);
    memberships.set(user, set);
  };
  for (const user of model.users) for (const group of user.groups) join(user.name, group);
  for (const group of model.groups) for (const member of group.members) join(member, group.name);

  const policies = model.policies.map((p): ManagedPolicyState => ({
    name: p.name,
    path: p.path,
    arn: entityArn(accountId, 'policy', p.path, p.name),
    description: p.description,
    tags: p.tags,
    document: p.document,
  }));
  const users = model.users.map((u): UserState => ({
    name: u.name,
    path: u.path,
    arn: entityArn(accountId, 'user', u.path, u.name),
    tags: u.tags,
    groups: [...(memberships.get(u.name) ?? [])].sort(),
    policies: resolveAll(u.policies),
    inlinePolicies: u.inlinePolicies,
    ...(u.permissionsBoundary === undefined
      ? {}
      : { permissionsBoundary: resolve(u.permissionsBoundary) }),
  }));
  const groups = model.groups.map((g): GroupState => ({
    name: g.name,
    path: g.path,
    arn: entityArn(accountId, 'group', g.path, g.name),
    policies: resolveAll(g.policies),
    inlinePolicies: g.inlinePolicies,
  }));
  const roles = model.roles.map((r): RoleState => ({
    name: r.name,
    path: r.path,
    arn: entityArn(accountId, 'role', r.path, r.name),
    description: r.description,
    maxSessionDuration: r.maxSessionDuration ?? DEFAULT_MAX_SESSION_DURATION,
    trustPolicy: r.trustPolicy,
    tags: r.tags,
    policies: resolveAll(r.policies),
    inlinePolicies: r.inlinePolicies,
    ...(r.permissionsBoundary === undefined
      ? {}
      : { permissionsBoundary: resolve(r.permissionsBoundary) }),
  }));
  return {
    accountId,
    policies,
    users,
    groups,
    roles,
    ...(model.approvalRules === undefined
      ? {}
      : {
          approvalRules: {
            fileName: model.approvalRules.file,
            digest: createHash('sha256').update(model.approvalRules.source).digest('hex'),
            source: model.approvalRules.source,
          },
        }),
  };
}
