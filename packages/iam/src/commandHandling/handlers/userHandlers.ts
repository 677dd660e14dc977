import type { CommandOf } from '../commands.js';
import { loadAccount, loadPolicy, loadPolicyById, loadUser, loadUserById } from '../lookups.js';
import { newAccessKeySecret } from '../../credentials/accessKeys.js';
import { secretDigest } from '../../credentials/secretHash.js';
import { decidePolicyUsage } from '../../managedPolicy/decide.js';
import { releaseName, reserveName } from '../../names/decide.js';
import type { PolicyRef } from '../../shared/events.js';
import { isPrincipal } from '../../shared/context.js';
import { IamError } from '../../shared/iamError.js';
import { entityStream } from '../../shared/streams.js';
import { nameKey } from '../../shared/validation.js';
import { userEvolver } from '../../user/evolve.js';
import * as decide from '../../user/decide.js';
import { userSummary } from '../results.js';
import type { Handler, HandlerEnv } from '../handlerEnv.js';
import { stageNewPassword, verifyPassword } from '../passwords.js';
import { targetUser } from './targets.js';

/** Loads a boundary policy and records the principal's use of it. */
async function useBoundary(
  env: HandlerEnv,
  policyArn: string,
  entityType: 'User' | 'Role',
  entityId: string,
): Promise<PolicyRef> {
  const policy = await loadPolicy(env.tx, policyArn, env.ctx.accountId);
  env.tx.append(
    policy,
    decidePolicyUsage(policy.state, 'attach', entityType, entityId, 'PermissionsBoundary'),
  );
  return { policyId: policy.state.policyId, policyArn: policy.state.arn };
}

/** Records that a principal no longer uses a boundary policy. */
export async function releaseBoundary(
  env: HandlerEnv,
  ref: PolicyRef | null,
  entityType: 'User' | 'Role',
  entityId: string,
): Promise<void> {
  if (ref === null) return;
  const policy = await loadPolicyById(env.tx, ref.policyId);
  env.tx.append(
    policy,
    decidePolicyUsage(policy.state, 'detach', entityType, entityId, 'PermissionsBoundary'),
  );
}

export { useBoundary };

const createUser: Handler<'CreateUser'> = async (command, env) => {
  const name = await env.tx.loadName('user', command.userName);
  const userId = env.ctx.ids.next('user');
  env.tx.append(name, reserveName(name.state, 'user', command.userName, userId));
  const boundary =
    command.permissionsBoundary === undefined
      ? null
      : await useBoundary(env, command.permissionsBoundary, 'User', userId);
  const user = await env.tx.load(entityStream('user', userId), userEvolver);
  const state = env.tx.append(user, decide.decideCreateUser(command, userId, boundary, env.ctx));
  return { user: userSummary(state) };
};

const updateUser: Handler<'UpdateUser'> = async (command, env) => {
  const user = await loadUser(env.tx, command.userName);
  const newName = command.newUserName;
  if (newName !== undefined && nameKey(newName) !== nameKey(user.state.userName)) {
    const taken = await env.tx.loadName('user', newName);
    env.tx.append(taken, reserveName(taken.state, 'user', newName, user.state.userId));
    const old = await env.tx.loadName('user', user.state.userName);
    env.tx.append(old, releaseName(old.state, 'user', user.state.userName, user.state.userId));
  }
  env.tx.append(user, decide.decideUpdateUser(command, user.state, env.ctx));
  return {};
};

const deleteUser: Handler<'DeleteUser'> = async (command, env) => {
  const user = await loadUser(env.tx, command.userName);
  const events = decide.decideDeleteUser(user.state);
  await releaseBoundary(env, user.state.permissionsBoundary, 'User', user.state.userId);
  const name = await env.tx.loadName('user', user.state.userName);
  env.tx.append(name, releaseName(name.state, 'user', user.state.userName, user.state.userId));
  env.tx.append(user, events);
  return {};
};

const tagUser: Handler<'TagUser' | 'UntagUser'> = async (command, env) => {
  const user = await loadUser(env.tx, command.userName);
  env.tx.append(user, decide.decideUserTags(command, user.state));
  return {};
};

