import { isPrincipal } from '../../shared/context.js';
import { IamError } from '../../shared/iamError.js';
import type { UserState } from '../../user/evolve.js';
import type { Loaded } from '../commandTransaction.js';
import type { HandlerEnv } from '../handlerEnv.js';
import { loadUser, loadUserById } from '../lookups.js';

/**
 * The user a command names, or the calling user when it names none (as IAM's
 * `UserName` "defaults to the user making the request").
 * @throws IamError `NO_SUCH_ENTITY`, `INVALID_INPUT` (no name and the caller is not a user)
 */
export async function targetUser(
  env: HandlerEnv,
  userName: string | undefined,
): Promise<Loaded<UserState>> {
  if (userName !== undefined) return loadUser(env.tx, userName);
  const actor = env.ctx.actor;
  if (!isPrincipal(actor) || actor.principalType !== 'User' || actor.userId === undefined) {
    throw new IamError(
      'INVALID_INPUT',
      '`userName` is required unless the caller is an IAM user (the root user has no access keys here)',
      {
        details: { issues: [{ path: 'userName', message: 'required' }] },
      },
    );
  }
  const user = await loadUserById(env.tx, actor.userId);
  if (user.state.status !== 'active') {
    throw new IamError('NO_SUCH_ENTITY', 'the calling user no longer exists', {
      details: { entity: 'User' },
    });
  }
  return user;
}
