import { Args, ArgsType, Ctx, Field, Int, Mutation, Query, Resolver } from 'type-graphql';
import {
  permissionsBoundaryKey,
  requestTagKeys,
  tagKeysKey,
} from '../authorization/conditionKeys.js';
import { Authorized } from '../authorization/declaration.js';
import type { GatewayContext } from '../context/gatewayContext.js';
import { PageArgs, pageOf } from '../relay/pageArgs.js';
import { PermissionChangePayload } from '../schema/types/analysisTypes.js';
import { MutationResult, plainTags, TagInput } from '../schema/types/common.js';
import { policyFindingOf } from '../schema/types/findingTypes.js';
import { Role, RoleConnection, roleOf } from '../schema/types/identityTypes.js';
import { CreateRolePayload, PolicyDocumentPayload } from '../schema/types/payloadTypes.js';
import { notFound } from './support/readModels.js';
import { changePermissions, runCommand } from './support/runCommand.js';
import { withoutNulls } from './support/withoutNulls.js';

@ArgsType()
class CreateRoleArgs {
  @Field(() => String)
  roleName!: string;

  @Field(() => String, { nullable: true })
  path?: string | null;

  @Field(() => String, { description: 'The trust policy (JSON): who may assume the role' })
  assumeRolePolicyDocument!: string;

  @Field(() => String, { nullable: true })
  description?: string | null;

  @Field(() => Int, { nullable: true, description: '3,600-43,200 seconds' })
  maxSessionDuration?: number | null;

  @Field(() => String, { nullable: true })
  permissionsBoundary?: string | null;

  @Field(() => [TagInput], { nullable: true })
  tags?: TagInput[] | null;
}

@ArgsType()
class UpdateRoleArgs {
  @Field(() => String)
  roleName!: string;

  @Field(() => String, { nullable: true })
  description?: string | null;

  @Field(() => Int, { nullable: true })
  maxSessionDuration?: number | null;
}

@ArgsType()
class RoleNameArgs {
  @Field(() => String)
  roleName!: string;
}

@ArgsType()
class UpdateAssumeRolePolicyArgs {
  @Field(() => String)
  roleName!: string;

  @Field(() => String, { description: 'The new trust policy (JSON)' })
  policyDocument!: string;
}

@ArgsType()
class TagRoleArgs {
  @Field(() => String)
  roleName!: string;

  @Field(() => [TagInput])
  tags!: TagInput[];
}

@ArgsType()
class UntagRoleArgs {
  @Field(() => String)
  roleName!: string;

  @Field(() => [String])
  tagKeys!: string[];
}

@ArgsType()
class RoleBoundaryArgs {
  @Field(() => String)
  roleName!: string;

  @Field(() => String)
  permissionsBoundary!: string;
}

@ArgsType()
class ListRolesArgs extends PageArgs {
  @Field(() => String, { nullable: true })
  pathPrefix?: string | null;
}

/** IAM roles: GetRole, ListRoles, CreateRole, UpdateRole, UpdateAssumeRolePolicy, DeleteRole, tags, boundaries. */
@Resolver()
export class RoleResolver {
  @Query(() => Role, { description: 'IAM GetRole' })
  @Authorized<RoleNameArgs>('iam:GetRole', (args, { arns }) => arns.role(args.roleName))
  async getRole(@Args() args: RoleNameArgs, @Ctx() context: GatewayContext): Promise<Role> {
    await context.services.readModels.current();
    const role = await context.services.queries.getRole(args.roleName);
    if (role === null) throw notFound('role', args.roleName);
    return roleOf(role);
  }

  @Query(() => RoleConnection, { description: 'IAM ListRoles' })
  @Authorized('iam:ListRoles', () => '*')
  async listRoles(
    @Args() args: ListRolesArgs,
    @Ctx() context: GatewayContext,
  ): Promise<RoleConnection> {
    const page = pageOf(args);
    await context.services.readModels.current();
    const connection = await context.services.queries.listRoles(
      args.pathPrefix === null || args.pathPrefix === undefined
        ? {}
        : { pathPrefix: args.pathPrefix },
      page,
    );
    return {
      ...connection,
      edges: connection.edges.map((e) => ({ cursor: e.cursor, node: roleOf(e.node) })),
    };
  }

  @Mutation(() => CreateRolePayload, { description: 'IAM CreateRole' })
  @Authorized<CreateRoleArgs>(
    'iam:CreateRole',
    (args, { arns }) => arns.created('role', args.path, args.roleName),
    {
      context: (args) => ({
        ...requestTagKeys(args.tags),
        ...permissionsBoundaryKey(args.permissionsBoundary),
      }),
    },
  )
  async createRole(
    @Args() args: CreateRoleArgs,
    @Ctx() context: GatewayContext,
  ): Promise<CreateRolePayload> {
    const { tags, ...rest } = withoutNulls(args);
    const command = {
      type: 'CreateRole' as const,
      ...rest,
      roleName: args.roleName,
      assumeRolePolicyDocument: args.assumeRolePolicyDocument,
      ...(tags === undefined ? {} : { tags: plainTags(tags) }),
    };
    return changePermissions(context, command, (outcome) => ({
      role: outcome === null ? null : roleOf(outcome.role),
      policyFindings: outcome === null ? [] : outcome.findings.map(policyFindingOf),
    }));
  }