const putUserPermissionsBoundary: Handler<'PutUserPermissionsBoundary'> = async (command, env) => {
  const user = await loadUser(env.tx, command.userName);
  const previous = user.state.permissionsBoundary;
  const policy = await loadPolicy(env.tx, command.permissionsBoundary, env.ctx.accountId);
  if (previous?.policyId === policy.state.policyId) return {};
  const ref = await useBoundary(env, command.permissionsBoundary, 'User', user.state.userId);
  await releaseBoundary(env, previous, 'User', user.state.userId);
  env.tx.append(user, decide.decidePutUserPermissionsBoundary(user.state, ref));
  return {};
};

const deleteUserPermissionsBoundary: Handler<'DeleteUserPermissionsBoundary'> = async (
  command,
  env,
) => {
  const user = await loadUser(env.tx, command.userName);
  const events = decide.decideDeleteUserPermissionsBoundary(user.state);
  await releaseBoundary(env, user.state.permissionsBoundary, 'User', user.state.userId);
  env.tx.append(user, events);
  return {};
};

const putUserPolicy: Handler<'PutUserPolicy'> = async (command, env) => {
  const user = await loadUser(env.tx, command.userName);
  const decision = decide.decidePutUserPolicy(
    user.state,
    command.policyName,
    command.policyDocument,
    env.ctx,
  );
  env.tx.append(user, decision.events);
  return { findings: decision.document.warnings };
};

const deleteUserPolicy: Handler<'DeleteUserPolicy'> = async (command, env) => {
  const user = await loadUser(env.tx, command.userName);
  env.tx.append(user, decide.decideDeleteUserPolicy(user.state, command.policyName, env.ctx));
  return {};
};

const attachUserPolicy: Handler<'AttachUserPolicy'> = async (command, env) => {
  const user = await loadUser(env.tx, command.userName);
  const policy = await loadPolicy(env.tx, command.policyArn, env.ctx.accountId);
  const ref = { policyId: policy.state.policyId, policyArn: policy.state.arn };
  const events = decide.decideAttachUserPolicy(user.state, ref, env.ctx);
  if (events.length === 0) return {};
  env.tx.append(
    policy,
    decidePolicyUsage(policy.state, 'attach', 'User', user.state.userId, 'PermissionsPolicy'),
  );
  env.tx.append(user, events);
  return {};
};

const detachUserPolicy: Handler<'DetachUserPolicy'> = async (command, env) => {
  const user = await loadUser(env.tx, command.userName);
  const policy = await loadPolicy(env.tx, command.policyArn, env.ctx.accountId);
  const ref = { policyId: policy.state.policyId, policyArn: policy.state.arn };
  env.tx.append(user, decide.decideDetachUserPolicy(user.state, ref, env.ctx));
  env.tx.append(
    policy,
    decidePolicyUsage(policy.state, 'detach', 'User', user.state.userId, 'PermissionsPolicy'),
  );
  return {};
};

const createLoginProfile: Handler<'CreateLoginProfile'> = async (command, env) => {
  const user = await loadUser(env.tx, command.userName);
  decide.assertNoLoginProfile(user.state);
  const account = await loadAccount(env.tx);
  const secretId = await stageNewPassword(
    env,
    command.password,
    account.state.passwordPolicy,
    user.state.passwordHistory,
  );
  const reset = command.passwordResetRequired ?? false;
  env.tx.append(user, decide.decideCreateLoginProfile(user.state, secretId, reset));
  return {
    loginProfile: {
      userName: user.state.userName,
      createDate: env.ctx.now.toISOString(),
      passwordResetRequired: reset,
    },
  };
};

const updateLoginProfile: Handler<'UpdateLoginProfile'> = async (command, env) => {
  const user = await loadUser(env.tx, command.userName);
  decide.assertLoginProfile(user.state);
  let secretId: string | null = null;
  if (command.password !== undefined) {
    const account = await loadAccount(env.tx);
    secretId = await stageNewPassword(
      env,
      command.password,
      account.state.passwordPolicy,
      user.state.passwordHistory,
    );
  }
  env.tx.append(
    user,
    decide.decideUpdateLoginProfile(user.state, secretId, command.passwordResetRequired),
  );
  return {};
};

