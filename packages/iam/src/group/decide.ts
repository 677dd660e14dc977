import type { CheckedDocument } from '../policyDocuments/checkPolicyDocument.js';
import {
  assertAttached,
  assertInlinePolicy,
  checkAttach,
  checkInlinePolicy,
  holderDeleteConflicts,
  type HolderKind,
} from '../principals/principalPolicies.js';
import { iamArn } from '../shared/arn.js';
import type { DecideContext } from '../shared/context.js';
import type { PolicyRef } from '../shared/events.js';
import { deleteConflict, noSuchEntity } from '../shared/iamError.js';
import type { CreateGroup, UpdateGroup } from './commands.js';
import type { GroupEvent } from './events.js';
import type { GroupState } from './evolve.js';

/** @throws IamError `NO_SUCH_ENTITY` unless the group exists */
export function assertGroupExists(state: GroupState, groupName: string): void {
  if (state.status !== 'active') throw noSuchEntity('group', groupName);
}

function holder(state: GroupState, context: DecideContext): HolderKind {
  return {
    word: 'group',
    name: state.groupName,
    inlineLimit: context.limits.inlineGroupSize,
    inlineQuota: 'InlineGroupPolicySize',
  };
}

export function decideCreateGroup(
  command: CreateGroup,
  groupId: string,
  context: DecideContext,
): GroupEvent[] {
  const path = command.path ?? '/';
  return [
    {
      type: 'GroupCreated',
      data: {
        groupId,
        groupName: command.groupName,
        path,
        arn: iamArn(context.accountId, 'group', path, command.groupName),
      },
    },
  ];
}

export function decideUpdateGroup(
  command: UpdateGroup,
  state: GroupState,
  context: DecideContext,
): GroupEvent[] {
  const groupName = command.newGroupName ?? state.groupName;
  const path = command.newPath ?? state.path;
  if (groupName === state.groupName && path === state.path) return [];
  return [
    {
      type: 'GroupUpdated',
      data: {
        groupId: state.groupId,
        groupName,
        path,
        arn: iamArn(context.accountId, 'group', path, groupName),
        previousGroupName: state.groupName,
        previousPath: state.path,
      },
    },
  ];
}

/** @throws IamError `DELETE_CONFLICT` while the group has members or policies */
export function decideDeleteGroup(state: GroupState): GroupEvent[] {
  const conflicts = holderDeleteConflicts(state);
  if (state.members.length > 0) conflicts.push('members');
  if (conflicts.length > 0) {
    throw deleteConflict(
      `cannot delete group \`${state.groupName}\`: it still has ${conflicts.join(', ')}`,
      {
        conflicts,
      },
    );
  }
  return [
    {
      type: 'GroupDeleted',
      data: { groupId: state.groupId, groupName: state.groupName, arn: state.arn },
    },
  ];
}

export function decideAddGroupMember(state: GroupState, userId: string): GroupEvent[] {
  if (state.members.includes(userId)) return [];
  return [{ type: 'GroupMemberAdded', data: { groupId: state.groupId, userId } }];
}

export function decideRemoveGroupMember(state: GroupState, userId: string): GroupEvent[] {
  if (!state.members.includes(userId)) return [];
  return [{ type: 'GroupMemberRemoved', data: { groupId: state.groupId, userId } }];
}

/** @throws IamError `MALFORMED_POLICY_DOCUMENT`, `LIMIT_EXCEEDED` */
export function decidePutGroupPolicy(
  state: GroupState,
  policyName: string,
  document: string | object,
  context: DecideContext,
): { events: GroupEvent[]; document: CheckedDocument } {
  const policy = checkInlinePolicy(state, holder(state, context), policyName, document);
  return {
    events: [
      {
        type: 'GroupPolicyPut',
        data: {
          groupId: state.groupId,
          policyName,
          policyDocument: policy.policyDocument,
          size: policy.size,
        },
      },
    ],
    document: policy.checked,
  };
}

export function decideDeleteGroupPolicy(
  state: GroupState,
  policyName: string,
  context: DecideContext,
): GroupEvent[] {
  assertInlinePolicy(state, holder(state, context), policyName);
  return [{ type: 'GroupPolicyDeleted', data: { groupId: state.groupId, policyName } }];
}

export function decideAttachGroupPolicy(
  state: GroupState,
  policy: PolicyRef,
  context: DecideContext,
): GroupEvent[] {
  if (
    !checkAttach(state, holder(state, context), policy, context.limits.managedPoliciesPerPrincipal)
  )
    return [];
  return [{ type: 'GroupPolicyAttached', data: { groupId: state.groupId, ...policy } }];
}

export function decideDetachGroupPolicy(
  state: GroupState,
  policy: PolicyRef,
  context: DecideContext,
): GroupEvent[] {
  assertAttached(state, holder(state, context), policy.policyArn, policy.policyId);
  return [{ type: 'GroupPolicyDetached', data: { groupId: state.groupId, ...policy } }];
}
