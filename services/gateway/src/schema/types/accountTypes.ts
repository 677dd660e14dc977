import type { AccountInfo, PasswordPolicy as PasswordPolicyData } from '@gatehouse/iam';
import { Field, Int, ObjectType } from 'type-graphql';
import { dateOf } from './common.js';

/** The account password policy (IAM's `PasswordPolicy`). */
@ObjectType({ simpleResolvers: true })
export class PasswordPolicy {
  @Field(() => Int)
  minimumPasswordLength!: number;

  @Field(() => Boolean)
  requireSymbols!: boolean;

  @Field(() => Boolean)
  requireNumbers!: boolean;

  @Field(() => Boolean)
  requireUppercaseCharacters!: boolean;

  @Field(() => Boolean)
  requireLowercaseCharacters!: boolean;

  @Field(() => Boolean)
  allowUsersToChangePassword!: boolean;

  @Field(() => Int, { nullable: true, description: 'Days; null: passwords never expire' })
  maxPasswordAge!: number | null;

  @Field(() => Int, { nullable: true })
  passwordReusePrevention!: number | null;

  @Field(() => Boolean)
  hardExpiry!: boolean;
}

/** The account (root user's details for account-level tasks). */
@ObjectType({ simpleResolvers: true })
export class Account {
  @Field(() => String)
  accountId!: string;

  @Field(() => String)
  supportPlan!: string;

  @Field(() => Boolean)
  rootMfaEnabled!: boolean;

  @Field(() => PasswordPolicy, { nullable: true })
  passwordPolicy!: PasswordPolicy | null;

  @Field(() => Date)
  createDate!: Date;
}

/** The password policy as GraphQL returns it. */
export function passwordPolicyOf(policy: PasswordPolicyData): PasswordPolicy {
  return { ...policy };
}

/** The account from the read model (the root email is not shown: it is an account-recovery secret). */
export function accountOf(account: AccountInfo): Account {
  return {
    accountId: account.accountId,
    supportPlan: account.supportPlan,
    rootMfaEnabled: account.rootMfaEnabled,
    passwordPolicy:
      account.passwordPolicy === null ? null : passwordPolicyOf(account.passwordPolicy),
    createDate: dateOf(account.createDate),
  };
}
