import type { CommandOf } from '../commands.js';
import { decideAccount } from '../../account/decide.js';
import type { Handler, HandlerEnv } from '../handlerEnv.js';
import { loadAccount } from '../lookups.js';

const accountCommand: Handler<
  | 'UpdateRootEmail'
  | 'UpdateSupportPlan'
  | 'UpdateAccountPasswordPolicy'
  | 'DeleteAccountPasswordPolicy'
> = async (command, env) => {
  const account = await loadAccount(env.tx);
  env.tx.append(account, decideAccount(command, account.state, env.ctx));
  return {};
};

/** Handlers of the account commands. */
export const accountHandlers = {
  UpdateRootEmail: (command: CommandOf<'UpdateRootEmail'>, env: HandlerEnv) =>
    accountCommand(command, env),
  UpdateSupportPlan: (command: CommandOf<'UpdateSupportPlan'>, env: HandlerEnv) =>
    accountCommand(command, env),
  UpdateAccountPasswordPolicy: (
    command: CommandOf<'UpdateAccountPasswordPolicy'>,
    env: HandlerEnv,
  ) => accountCommand(command, env),
  DeleteAccountPasswordPolicy: (
    command: CommandOf<'DeleteAccountPasswordPolicy'>,
    env: HandlerEnv,
  ) => accountCommand(command, env),
} as const;
