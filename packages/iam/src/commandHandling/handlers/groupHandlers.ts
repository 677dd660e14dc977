import { groupEvolver } from '../../group/evolve.js';
import * as decide from '../../group/decide.js';
import { entityStream } from '../../shared/streams.js';
import { decideAddUserToGroup, decideRemoveUserFromGroup } from '../../user/decide.js';
import type { Handler } from '../handlerEnv.js';
import { loadGroup, loadUser } from '../lookups.js';
import { groupSummary } from '../results.js';
import { policyHolderHandlers } from './policyHolderHandlers.js';
import { moveNameReservation, releaseNameOf, reserveNewName } from './nameReservations.js';

const createGroup: Handler<'CreateGroup'> = async (command, env) => {
  const groupId = await reserveNewName(env, 'group', 'group', command.groupName);
  const group = await env.tx.load(entityStream('group', groupId), groupEvolver);
  const state = env.tx.append(group, decide.decideCreateGroup(command, groupId, env.ctx));
  return { group: groupSummary(state) };
};

const updateGroup: Handler<'UpdateGroup'> = async (command, env) => {
  const group = await loadGroup(env.tx, command.groupName);
  await moveNameReservation(
    env,
    'group',
    group.state.groupName,
    command.newGroupName,
    group.state.groupId,
  );
  env.tx.append(group, decide.decideUpdateGroup(command, group.state, env.ctx));
  return {};
};

const deleteGroup: Handler<'DeleteGroup'> = async (command, env) => {
  const group = await loadGroup(env.tx, command.groupName);
  const events = decide.decideDeleteGroup(group.state);
  await releaseNameOf(env, 'group', group.state.groupName, group.state.groupId);
  env.tx.append(group, events);
  return {};
};

const addUserToGroup: Handler<'AddUserToGroup'> = async (command, env) => {
  const group = await loadGroup(env.tx, command.groupName);
  const user = await loadUser(env.tx, command.userName);
  env.tx.append(user, decideAddUserToGroup(user.state, group.state.groupId, env.ctx));
  env.tx.append(group, decide.decideAddGroupMember(group.state, user.state.userId));
  return {};
};

const removeUserFromGroup: Handler<'RemoveUserFromGroup'> = async (command, env) => {
  const group = await loadGroup(env.tx, command.groupName);
  const user = await loadUser(env.tx, command.userName);
  env.tx.append(
    user,
    decideRemoveUserFromGroup(user.state, group.state.groupId, group.state.groupName),
  );
  env.tx.append(group, decide.decideRemoveGroupMember(group.state, user.state.userId));
  return {};
};

/** The group's policy commands, handled as for users and roles. */
const asPolicyHolder = policyHolderHandlers({
  nameField: 'groupName',
  load: loadGroup,
  holder: decide.groupPolicyHolder,
});

/** Handlers of the group commands. */
export const groupHandlers = {
  CreateGroup: createGroup,
  UpdateGroup: updateGroup,
  DeleteGroup: deleteGroup,
  AddUserToGroup: addUserToGroup,
  RemoveUserFromGroup: removeUserFromGroup,
  PutGroupPolicy: asPolicyHolder.putPolicy,
  DeleteGroupPolicy: asPolicyHolder.deletePolicy,
  AttachGroupPolicy: asPolicyHolder.attachPolicy,
  DetachGroupPolicy: asPolicyHolder.detachPolicy,
} as const;