const deleteLoginProfile: Handler<'DeleteLoginProfile'> = async (command, env) => {
  const user = await loadUser(env.tx, command.userName);
  env.tx.append(user, decide.decideDeleteLoginProfile(user.state));
  return {};
};

const changePassword: Handler<'ChangePassword'> = async (command, env) => {
  const actor = env.ctx.actor;
  const account = await loadAccount(env.tx);
  if (isPrincipal(actor) && actor.principalType === 'Root') {
    if (!(await verifyPassword(env, account.state.rootPasswordSecretId, command.oldPassword))) {
      throw new IamError('INVALID_CREDENTIALS', 'the current password is incorrect');
    }
    const secretId = await stageNewPassword(env, command.newPassword, null, []);
    env.tx.append(account, [{ type: 'RootPasswordChanged', data: { secretId, generated: false } }]);
    return {};
  }
  if (!isPrincipal(actor) || actor.principalType !== 'User' || actor.userId === undefined) {
    throw new IamError(
      'INVALID_INPUT',
      'only an IAM user or the root user can change its own password',
      {
        details: { issues: [{ path: 'type', message: 'caller is not a user' }] },
      },
    );
  }
  const user = await loadUserById(env.tx, actor.userId);
  if (user.state.status !== 'active')
    throw new IamError('NO_SUCH_ENTITY', 'the calling user no longer exists');
  decide.assertLoginProfile(user.state);
  if (
    !(await verifyPassword(env, user.state.loginProfile?.secretId ?? null, command.oldPassword))
  ) {
    throw new IamError('INVALID_CREDENTIALS', 'the current password is incorrect');
  }
  const secretId = await stageNewPassword(
    env,
    command.newPassword,
    account.state.passwordPolicy,
    user.state.passwordHistory,
  );
  env.tx.append(user, decide.decideChangePassword(user.state, secretId));
  return {};
};

const createAccessKey: Handler<'CreateAccessKey'> = async (command, env) => {
  const user = await targetUser(env, command.userName);
  const accessKeyId = env.ctx.ids.next('accessKey');
  const secretId = env.ctx.ids.uuid();
  const events = decide.decideCreateAccessKey(user.state, accessKeyId, secretId, env.ctx);
  const secretAccessKey = newAccessKeySecret();
  env.tx.addSecret({
    id: secretId,
    kind: 'access_key',
    material: secretDigest('access-key', secretAccessKey),
  });
  env.tx.append(user, events);
  return {
    accessKey: {
      userName: user.state.userName,
      accessKeyId,
      secretAccessKey,
      status: 'Active',
      createDate: env.ctx.now.toISOString(),
    },
  };
};

const updateAccessKey: Handler<'UpdateAccessKey'> = async (command, env) => {
  const user = await targetUser(env, command.userName);
  env.tx.append(
    user,
    decide.decideUpdateAccessKey(user.state, command.accessKeyId, command.status),
  );
  return {};
};

const deleteAccessKey: Handler<'DeleteAccessKey'> = async (command, env) => {
  const user = await targetUser(env, command.userName);
  env.tx.append(user, decide.decideDeleteAccessKey(user.state, command.accessKeyId));
  return {};
};

/** Handlers of the user commands. */
export const userHandlers = {
  CreateUser: createUser,
  UpdateUser: updateUser,
  DeleteUser: deleteUser,
  TagUser: (command: CommandOf<'TagUser'>, env: HandlerEnv) => tagUser(command, env),
  UntagUser: (command: CommandOf<'UntagUser'>, env: HandlerEnv) => tagUser(command, env),
  PutUserPermissionsBoundary: putUserPermissionsBoundary,
  DeleteUserPermissionsBoundary: deleteUserPermissionsBoundary,
  PutUserPolicy: putUserPolicy,
  DeleteUserPolicy: deleteUserPolicy,
  AttachUserPolicy: attachUserPolicy,
  DetachUserPolicy: detachUserPolicy,
  CreateLoginProfile: createLoginProfile,
  UpdateLoginProfile: updateLoginProfile,
  DeleteLoginProfile: deleteLoginProfile,
  ChangePassword: changePassword,
  CreateAccessKey: createAccessKey,
  UpdateAccessKey: updateAccessKey,
  DeleteAccessKey: deleteAccessKey,
} as const;
