import { IamError } from '../shared/iamError.js';
import type { DecideContext } from '../shared/context.js';
import type { PasswordPolicy } from '../credentials/passwordPolicy.js';
import type { AccountCommand } from './commands.js';
import type { AccountEvent } from './events.js';
import type { AccountState } from './evolve.js';

/** Root-only tasks, as in AWS ("Tasks that require root user credentials"). */
function assertRoot(context: DecideContext, task: string): void {
  if (context.actor.principalType !== 'Root') {
    throw new IamError('ACCESS_DENIED', `only the root user can ${task}`, {
      details: { principal: context.actor.principalArn },
    });
  }
}

/** Creates the account (bootstrap). */
export function decideCreateAccount(
  state: AccountState,
  input: { accountId: string; rootEmail: string; rootPasswordSecretId: string; generated: boolean },
): AccountEvent[] {
  if (state.exists) {
    throw new IamError('ENTITY_ALREADY_EXISTS', `account \`${state.accountId}\` already exists`);
  }
  return [
    {
      type: 'AccountCreated',
      data: { accountId: input.accountId, rootEmail: input.rootEmail, supportPlan: 'Basic' },
    },
    {
      type: 'RootPasswordChanged',
      data: { secretId: input.rootPasswordSecretId, generated: input.generated },
    },
  ];
}

/**
 * Decides the account's own commands. Root email and support plan are root-only
 * tasks; the password policy is an ordinary IAM action.
 * @throws IamError `ACCESS_DENIED`, `ACCOUNT_NOT_BOOTSTRAPPED`
 */
export function decideAccount(
  command: AccountCommand,
  state: AccountState,
  context: DecideContext,
): AccountEvent[] {
  if (!state.exists)
    throw new IamError('ACCOUNT_NOT_BOOTSTRAPPED', 'the account has not been created');
  switch (command.type) {
    case 'UpdateRootEmail':
      assertRoot(context, 'change the root email address');
      if (command.rootEmail === state.rootEmail) return [];
      return [{ type: 'RootEmailChanged', data: { rootEmail: command.rootEmail } }];
    case 'UpdateSupportPlan':
      assertRoot(context, 'change the support plan');
      if (command.supportPlan === state.supportPlan) return [];
      return [{ type: 'SupportPlanChanged', data: { supportPlan: command.supportPlan } }];
    case 'UpdateAccountPasswordPolicy': {
      const passwordPolicy: PasswordPolicy = {
        minimumPasswordLength: command.minimumPasswordLength ?? 8,
        requireSymbols: command.requireSymbols ?? false,
        requireNumbers: command.requireNumbers ?? false,
        requireUppercaseCharacters: command.requireUppercaseCharacters ?? false,
        requireLowercaseCharacters: command.requireLowercaseCharacters ?? false,
        allowUsersToChangePassword: command.allowUsersToChangePassword ?? false,
        maxPasswordAge: command.maxPasswordAge ?? null,
        passwordReusePrevention: command.passwordReusePrevention ?? null,
        hardExpiry: command.hardExpiry ?? false,
      };
      return [{ type: 'AccountPasswordPolicyUpdated', data: { passwordPolicy } }];
    }
    case 'DeleteAccountPasswordPolicy':
      if (state.passwordPolicy === null) {
        throw new IamError('NO_SUCH_ENTITY', 'the account has no password policy', {
          details: { entity: 'PasswordPolicy' },
        });
      }
      return [{ type: 'AccountPasswordPolicyDeleted', data: {} }];
  }
}
