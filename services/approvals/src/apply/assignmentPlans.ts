import type { AccountView, IamCommand } from '@gatehouse/iam';
import {
  findIdentity,
  findPolicy,
  findRoleByArn,
  grantPolicyName,
  grantSourceIdentity,
  roleAccessPolicy,
  WorkflowError,
  type GrantTarget,
} from '@gatehouse/workflow';

/** What a grant adds: the assignment's key (by IAM's immutable ids) and the IAM command giving it. */
export interface AssignmentPlan {
  /** `membership.<userId>.<groupId>`, `<kind>-policy.<entityId>.<policyId>`, `<kind>-inline.<entityId>.<policyName>`. */
  readonly key: string;
  readonly description: string;
  readonly add: IamCommand;
}

/**
 * Plans the assignment a grant makes, by ids (so renames do not break its
 * removal). An inline policy must not exist yet: a time-bound grant cannot
 * replace a document and put the old one back.
 * @throws WorkflowError `NOT_FOUND`, `UNSUPPORTED_CHANGE`
 */
export function planAssignment(
  view: AccountView,
  target: GrantTarget,
  grant: { readonly grantId: string; readonly expiresAt: string },
): AssignmentPlan {
  switch (target.kind) {
    case 'membership': {
      const user = findIdentity(view, 'user', target.userName);
      const group = findIdentity(view, 'group', target.groupName);
      return {
        key: `membership.${user.id}.${group.id}`,
        description: `user ${user.name} in group ${group.name}`,
        add: { type: 'AddUserToGroup', userName: user.name, groupName: group.name },
      };
    }
    case 'managedPolicy': {
      const entity = findIdentity(view, target.entity, target.name);
      const policy = findPolicy(view, target.policyArn);
      const base = { policyArn: policy.arn };
      const add: IamCommand =
        target.entity === 'user'
          ? { type: 'AttachUserPolicy', userName: entity.name, ...base }
          : target.entity === 'group'
            ? { type: 'AttachGroupPolicy', groupName: entity.name, ...base }
            : { type: 'AttachRolePolicy', roleName: entity.name, ...base };
      return {
        key: `${target.entity}-policy.${entity.id}.${policy.policyId}`,
        description: `${policy.arn} attached to ${target.entity} ${entity.name}`,
        add,
      };
    }
    case 'inlinePolicy': {
      const entity = findIdentity(view, target.entity, target.name);
      assertNoInlinePolicy(view, target.entity, entity.id, target.policyName);
      const document =
        typeof target.policyDocument === 'string'
          ? target.policyDocument
          : JSON.stringify(target.policyDocument);
      const base = { policyName: target.policyName, policyDocument: document };
      const add: IamCommand =
        target.entity === 'user'
          ? { type: 'PutUserPolicy', userName: entity.name, ...base }
          : target.entity === 'group'
            ? { type: 'PutGroupPolicy', groupName: entity.name, ...base }
            : { type: 'PutRolePolicy', roleName: entity.name, ...base };
      return {
        key: `${target.entity}-inline.${entity.id}.${target.policyName}`,
        description: `inline policy ${target.policyName} on ${target.entity} ${entity.name}`,
        add,
      };
    }
    case 'roleAccess': {
      const user = findIdentity(view, 'user', target.userName);
      const role = findRoleByArn(view, target.roleArn);
      const policyName = grantPolicyName(grant.grantId);
      return {
        key: `user-inline.${user.id}.${policyName}`,
        description: `user ${user.name} may assume role ${role.roleName} until ${grant.expiresAt}`,
        add: {
          type: 'PutUserPolicy',
          userName: user.name,
          policyName,
          policyDocument: JSON.stringify(
            roleAccessPolicy(role.arn, grantSourceIdentity(grant.grantId), grant.expiresAt),
          ),
        },
      };
    }
  }
}

function assertNoInlinePolicy(
  view: AccountView,
  kind: 'user' | 'group' | 'role',
  id: string,
  policyName: string,
): void {
  const holder =
    kind === 'user' ? view.user(id) : kind === 'group' ? view.group(id) : view.role(id);
  if (holder?.inlinePolicies.some((p) => p.policyName === policyName) === true) {
    throw new WorkflowError(
      'UNSUPPORTED_CHANGE',
      `inline policy \`${policyName}\` exists on the ${kind}: a time-bound grant cannot replace it`,
    );
  }
}

/**
 * The IAM command taking an assignment away, from its key and the account now
 * (current names); `gone` when the entity or policy no longer exists (nothing
 * to remove).
 */
export function removalOf(view: AccountView, key: string): IamCommand | 'gone' {
  const [kind, entityId, rest] = splitKey(key);
  if (kind === 'membership') {
    const user = view.user(entityId);
    const group = view.group(rest);
    if (user?.status !== 'active' || group?.status !== 'active') return 'gone';
    if (!user.groupIds.includes(group.groupId)) return 'gone';
    return { type: 'RemoveUserFromGroup', userName: user.userName, groupName: group.groupName };
  }
  const holderKind = kind.split('-')[0];
  const holder =
    holderKind === 'user'
      ? view.user(entityId)
      : holderKind === 'group'
        ? view.group(entityId)
        : view.role(entityId);
  if (holder?.status !== 'active') return 'gone';
  const name =
    'userName' in holder
      ? holder.userName
      : 'groupName' in holder
        ? holder.groupName
        : holder.roleName;
  if (kind.endsWith('-inline')) {
    if (!holder.inlinePolicies.some((p) => p.policyName === rest)) return 'gone';
    return holderKind === 'user'
      ? { type: 'DeleteUserPolicy', userName: name, policyName: rest }
      : holderKind === 'group'
        ? { type: 'DeleteGroupPolicy', groupName: name, policyName: rest }
        : { type: 'DeleteRolePolicy', roleName: name, policyName: rest };
  }
  const policy = view.policy(rest);
  if (policy?.status !== 'active') return 'gone';
  if (!holder.attachedPolicies.some((p) => p.policyArn === policy.arn)) return 'gone';
  return holderKind === 'user'
    ? { type: 'DetachUserPolicy', userName: name, policyArn: policy.arn }
    : holderKind === 'group'
      ? { type: 'DetachGroupPolicy', groupName: name, policyArn: policy.arn }
      : { type: 'DetachRolePolicy', roleName: name, policyArn: policy.arn };
}

function splitKey(key: string): [string, string, string] {
  const first = key.indexOf('.');
  const second = key.indexOf('.', first + 1);
  return [key.slice(0, first), key.slice(first + 1, second), key.slice(second + 1)];
}
