import { Arg, Args, ArgsType, Ctx, Field, Mutation, Query, Resolver } from 'type-graphql';
import { Authorized } from '../authorization/declaration.js';
import {
  permissionsBoundaryKey,
  requestTagKeys,
  tagKeysKey,
} from '../authorization/conditionKeys.js';
import type { GatewayContext } from '../context/gatewayContext.js';
import { PageArgs, pageOf } from '../relay/pageArgs.js';
import { MutationResult, plainTags, TagInput } from '../schema/types/common.js';
import {
  GroupConnection,
  groupOf,
  User,
  UserConnection,
  userOf,
} from '../schema/types/identityTypes.js';
import { PermissionChangePayload } from '../schema/types/analysisTypes.js';
import { CreateUserPayload } from '../schema/types/payloadTypes.js';
import { notFound } from './support/readModels.js';
import { changePermissions, principalOf, runCommand } from './support/runCommand.js';
import { withoutNulls } from './support/withoutNulls.js';

@ArgsType()
class CreateUserArgs {
  @Field(() => String)
  userName!: string;

  @Field(() => String, { nullable: true, description: '`/` by default' })
  path?: string | null;

  @Field(() => String, { nullable: true, description: 'ARN of a managed policy capping the user' })
  permissionsBoundary?: string | null;

  @Field(() => [TagInput], { nullable: true })
  tags?: TagInput[] | null;
}

@ArgsType()
class UpdateUserArgs {
  @Field(() => String)
  userName!: string;

  @Field(() => String, { nullable: true })
  newUserName?: string | null;

  @Field(() => String, { nullable: true })
  newPath?: string | null;
}

@ArgsType()
class UserNameArgs {
  @Field(() => String)
  userName!: string;
}

@ArgsType()
class TagUserArgs {
  @Field(() => String)
  userName!: string;

  @Field(() => [TagInput])
  tags!: TagInput[];
}

@ArgsType()
class UntagUserArgs {
  @Field(() => String)
  userName!: string;

  @Field(() => [String])
  tagKeys!: string[];
}

@ArgsType()
class UserBoundaryArgs {
  @Field(() => String)
  userName!: string;

  @Field(() => String)
  permissionsBoundary!: string;
}

@ArgsType()
class ListUsersArgs extends PageArgs {
  @Field(() => String, { nullable: true, description: 'Only users whose path starts with this' })
  pathPrefix?: string | null;
}

@ArgsType()
class ListGroupsForUserArgs extends PageArgs {
  @Field(() => String)
  userName!: string;
}

/** IAM users: GetUser, ListUsers, CreateUser, UpdateUser, DeleteUser, tags and boundaries. */
@Resolver()
export class UserResolver {
  @Query(() => User, { description: 'IAM GetUser; the caller when `userName` is left out' })
  @Authorized<{ userName?: string | null }>('iam:GetUser', (args, { arns, principal }) =>
    arns.userOrSelf(args.userName, principal),
  )
  async getUser(
    @Arg('userName', () => String, { nullable: true }) userName: string | null | undefined,
    @Ctx() context: GatewayContext,
  ): Promise<User> {
    const name = userName ?? principalOf(context).userName;
    if (name === undefined) throw notFound('user', '(caller)');
    await context.services.readModels.current();
    const user = await context.services.queries.getUser(name);
    if (user === null) throw notFound('user', name);
    return userOf(user);
  }

  @Query(() => UserConnection, { description: 'IAM ListUsers' })
  @Authorized('iam:ListUsers', () => '*')
  async listUsers(
    @Args() args: ListUsersArgs,
    @Ctx() context: GatewayContext,
  ): Promise<UserConnection> {
    const page = pageOf(args);
    await context.services.readModels.current();
    const connection = await context.services.queries.listUsers(
      args.pathPrefix === null || args.pathPrefix === undefined
        ? {}
        : { pathPrefix: args.pathPrefix },
      page,
    );
    return {
      ...connection,
      edges: connection.edges.map((e) => ({ cursor: e.cursor, node: userOf(e.node) })),
    };
  }

  @Query(() => GroupConnection, { description: 'IAM ListGroupsForUser' })
  @Authorized<ListGroupsForUserArgs>('iam:ListGroupsForUser', (args, { arns }) =>
    arns.user(args.userName),
  )
  async listGroupsForUser(
    @Args() args: ListGroupsForUserArgs,
    @Ctx() context: GatewayContext,
  ): Promise<GroupConnection> {
    const page = pageOf(args);
    await context.services.readModels.current();
    const connection = await context.services.queries.listGroupsForUser(args.userName, page);
    return {
      ...connection,
      edges: connection.edges.map((e) => ({ cursor: e.cursor, node: groupOf(e.node) })),
    };
  }

