import * as decide from '../../role/decide.js';
import { ROLE_POLICY_HOLDER } from '../../role/events.js';
import { roleEvolver } from '../../role/evolve.js';
import { entityStream } from '../../shared/streams.js';
import type { Handler } from '../handlerEnv.js';
import { loadRole } from '../lookups.js';
import { roleSummary } from '../results.js';
import { principalHolderHandlers, releaseBoundary, useBoundary } from './policyHolderHandlers.js';
import { releaseNameOf, reserveNewName } from './nameReservations.js';

const createRole: Handler<'CreateRole'> = async (command, env) => {
  const roleId = await reserveNewName(env, 'role', 'role', command.roleName);
  const boundary =
    command.permissionsBoundary === undefined
      ? null
      : await useBoundary(env, command.permissionsBoundary, {
          kind: ROLE_POLICY_HOLDER,
          id: roleId,
        });
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
  await releaseBoundary(env, decide.rolePolicyHolder(role.state));
  await releaseNameOf(env, 'role', role.state.roleName, role.state.roleId);
  env.tx.append(role, events);
  return {};
};

/** The role's policy, boundary and tag commands, handled as for users. */
const asPolicyHolder = principalHolderHandlers({
  nameField: 'roleName',
  load: loadRole,
  holder: decide.rolePolicyHolder,
});

/** Handlers of the role commands. */
export const roleHandlers = {
  CreateRole: createRole,
  UpdateRole: updateRole,
  UpdateAssumeRolePolicy: updateAssumeRolePolicy,
  DeleteRole: deleteRole,
  TagRole: asPolicyHolder.tag,
  UntagRole: asPolicyHolder.untag,
  PutRolePermissionsBoundary: asPolicyHolder.putBoundary,
  DeleteRolePermissionsBoundary: asPolicyHolder.deleteBoundary,
  PutRolePolicy: asPolicyHolder.putPolicy,
  DeleteRolePolicy: asPolicyHolder.deletePolicy,
  AttachRolePolicy: asPolicyHolder.attachPolicy,
  DetachRolePolicy: asPolicyHolder.detachPolicy,
} as const;