  @Mutation(() => MutationResult, {
    description: 'IAM UpdateRole: description, maximum session duration',
  })
  @Authorized<UpdateRoleArgs>('iam:UpdateRole', (args, { arns }) => arns.role(args.roleName))
  async updateRole(
    @Args() args: UpdateRoleArgs,
    @Ctx() context: GatewayContext,
  ): Promise<MutationResult> {
    const { checkpoint } = await runCommand(context, {
      type: 'UpdateRole',
      ...withoutNulls(args),
      roleName: args.roleName,
    });
    return { checkpoint };
  }

  @Mutation(() => PolicyDocumentPayload, {
    description: 'IAM UpdateAssumeRolePolicy: who may assume the role',
  })
  @Authorized<UpdateAssumeRolePolicyArgs>('iam:UpdateAssumeRolePolicy', (args, { arns }) =>
    arns.role(args.roleName),
  )
  async updateAssumeRolePolicy(
    @Args() args: UpdateAssumeRolePolicyArgs,
    @Ctx() context: GatewayContext,
  ): Promise<PolicyDocumentPayload> {
    return changePermissions(
      context,
      {
        type: 'UpdateAssumeRolePolicy',
        roleName: args.roleName,
        policyDocument: args.policyDocument,
      },
      (outcome) => ({
        policyFindings: outcome === null ? [] : outcome.findings.map(policyFindingOf),
      }),
    );
  }

  @Mutation(() => MutationResult, { description: 'IAM DeleteRole (no policies left)' })
  @Authorized<RoleNameArgs>('iam:DeleteRole', (args, { arns }) => arns.role(args.roleName))
  async deleteRole(
    @Args() args: RoleNameArgs,
    @Ctx() context: GatewayContext,
  ): Promise<MutationResult> {
    const { checkpoint } = await runCommand(context, {
      type: 'DeleteRole',
      roleName: args.roleName,
    });
    return { checkpoint };
  }

  @Mutation(() => MutationResult, { description: 'IAM TagRole' })
  @Authorized<TagRoleArgs>('iam:TagRole', (args, { arns }) => arns.role(args.roleName), {
    context: (args) => requestTagKeys(args.tags),
  })
  async tagRole(
    @Args() args: TagRoleArgs,
    @Ctx() context: GatewayContext,
  ): Promise<MutationResult> {
    const { checkpoint } = await runCommand(context, {
      type: 'TagRole',
      roleName: args.roleName,
      tags: plainTags(args.tags),
    });
    return { checkpoint };
  }

  @Mutation(() => MutationResult, { description: 'IAM UntagRole' })
  @Authorized<UntagRoleArgs>('iam:UntagRole', (args, { arns }) => arns.role(args.roleName), {
    context: (args) => tagKeysKey(args.tagKeys),
  })
  async untagRole(
    @Args() args: UntagRoleArgs,
    @Ctx() context: GatewayContext,
  ): Promise<MutationResult> {
    const { checkpoint } = await runCommand(context, {
      type: 'UntagRole',
      roleName: args.roleName,
      tagKeys: args.tagKeys,
    });
    return { checkpoint };
  }

  @Mutation(() => PermissionChangePayload, { description: 'IAM PutRolePermissionsBoundary' })
  @Authorized<RoleBoundaryArgs>(
    'iam:PutRolePermissionsBoundary',
    (args, { arns }) => arns.role(args.roleName),
    {
      context: (args) => permissionsBoundaryKey(args.permissionsBoundary),
    },
  )
  async putRolePermissionsBoundary(
    @Args() args: RoleBoundaryArgs,
    @Ctx() context: GatewayContext,
  ): Promise<PermissionChangePayload> {
    return changePermissions(
      context,
      {
        type: 'PutRolePermissionsBoundary',
        roleName: args.roleName,
        permissionsBoundary: args.permissionsBoundary,
      },
      () => ({}),
    );
  }

  @Mutation(() => PermissionChangePayload, { description: 'IAM DeleteRolePermissionsBoundary' })
  @Authorized<RoleNameArgs>('iam:DeleteRolePermissionsBoundary', (args, { arns }) =>
    arns.role(args.roleName),
  )
  async deleteRolePermissionsBoundary(
    @Args() args: RoleNameArgs,
    @Ctx() context: GatewayContext,
  ): Promise<PermissionChangePayload> {
    return changePermissions(
      context,
      { type: 'DeleteRolePermissionsBoundary', roleName: args.roleName },
      () => ({}),
    );
  }
}