  @Mutation(() => CreateUserPayload, { description: 'IAM CreateUser' })
  @Authorized<CreateUserArgs>(
    'iam:CreateUser',
    (args, { arns }) => arns.created('user', args.path, args.userName),
    {
      context: (args) => ({
        ...requestTagKeys(args.tags),
        ...permissionsBoundaryKey(args.permissionsBoundary),
      }),
    },
  )
  async createUser(
    @Args() args: CreateUserArgs,
    @Ctx() context: GatewayContext,
  ): Promise<CreateUserPayload> {
    const { tags, ...rest } = withoutNulls(args);
    const command = {
      type: 'CreateUser' as const,
      ...rest,
      userName: args.userName,
      ...(tags === undefined ? {} : { tags: plainTags(tags) }),
    };
    return changePermissions(context, command, (outcome) => ({
      user: outcome === null ? null : userOf(outcome.user),
    }));
  }

  @Mutation(() => MutationResult, { description: 'IAM UpdateUser: rename or move' })
  @Authorized<UpdateUserArgs>('iam:UpdateUser', (args, { arns }) => arns.user(args.userName))
  async updateUser(
    @Args() args: UpdateUserArgs,
    @Ctx() context: GatewayContext,
  ): Promise<MutationResult> {
    const { checkpoint } = await runCommand(context, {
      type: 'UpdateUser',
      ...withoutNulls(args),
      userName: args.userName,
    });
    return { checkpoint };
  }

  @Mutation(() => MutationResult, {
    description: 'IAM DeleteUser (no credentials, groups or policies left)',
  })
  @Authorized<UserNameArgs>('iam:DeleteUser', (args, { arns }) => arns.user(args.userName))
  async deleteUser(
    @Args() args: UserNameArgs,
    @Ctx() context: GatewayContext,
  ): Promise<MutationResult> {
    const { checkpoint } = await runCommand(context, {
      type: 'DeleteUser',
      userName: args.userName,
    });
    return { checkpoint };
  }

  @Mutation(() => MutationResult, { description: 'IAM TagUser' })
  @Authorized<TagUserArgs>('iam:TagUser', (args, { arns }) => arns.user(args.userName), {
    context: (args) => requestTagKeys(args.tags),
  })
  async tagUser(
    @Args() args: TagUserArgs,
    @Ctx() context: GatewayContext,
  ): Promise<MutationResult> {
    const { checkpoint } = await runCommand(context, {
      type: 'TagUser',
      userName: args.userName,
      tags: plainTags(args.tags),
    });
    return { checkpoint };
  }

  @Mutation(() => MutationResult, { description: 'IAM UntagUser' })
  @Authorized<UntagUserArgs>('iam:UntagUser', (args, { arns }) => arns.user(args.userName), {
    context: (args) => tagKeysKey(args.tagKeys),
  })
  async untagUser(
    @Args() args: UntagUserArgs,
    @Ctx() context: GatewayContext,
  ): Promise<MutationResult> {
    const { checkpoint } = await runCommand(context, {
      type: 'UntagUser',
      userName: args.userName,
      tagKeys: args.tagKeys,
    });
    return { checkpoint };
  }

  @Mutation(() => PermissionChangePayload, { description: 'IAM PutUserPermissionsBoundary' })
  @Authorized<UserBoundaryArgs>(
    'iam:PutUserPermissionsBoundary',
    (args, { arns }) => arns.user(args.userName),
    {
      context: (args) => permissionsBoundaryKey(args.permissionsBoundary),
    },
  )
  async putUserPermissionsBoundary(
    @Args() args: UserBoundaryArgs,
    @Ctx() context: GatewayContext,
  ): Promise<PermissionChangePayload> {
    return changePermissions(
      context,
      {
        type: 'PutUserPermissionsBoundary',
        userName: args.userName,
        permissionsBoundary: args.permissionsBoundary,
      },
      () => ({}),
    );
  }

  @Mutation(() => PermissionChangePayload, { description: 'IAM DeleteUserPermissionsBoundary' })
  @Authorized<UserNameArgs>('iam:DeleteUserPermissionsBoundary', (args, { arns }) =>
    arns.user(args.userName),
  )
  async deleteUserPermissionsBoundary(
    @Args() args: UserNameArgs,
    @Ctx() context: GatewayContext,
  ): Promise<PermissionChangePayload> {
    return changePermissions(
      context,
      { type: 'DeleteUserPermissionsBoundary', userName: args.userName },
      () => ({}),
    );
  }
}
