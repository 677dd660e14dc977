import { assertHolderDeletable, type PolicyHolder } from '../principals/policyHolder/decide.js';
import { iamArn } from '../shared/arn.js';
import type { DecideContext } from '../shared/context.js';
import { noSuchEntity } from '../shared/iamError.js';
import type { CreateGroup, UpdateGroup } from './commands.js';
import { GROUP_POLICY_HOLDER, type GroupEvent } from './events.js';
import type { GroupState } from './evolve.js';

/** @throws IamError `NO_SUCH_ENTITY` unless the group exists */
export function assertGroupExists(state: GroupState, groupName: string): void {
  if (state.status !== 'active') throw noSuchEntity('group', groupName);
}

/**
 * The group as a policy holder: its inline and managed policies are decided
 * by `principals/policyHolder` as for users and roles.
 */
export function groupPolicyHolder(state: GroupState): PolicyHolder<'Group', 'groupId'> {
  return { kind: GROUP_POLICY_HOLDER, id: state.groupId, name: state.groupName, state };
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
  assertHolderDeletable(groupPolicyHolder(state), [state.members.length > 0 && 'members']);
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
