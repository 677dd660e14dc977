import { groupEvolver } from '../../group/evolve.js';
import * as decide from '../../group/decide.js';
import { decidePolicyUsage } from '../../managedPolicy/decide.js';
import { releaseName, reserveName } from '../../names/decide.js';
import { entityStream } from '../../shared/streams.js';
import { nameKey } from '../../shared/validation.js';
import { decideAddUserToGroup, decideRemoveUserFromGroup } from '../../user/decide.js';
import type { Handler } from '../handlerEnv.js';
import { loadGroup, loadPolicy, loadUser } from '../lookups.js';
import { groupSummary } from '../results.js';

const createGroup: Handler<'CreateGroup'> = async (command, env) => {
  const name = await env.tx.loadName('group', command.groupName);
  const groupId = env.ctx.ids.next('group');
  env.tx.append(name, reserveName(name.state, 'group', command.groupName, groupId));
  const group = await env.tx.load(entityStream('group', groupId), groupEvolver);
  const state = env.tx.append(group, decide.decideCreateGroup(command, groupId, env.ctx));
  return { group: groupSummary(state) };
};

const updateGroup: Handler<'UpdateGroup'> = async (command, env) => {
  const group = await loadGroup(env.tx, command.groupName);
  const newName = command.newGroupName;
  if (newName !== undefined && nameKey(newName) !== nameKey(group.state.groupName)) {
    const taken = await env.tx.loadName('group', newName);
    env.tx.append(taken, reserveName(taken.state, 'group', newName, group.state.groupId));
    const old = await env.tx.loadName('group', group.state.groupName);
    env.tx.append(old, releaseName(old.state, 'group', group.state.groupName, group.state.groupId));
  }
  env.tx.append(group, decide.decideUpdateGroup(command, group.state, env.ctx));
  return {};
};

const deleteGroup: Handler<'DeleteGroup'> = async (command, env) => {
  const group = await loadGroup(env.tx, command.groupName);
  const events = decide.decideDeleteGroup(group.state);
  const name = await env.tx.loadName('group', group.state.groupName);
  env.tx.append(name, releaseName(name.state, 'group', group.state.groupName, group.state.groupId));
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

const putGroupPolicy: Handler<'PutGroupPolicy'> = async (command, env) => {
  const group = await loadGroup(env.tx, command.groupName);
  const decision = decide.decidePutGroupPolicy(
    group.state,
    command.policyName,
    command.policyDocument,
    env.ctx,
  );
  env.tx.append(group, decision.events);
  return { findings: decision.document.warnings };
};

const deleteGroupPolicy: Handler<'DeleteGroupPolicy'> = async (command, env) => {
  const group = await loadGroup(env.tx, command.groupName);
  env.tx.append(group, decide.decideDeleteGroupPolicy(group.state, command.policyName, env.ctx));
  return {};
};

const attachGroupPolicy: Handler<'AttachGroupPolicy'> = async (command, env) => {
  const group = await loadGroup(env.tx, command.groupName);
  const policy = await loadPolicy(env.tx, command.policyArn, env.ctx.accountId);
  const events = decide.decideAttachGroupPolicy(
    group.state,
    { policyId: policy.state.policyId, policyArn: policy.state.arn },
    env.ctx,
  );
  if (events.length === 0) return {};
  env.tx.append(
    policy,
    decidePolicyUsage(policy.state, 'attach', 'Group', group.state.groupId, 'PermissionsPolicy'),
  );
  env.tx.append(group, events);
  return {};
};

const detachGroupPolicy: Handler<'DetachGroupPolicy'> = async (command, env) => {
  const group = await loadGroup(env.tx, command.groupName);
  const policy = await loadPolicy(env.tx, command.policyArn, env.ctx.accountId);
  env.tx.append(
    group,
    decide.decideDetachGroupPolicy(
      group.state,
      { policyId: policy.state.policyId, policyArn: policy.state.arn },
      env.ctx,
    ),
  );
  env.tx.append(
    policy,
    decidePolicyUsage(policy.state, 'detach', 'Group', group.state.groupId, 'PermissionsPolicy'),
  );
  return {};
};

/** Handlers of the group commands. */
export const groupHandlers = {
  CreateGroup: createGroup,
  UpdateGroup: updateGroup,
  DeleteGroup: deleteGroup,
  AddUserToGroup: addUserToGroup,
  RemoveUserFromGroup: removeUserFromGroup,
  PutGroupPolicy: putGroupPolicy,
  DeleteGroupPolicy: deleteGroupPolicy,
  AttachGroupPolicy: attachGroupPolicy,
  DetachGroupPolicy: detachGroupPolicy,
} as const;
