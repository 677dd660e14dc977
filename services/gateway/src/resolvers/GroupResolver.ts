import { Args, ArgsType, Ctx, Field, Mutation, Query, Resolver } from 'type-graphql';
import { Authorized } from '../authorization/declaration.js';
import type { GatewayContext } from '../context/gatewayContext.js';
import { PageArgs, pageOf } from '../relay/pageArgs.js';
import { PermissionChangePayload } from '../schema/types/analysisTypes.js';
import { MutationResult } from '../schema/types/common.js';
import { GroupConnection, groupOf, GroupWithUsers, userOf } from '../schema/types/identityTypes.js';
import { CreateGroupPayload } from '../schema/types/payloadTypes.js';
import { notFound } from './support/readModels.js';
import { changePermissions, runCommand } from './support/runCommand.js';
import { withoutNulls } from './support/withoutNulls.js';

@ArgsType()
class CreateGroupArgs {
  @Field(() => String)
  groupName!: string;

  @Field(() => String, { nullable: true })
  path?: string | null;
}

@ArgsType()
class UpdateGroupArgs {
  @Field(() => String)
  groupName!: string;

  @Field(() => String, { nullable: true })
  newGroupName?: string | null;

  @Field(() => String, { nullable: true })
  newPath?: string | null;
}

@ArgsType()
class GroupNameArgs {
  @Field(() => String)
  groupName!: string;
}

@ArgsType()
class MembershipArgs {
  @Field(() => String)
  groupName!: string;

  @Field(() => String)
  userName!: string;
}

@ArgsType()
class GetGroupArgs extends PageArgs {
  @Field(() => String)
  groupName!: string;
}

@ArgsType()
class ListGroupsArgs extends PageArgs {
  @Field(() => String, { nullable: true })
  pathPrefix?: string | null;
}

/** IAM groups: GetGroup, ListGroups, CreateGroup, UpdateGroup, DeleteGroup, membership. */
@Resolver()
export class GroupResolver {
  @Query(() => GroupWithUsers, { description: 'IAM GetGroup: the group and a page of its members' })
  @Authorized<GetGroupArgs>('iam:GetGroup', (args, { arns }) => arns.group(args.groupName))
  async getGroup(
    @Args() args: GetGroupArgs,
    @Ctx() context: GatewayContext,
  ): Promise<GroupWithUsers> {
    const page = pageOf(args);
    await context.services.readModels.current();
    const group = await context.services.queries.getGroup(args.groupName);
    if (group === null) throw notFound('group', args.groupName);
    const users = await context.services.queries.listGroupMembers(args.groupName, page);
    return {
      group: groupOf(group),
      users: {
        ...users,
        edges: users.edges.map((e) => ({ cursor: e.cursor, node: userOf(e.node) })),
      },
    };
  }

  @Query(() => GroupConnection, { description: 'IAM ListGroups' })
  @Authorized('iam:ListGroups', () => '*')
  async listGroups(
    @Args() args: ListGroupsArgs,
    @Ctx() context: GatewayContext,
  ): Promise<GroupConnection> {
    const page = pageOf(args);
    await context.services.readModels.current();
    const connection = await context.services.queries.listGroups(
      args.pathPrefix === null || args.pathPrefix === undefined
        ? {}
        : { pathPrefix: args.pathPrefix },
      page,
    );
    return {
      ...connection,
      edges: connection.edges.map((e) => ({ cursor: e.cursor, node: groupOf(e.node) })),
    };
  }

  @Mutation(() => CreateGroupPayload, { description: 'IAM CreateGroup' })
  @Authorized<CreateGroupArgs>('iam:CreateGroup', (args, { arns }) =>
    arns.created('group', args.path, args.groupName),
  )
  async createGroup(
    @Args() args: CreateGroupArgs,
    @Ctx() context: GatewayContext,
  ): Promise<CreateGroupPayload> {
    return changePermissions(
      context,
      { type: 'CreateGroup', ...withoutNulls(args), groupName: args.groupName },
      (outcome) => ({ group: outcome === null ? null : groupOf(outcome.group) }),
    );
  }

  @Mutation(() => MutationResult, { description: 'IAM UpdateGroup: rename or move' })
  @Authorized<UpdateGroupArgs>('iam:UpdateGroup', (args, { arns }) => arns.group(args.groupName))
  async updateGroup(
    @Args() args: UpdateGroupArgs,
    @Ctx() context: GatewayContext,
  ): Promise<MutationResult> {
    const { checkpoint } = await runCommand(context, {
      type: 'UpdateGroup',
      ...withoutNulls(args),
      groupName: args.groupName,
    });
    return { checkpoint };
  }

  @Mutation(() => MutationResult, { description: 'IAM DeleteGroup (no members or policies left)' })
  @Authorized<GroupNameArgs>('iam:DeleteGroup', (args, { arns }) => arns.group(args.groupName))
  async deleteGroup(
    @Args() args: GroupNameArgs,
    @Ctx() context: GatewayContext,
  ): Promise<MutationResult> {
    const { checkpoint } = await runCommand(context, {
      type: 'DeleteGroup',
      groupName: args.groupName,
    });
    return { checkpoint };
  }

  @Mutation(() => PermissionChangePayload, {
    description: "IAM AddUserToGroup: the user gains the group's permissions",
  })
  @Authorized<MembershipArgs>('iam:AddUserToGroup', (args, { arns }) => arns.group(args.groupName))
  async addUserToGroup(
    @Args() args: MembershipArgs,
    @Ctx() context: GatewayContext,
  ): Promise<PermissionChangePayload> {
    return changePermissions(
      context,
      { type: 'AddUserToGroup', groupName: args.groupName, userName: args.userName },
      () => ({}),
    );
  }

  @Mutation(() => PermissionChangePayload, { description: 'IAM RemoveUserFromGroup' })
  @Authorized<MembershipArgs>('iam:RemoveUserFromGroup', (args, { arns }) =>
    arns.group(args.groupName),
  )
  async removeUserFromGroup(
    @Args() args: MembershipArgs,
    @Ctx() context: GatewayContext,
  ): Promise<PermissionChangePayload> {
    return changePermissions(
      context,
      { type: 'RemoveUserFromGroup', groupName: args.groupName, userName: args.userName },
      () => ({}),
    );
  }
}
