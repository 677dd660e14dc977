import { Args, ArgsType, Ctx, Field, Mutation, Query, Resolver } from 'type-graphql';
import { AuthenticatedOnly, Authorized } from '../authorization/declaration.js';
import type { GatewayContext } from '../context/gatewayContext.js';
import { badInput } from '../errors/gatewayError.js';
import { connectionOfAll } from '../relay/connectionType.js';
import { MutationResult, dateOf } from '../schema/types/common.js';
import {
  AccessKey,
  AccessKeyMetadataConnection,
  accessKeyMetadataOf,
  LoginProfile,
} from '../schema/types/credentialTypes.js';
import { notFound } from './support/readModels.js';
import { principalOf, runCommand } from './support/runCommand.js';
import { withoutNulls } from './support/withoutNulls.js';

@ArgsType()
class CreateLoginProfileArgs {
  @Field(() => String)
  userName!: string;

  @Field(() => String)
  password!: string;

  @Field(() => Boolean, {
    nullable: true,
    description: 'The user must change it at the next sign-in',
  })
  passwordResetRequired?: boolean | null;
}

@ArgsType()
class UpdateLoginProfileArgs {
  @Field(() => String)
  userName!: string;

  @Field(() => String, { nullable: true })
  password?: string | null;

  @Field(() => Boolean, { nullable: true })
  passwordResetRequired?: boolean | null;
}

@ArgsType()
class UserNameArgs {
  @Field(() => String)
  userName!: string;
}

@ArgsType()
class ChangePasswordArgs {
  @Field(() => String)
  oldPassword!: string;

  @Field(() => String)
  newPassword!: string;
}

@ArgsType()
class OptionalUserArgs {
  @Field(() => String, { nullable: true, description: 'The caller when left out' })
  userName?: string | null;
}

@ArgsType()
class UpdateAccessKeyArgs {
  @Field(() => String, { nullable: true, description: 'The caller when left out' })
  userName?: string | null;

  @Field(() => String)
  accessKeyId!: string;

  @Field(() => String, { description: '`Active` or `Inactive`' })
  status!: string;
}

@ArgsType()
class DeleteAccessKeyArgs {
  @Field(() => String, { nullable: true, description: 'The caller when left out' })
  userName?: string | null;

  @Field(() => String)
  accessKeyId!: string;
}

function accessKeyStatus(status: string): 'Active' | 'Inactive' {
  if (status === 'Active' || status === 'Inactive') return status;
  throw badInput('status', 'must be `Active` or `Inactive`');
}

/** Passwords and access keys. */
@Resolver()
export class CredentialResolver {
  @Mutation(() => LoginProfile, { description: 'IAM CreateLoginProfile: give a user a password' })
  @Authorized<CreateLoginProfileArgs>('iam:CreateLoginProfile', (args, { arns }) =>
    arns.user(args.userName),
  )
  async createLoginProfile(
    @Args() args: CreateLoginProfileArgs,
    @Ctx() context: GatewayContext,
  ): Promise<LoginProfile> {
    const { loginProfile } = await runCommand(context, {
      type: 'CreateLoginProfile',
      ...withoutNulls(args),
      userName: args.userName,
      password: args.password,
    });
    return { ...loginProfile, createDate: dateOf(loginProfile.createDate) };
  }

  @Mutation(() => MutationResult, {
    description: "IAM UpdateLoginProfile: reset a user's password or its reset flag",
  })
  @Authorized<UpdateLoginProfileArgs>('iam:UpdateLoginProfile', (args, { arns }) =>
    arns.user(args.userName),
  )
  async updateLoginProfile(
    @Args() args: UpdateLoginProfileArgs,
    @Ctx() context: GatewayContext,
  ): Promise<MutationResult> {
    const { checkpoint } = await runCommand(context, {
      type: 'UpdateLoginProfile',
      ...withoutNulls(args),
      userName: args.userName,
    });
    return { checkpoint };
  }

