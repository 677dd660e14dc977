import { loadAccount, loadUser, loadUserById } from '../lookups.js';
import { newAccessKeySecret } from '../../credentials/accessKeys.js';
import { secretDigest } from '../../credentials/secretHash.js';
import { isPrincipal } from '../../shared/context.js';
import { IamError } from '../../shared/iamError.js';
import { entityStream } from '../../shared/streams.js';
import { USER_POLICY_HOLDER } from '../../user/events.js';
import { userEvolver } from '../../user/evolve.js';
import * as decide from '../../user/decide.js';
import { userSummary } from '../results.js';
import type { Handler } from '../handlerEnv.js';
import { stageNewPassword, verifyPassword } from '../passwords.js';
import { principalHolderHandlers, releaseBoundary, useBoundary } from './policyHolderHandlers.js';
import { targetUser } from './targets.js';
import { moveNameReservation, releaseNameOf, reserveNewName } from './nameReservations.js';

const createUser: Handler<'CreateUser'> = async (command, env) => {
  const userId = await reserveNewName(env, 'user', 'user', command.userName);
  const boundary =
    command.permissionsBoundary === undefined
      ? null
      : await useBoundary(env, command.permissionsBoundary, {
          kind: USER_POLICY_HOLDER,
          id: userId,
        });
  const user = await env.tx.load(entityStream('user', userId), userEvolver);
  const state = env.tx.append(user, decide.decideCreateUser(command, userId, boundary, env.ctx));
  return { user: userSummary(state) };
};

const updateUser: Handler<'UpdateUser'> = async (command, env) => {
  const user = await loadUser(env.tx, command.userName);
  await moveNameReservation(
    env,
    'user',
    user.state.userName,
    command.newUserName,
    user.state.userId,
  );
  env.tx.append(user, decide.decideUpdateUser(command, user.state, env.ctx));
  return {};
};

const deleteUser: Handler<'DeleteUser'> = async (command, env) => {
  const user = await loadUser(env.tx, command.userName);
  const events = decide.decideDeleteUser(user.state);
  await releaseBoundary(env, decide.userPolicyHolder(user.state));
  await releaseNameOf(env, 'user', user.state.userName, user.state.userId);
  env.tx.append(user, events);
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

/** The user's policy, boundary and tag commands, handled as for roles. */
const asPolicyHolder = principalHolderHandlers({
  nameField: 'userName',
  load: loadUser,
  holder: decide.userPolicyHolder,
});

/** Handlers of the user commands. */
export const userHandlers = {
  CreateUser: createUser,
  UpdateUser: updateUser,
  DeleteUser: deleteUser,
  TagUser: asPolicyHolder.tag,
  UntagUser: asPolicyHolder.untag,
  PutUserPermissionsBoundary: asPolicyHolder.putBoundary,
  DeleteUserPermissionsBoundary: asPolicyHolder.deleteBoundary,
  PutUserPolicy: asPolicyHolder.putPolicy,
  DeleteUserPolicy: asPolicyHolder.deletePolicy,
  AttachUserPolicy: asPolicyHolder.attachPolicy,
  DetachUserPolicy: asPolicyHolder.detachPolicy,
  CreateLoginProfile: createLoginProfile,
  UpdateLoginProfile: updateLoginProfile,
  DeleteLoginProfile: deleteLoginProfile,
  ChangePassword: changePassword,
  CreateAccessKey: createAccessKey,
  UpdateAccessKey: updateAccessKey,
  DeleteAccessKey: deleteAccessKey,
} as const;
