import { Arg, Args, ArgsType, Ctx, Field, Int, Mutation, Query, Resolver } from 'type-graphql';
import { Authorized, RootOnly } from '../authorization/declaration.js';
import type { GatewayContext } from '../context/gatewayContext.js';
import { GatewayError, badInput } from '../errors/gatewayError.js';
import {
  Account,
  accountOf,
  PasswordPolicy,
  passwordPolicyOf,
} from '../schema/types/accountTypes.js';
import { MutationResult } from '../schema/types/common.js';
import { runCommand } from './support/runCommand.js';
import { withoutNulls } from './support/withoutNulls.js';

@ArgsType()
class UpdateAccountPasswordPolicyArgs {
  @Field(() => Int, { nullable: true })
  minimumPasswordLength?: number | null;

  @Field(() => Boolean, { nullable: true })
  requireSymbols?: boolean | null;

  @Field(() => Boolean, { nullable: true })
  requireNumbers?: boolean | null;

  @Field(() => Boolean, { nullable: true })
  requireUppercaseCharacters?: boolean | null;

  @Field(() => Boolean, { nullable: true })
  requireLowercaseCharacters?: boolean | null;

  @Field(() => Boolean, { nullable: true })
  allowUsersToChangePassword?: boolean | null;

  @Field(() => Int, { nullable: true })
  maxPasswordAge?: number | null;

  @Field(() => Int, { nullable: true })
  passwordReusePrevention?: number | null;

  @Field(() => Boolean, { nullable: true })
  hardExpiry?: boolean | null;
}

const SUPPORT_PLANS = ['Basic', 'Developer', 'Business', 'Enterprise'] as const;

/** The account: summary, password policy, and the root user's account-level tasks. */
@Resolver()
export class AccountResolver {
  @Query(() => Account, {
    description: 'IAM GetAccountSummary (the account, its password policy, root MFA)',
  })
  @Authorized('iam:GetAccountSummary', () => '*')
  async getAccountSummary(@Ctx() context: GatewayContext): Promise<Account> {
    await context.services.readModels.current();
    return accountOf(await context.services.queries.getAccount());
  }

  @Query(() => PasswordPolicy, { description: 'IAM GetAccountPasswordPolicy' })
  @Authorized('iam:GetAccountPasswordPolicy', () => '*')
  async getAccountPasswordPolicy(@Ctx() context: GatewayContext): Promise<PasswordPolicy> {
    await context.services.readModels.current();
    const { passwordPolicy } = await context.services.queries.getAccount();
    if (passwordPolicy === null) {
      throw new GatewayError(
        'NOT_FOUND',
        'the account has no password policy (IAM default rules apply)',
        {
          details: { reason: 'NO_SUCH_ENTITY', entity: 'password policy' },
        },
      );
    }
    return passwordPolicyOf(passwordPolicy);
  }

  @Mutation(() => MutationResult, {
    description: 'IAM UpdateAccountPasswordPolicy (omitted fields take defaults)',
  })
  @Authorized('iam:UpdateAccountPasswordPolicy', () => '*')
  async updateAccountPasswordPolicy(
    @Args() args: UpdateAccountPasswordPolicyArgs,
    @Ctx() context: GatewayContext,
  ): Promise<MutationResult> {
    const { checkpoint } = await runCommand(context, {
      type: 'UpdateAccountPasswordPolicy',
      ...withoutNulls(args),
    });
    return { checkpoint };
  }

  @Mutation(() => MutationResult, { description: 'IAM DeleteAccountPasswordPolicy' })
  @Authorized('iam:DeleteAccountPasswordPolicy', () => '*')
  async deleteAccountPasswordPolicy(@Ctx() context: GatewayContext): Promise<MutationResult> {
    const { checkpoint } = await runCommand(context, { type: 'DeleteAccountPasswordPolicy' });
    return { checkpoint };
  }

  @Mutation(() => MutationResult, { description: "Changes the root user's email (root only)" })
  @RootOnly('an account-level task of the root user, as in AWS: no policy can grant it')
  async updateRootEmail(
    @Arg('rootEmail', () => String) rootEmail: string,
    @Ctx() context: GatewayContext,
  ): Promise<MutationResult> {
    const { checkpoint } = await runCommand(context, { type: 'UpdateRootEmail', rootEmail });
    return { checkpoint };
  }

  @Mutation(() => MutationResult, { description: 'Changes the support plan (root only)' })
  @RootOnly('an account-level task of the root user, as in AWS: no policy can grant it')
  async updateSupportPlan(
    @Arg('supportPlan', () => String) supportPlan: string,
    @Ctx() context: GatewayContext,
  ): Promise<MutationResult> {
    const plan = SUPPORT_PLANS.find((p) => p === supportPlan);
    if (plan === undefined)
      throw badInput('supportPlan', `must be one of ${SUPPORT_PLANS.join(', ')}`);
    const { checkpoint } = await runCommand(context, {
      type: 'UpdateSupportPlan',
      supportPlan: plan,
    });
    return { checkpoint };
  }
}