  @Mutation(() => MutationResult, { description: 'IAM DeleteLoginProfile' })
  @Authorized<UserNameArgs>('iam:DeleteLoginProfile', (args, { arns }) => arns.user(args.userName))
  async deleteLoginProfile(
    @Args() args: UserNameArgs,
    @Ctx() context: GatewayContext,
  ): Promise<MutationResult> {
    const { checkpoint } = await runCommand(context, {
      type: 'DeleteLoginProfile',
      userName: args.userName,
    });
    return { checkpoint };
  }

  @Mutation(() => MutationResult, { description: "IAM ChangePassword: the caller's own password" })
  @AuthenticatedOnly(
    'IAM lets users change their own password when the account password policy allows it, without any policy; the domain decides (iam:ChangePassword on the caller otherwise) and requires the old password',
  )
  async changePassword(
    @Args() args: ChangePasswordArgs,
    @Ctx() context: GatewayContext,
  ): Promise<MutationResult> {
    const { checkpoint } = await runCommand(context, {
      type: 'ChangePassword',
      oldPassword: args.oldPassword,
      newPassword: args.newPassword,
    });
    return { checkpoint };
  }

  @Mutation(() => AccessKey, { description: 'IAM CreateAccessKey: the secret is shown once' })
  @Authorized<OptionalUserArgs>('iam:CreateAccessKey', (args, { arns, principal }) =>
    arns.userOrSelf(args.userName, principal),
  )
  async createAccessKey(
    @Args() args: OptionalUserArgs,
    @Ctx() context: GatewayContext,
  ): Promise<AccessKey> {
    const { accessKey } = await runCommand(context, {
      type: 'CreateAccessKey',
      ...withoutNulls(args),
    });
    return { ...accessKey, createDate: dateOf(accessKey.createDate) };
  }

  @Mutation(() => MutationResult, { description: 'IAM UpdateAccessKey: activate or deactivate' })
  @Authorized<UpdateAccessKeyArgs>('iam:UpdateAccessKey', (args, { arns, principal }) =>
    arns.userOrSelf(args.userName, principal),
  )
  async updateAccessKey(
    @Args() args: UpdateAccessKeyArgs,
    @Ctx() context: GatewayContext,
  ): Promise<MutationResult> {
    const { checkpoint } = await runCommand(context, {
      type: 'UpdateAccessKey',
      ...withoutNulls(args),
      accessKeyId: args.accessKeyId,
      status: accessKeyStatus(args.status),
    });
    return { checkpoint };
  }

  @Mutation(() => MutationResult, { description: 'IAM DeleteAccessKey' })
  @Authorized<DeleteAccessKeyArgs>('iam:DeleteAccessKey', (args, { arns, principal }) =>
    arns.userOrSelf(args.userName, principal),
  )
  async deleteAccessKey(
    @Args() args: DeleteAccessKeyArgs,
    @Ctx() context: GatewayContext,
  ): Promise<MutationResult> {
    const { checkpoint } = await runCommand(context, {
      type: 'DeleteAccessKey',
      ...withoutNulls(args),
      accessKeyId: args.accessKeyId,
    });
    return { checkpoint };
  }

  @Query(() => AccessKeyMetadataConnection, {
    description: 'IAM ListAccessKeys (at most two per user)',
  })
  @Authorized<OptionalUserArgs>('iam:ListAccessKeys', (args, { arns, principal }) =>
    arns.userOrSelf(args.userName, principal),
  )
  async listAccessKeys(
    @Args() args: OptionalUserArgs,
    @Ctx() context: GatewayContext,
  ): Promise<AccessKeyMetadataConnection> {
    const userName = args.userName ?? principalOf(context).userName;
    if (userName === undefined) throw notFound('user', '(caller)');
    await context.services.readModels.current();
    const keys = await context.services.queries.listAccessKeys(userName);
    return connectionOfAll(keys.map(accessKeyMetadataOf), (k) => k.accessKeyId);
  }
}
