import type { CommandOf } from '../commands.js';
import { decidePolicyUsage } from '../../managedPolicy/decide.js';
import { releaseName, reserveName } from '../../names/decide.js';
import * as decide from '../../role/decide.js';
import { roleEvolver } from '../../role/evolve.js';
import { entityStream } from '../../shared/streams.js';
import type { Handler, HandlerEnv } from '../handlerEnv.js';
import { loadPolicy, loadRole } from '../lookups.js';
import { roleSummary } from '../results.js';
import { releaseBoundary, useBoundary } from './userHandlers.js';

const createRole: Handler<'CreateRole'> = async (command, env) => {
  const name = await env.tx.loadName('role', command.roleName);
  const roleId = env.ctx.ids.next('role');
  env.tx.append(name, reserveName(name.state, 'role', command.roleName, roleId));
  const boundary =
    command.permissionsBoundary === undefined
      ? null
      : await useBoundary(env, command.permissionsBoundary, 'Role', roleId);
  const role = await env.tx.load(entityStream('role', roleId), roleEvolver);
  const decision = decide.decideCreateRole(command, roleId, boundary, env.ctx);
  const state = env.tx.append(role, decision.events);
  return { role: roleSummary(state), findings: decision.document.warnings };
};

const updateRole: Handler<'UpdateRole'> = async (command, env) => {
  const role = await loadRole(env.tx, command.roleName);
  env.tx.append(role, decide.decideUpdateRole(command, role.state));
  return {};
};

const updateAssumeRolePolicy: Handler<'UpdateAssumeRolePolicy'> = async (command, env) => {
  const role = await loadRole(env.tx, command.roleName);
  const decision = decide.decideUpdateAssumeRolePolicy(role.state, command.policyDocument, env.ctx);
  env.tx.append(role, decision.events);
  return { findings: decision.document.warnings };
};

const deleteRole: Handler<'DeleteRole'> = async (command, env) => {
  const role = await loadRole(env.tx, command.roleName);
  const events = decide.decideDeleteRole(role.state);
  await releaseBoundary(env, role.state.permissionsBoundary, 'Role', role.state.roleId);
  const name = await env.tx.loadName('role', role.state.roleName);
  env.tx.append(name, releaseName(name.state, 'role', role.state.roleName, role.state.roleId));
  env.tx.append(role, events);
  return {};
};

const tagRole: Handler<'TagRole' | 'UntagRole'> = async (command, env) => {
  const role = await loadRole(env.tx, command.roleName);
  env.tx.append(role, decide.decideRoleTags(command, role.state));
  return {};
};

const putRolePermissionsBoundary: Handler<'PutRolePermissionsBoundary'> = async (command, env) => {
  const role = await loadRole(env.tx, command.roleName);
  const previous = role.state.permissionsBoundary;
  const policy = await loadPolicy(env.tx, command.permissionsBoundary, env.ctx.accountId);
  if (previous?.policyId === policy.state.policyId) return {};
  const ref = await useBoundary(env, command.permissionsBoundary, 'Role', role.state.roleId);
  await releaseBoundary(env, previous, 'Role', role.state.roleId);
  env.tx.append(role, decide.decidePutRolePermissionsBoundary(role.state, ref));
  return {};
};

const deleteRolePermissionsBoundary: Handler<'DeleteRolePermissionsBoundary'> = async (
  command,
  env,
) => {
  const role = await loadRole(env.tx, command.roleName);
  const events = decide.decideDeleteRolePermissionsBoundary(role.state);
  await releaseBoundary(env, role.state.permissionsBoundary, 'Role', role.state.roleId);
  env.tx.append(role, events);
  return {};
};

const putRolePolicy: Handler<'PutRolePolicy'> = async (command, env) => {
  const role = await loadRole(env.tx, command.roleName);
  const decision = decide.decidePutRolePolicy(
    role.state,
    command.policyName,
    command.policyDocument,
    env.ctx,
  );
  env.tx.append(role, decision.events);
  return { findings: decision.document.warnings };
};

const deleteRolePolicy: Handler<'DeleteRolePolicy'> = async (command, env) => {
  const role = await loadRole(env.tx, command.roleName);
  env.tx.append(role, decide.decideDeleteRolePolicy(role.state, command.policyName, env.ctx));
  return {};
};

const attachRolePolicy: Handler<'AttachRolePolicy'> = async (command, env) => {
  const role = await loadRole(env.tx, command.roleName);
  const policy = await loadPolicy(env.tx, command.policyArn, env.ctx.accountId);
  const events = decide.decideAttachRolePolicy(
    role.state,
    { policyId: policy.state.policyId, policyArn: policy.state.arn },
    env.ctx,
  );
  if (events.length === 0) return {};
  env.tx.append(
    policy,
    decidePolicyUsage(policy.state, 'attach', 'Role', role.state.roleId, 'PermissionsPolicy'),
  );
  env.tx.append(role, events);
  return {};
};

const detachRolePolicy: Handler<'DetachRolePolicy'> = async (command, env) => {
  const role = await loadRole(env.tx, command.roleName);
  const policy = await loadPolicy(env.tx, command.policyArn, env.ctx.accountId);
  env.tx.append(
    role,
    decide.decideDetachRolePolicy(
      role.state,
      { policyId: policy.state.policyId, policyArn: policy.state.arn },
      env.ctx,
    ),
  );
  env.tx.append(
    policy,
    decidePolicyUsage(policy.state, 'detach', 'Role', role.state.roleId, 'PermissionsPolicy'),
  );
  return {};
};

/** Handlers of the role commands. */
export const roleHandlers = {
  CreateRole: createRole,
  UpdateRole: updateRole,
  UpdateAssumeRolePolicy: updateAssumeRolePolicy,
  DeleteRole: deleteRole,
  TagRole: (command: CommandOf<'TagRole'>, env: HandlerEnv) => tagRole(command, env),
  UntagRole: (command: CommandOf<'UntagRole'>, env: HandlerEnv) => tagRole(command, env),
  PutRolePermissionsBoundary: putRolePermissionsBoundary,
  DeleteRolePermissionsBoundary: deleteRolePermissionsBoundary,
  PutRolePolicy: putRolePolicy,
  DeleteRolePolicy: deleteRolePolicy,
  AttachRolePolicy: attachRolePolicy,
  DetachRolePolicy: detachRolePolicy,
} as const;
