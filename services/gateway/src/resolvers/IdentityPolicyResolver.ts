import { Args, ArgsType, Ctx, Field, Mutation, Query, Resolver } from 'type-graphql';
import { policyArnKey } from '../authorization/conditionKeys.js';
import { Authorized } from '../authorization/declaration.js';
import type { GatewayContext } from '../context/gatewayContext.js';
import { PageArgs, pageOf } from '../relay/pageArgs.js';
import { PermissionChangePayload } from '../schema/types/analysisTypes.js';
import { policyFindingOf } from '../schema/types/findingTypes.js';
import { PolicyDocumentPayload } from '../schema/types/payloadTypes.js';
import {
  AttachedPolicyConnection,
  attachedPolicyOf,
  InlinePolicy,
  InlinePolicyConnection,
  inlinePolicyOf,
} from '../schema/types/policyTypes.js';
import { inlinePolicy } from './support/inlinePolicies.js';
import { changePermissions } from './support/runCommand.js';

@ArgsType()
class PutUserPolicyArgs {
  @Field(() => String)
  userName!: string;

  @Field(() => String)
  policyName!: string;

  @Field(() => String, { description: 'The policy document (JSON)' })
  policyDocument!: string;
}

@ArgsType()
class PutGroupPolicyArgs {
  @Field(() => String)
  groupName!: string;

  @Field(() => String)
  policyName!: string;

  @Field(() => String, { description: 'The policy document (JSON)' })
  policyDocument!: string;
}

@ArgsType()
class PutRolePolicyArgs {
  @Field(() => String)
  roleName!: string;

  @Field(() => String)
  policyName!: string;

  @Field(() => String, { description: 'The policy document (JSON)' })
  policyDocument!: string;
}

@ArgsType()
class UserPolicyArgs {
  @Field(() => String)
  userName!: string;

  @Field(() => String)
  policyName!: string;
}

@ArgsType()
class GroupPolicyArgs {
  @Field(() => String)
  groupName!: string;

  @Field(() => String)
  policyName!: string;
}

@ArgsType()
class RolePolicyArgs {
  @Field(() => String)
  roleName!: string;

  @Field(() => String)
  policyName!: string;
}

@ArgsType()
class UserPolicyArnArgs {
  @Field(() => String)
  userName!: string;

  @Field(() => String)
  policyArn!: string;
}

@ArgsType()
class GroupPolicyArnArgs {
  @Field(() => String)
  groupName!: string;

  @Field(() => String)
  policyArn!: string;
}

@ArgsType()
class RolePolicyArnArgs {
  @Field(() => String)
  roleName!: string;

  @Field(() => String)
  policyArn!: string;
}

@ArgsType()
class UserPageArgs extends PageArgs {
  @Field(() => String)
  userName!: string;
}

@ArgsType()
class GroupPageArgs extends PageArgs {
  @Field(() => String)
  groupName!: string;
}

@ArgsType()
class RolePageArgs extends PageArgs {
  @Field(() => String)
  roleName!: string;
}

/**
 * The policies of users, groups and roles: inline (Put/Delete/Get/List…Policy)
 * and attached managed policies (Attach/Detach/ListAttached…Policies). Every
 * change passes the least-privilege gate.
 */
@Resolver()
export class IdentityPolicyResolver {
  // Inline policies: put.

  @Mutation(() => PolicyDocumentPayload, { description: 'IAM PutUserPolicy' })
  @Authorized<PutUserPolicyArgs>('iam:PutUserPolicy', (args, { arns }) => arns.user(args.userName))
  async putUserPolicy(
    @Args() args: PutUserPolicyArgs,
    @Ctx() context: GatewayContext,
  ): Promise<PolicyDocumentPayload> {
    return changePermissions(
      context,
      {
        type: 'PutUserPolicy',
        userName: args.userName,
        policyName: args.policyName,
        policyDocument: args.policyDocument,
      },
      (outcome) => ({
        policyFindings: outcome === null ? [] : outcome.findings.map(policyFindingOf),
      }),
    );
  }

  @Mutation(() => PolicyDocumentPayload, { description: 'IAM PutGroupPolicy' })
  @Authorized<PutGroupPolicyArgs>('iam:PutGroupPolicy', (args, { arns }) =>
    arns.group(args.groupName),
  )
  async putGroupPolicy(
    @Args() args: PutGroupPolicyArgs,
    @Ctx() context: GatewayContext,
  ): Promise<PolicyDocumentPayload> {
    return changePermissions(
      context,
      {
        type: 'PutGroupPolicy',
        groupName: args.groupName,
        policyName: args.policyName,
        policyDocument: args.policyDocument,
      },
      (outcome) => ({
        policyFindings: outcome === null ? [] : outcome.findings.map(policyFindingOf),
      }),
    );
  }

  @Mutation(() => PolicyDocumentPayload, { description: 'IAM PutRolePolicy' })
  @Authorized<PutRolePolicyArgs>('iam:PutRolePolicy', (args, { arns }) => arns.role(args.roleName))
  async putRolePolicy(
    @Args() args: PutRolePolicyArgs,
    @Ctx() context: GatewayContext,
  ): Promise<PolicyDocumentPayload> {
    return changePermissions(
      context,
      {
        type: 'PutRolePolicy',
        roleName: args.roleName,
        policyName: args.policyName,
        policyDocument: args.policyDocument,
      },
      (outcome) => ({
        policyFindings: outcome === null ? [] : outcome.findings.map(policyFindingOf),
      }),
    );
  }

  // Inline policies: delete.

  @Mutation(() => PermissionChangePayload, { description: 'IAM DeleteUserPolicy' })
  @Authorized<UserPolicyArgs>('iam:DeleteUserPolicy', (args, { arns }) => arns.user(args.userName))
  async deleteUserPolicy(
    @Args() args: UserPolicyArgs,
    @Ctx() context: GatewayContext,
  ): Promise<PermissionChangePayload> {
    return changePermissions(
      context,
      { type: 'DeleteUserPolicy', userName: args.userName, policyName: args.policyName },
      () => ({}),
    );
  }

  @Mutation(() => PermissionChangePayload, { description: 'IAM DeleteGroupPolicy' })
  @Authorized<GroupPolicyArgs>('iam:DeleteGroupPolicy', (args, { arns }) =>
    arns.group(args.groupName),
  )
  async deleteGroupPolicy(
    @Args() args: GroupPolicyArgs,
    @Ctx() context: GatewayContext,
  ): Promise<PermissionChangePayload> {
    return changePermissions(
      context,
      { type: 'DeleteGroupPolicy', groupName: args.groupName, policyName: args.policyName },
      () => ({}),
    );
  }

  @Mutation(() => PermissionChangePayload, { description: 'IAM DeleteRolePolicy' })
  @Authorized<RolePolicyArgs>('iam:DeleteRolePolicy', (args, { arns }) => arns.role(args.roleName))
  async deleteRolePolicy(
    @Args() args: RolePolicyArgs,
    @Ctx() context: GatewayContext,
  ): Promise<PermissionChangePayload> {
    return changePermissions(
      context,
      { type: 'DeleteRolePolicy', roleName: args.roleName, policyName: args.policyName },
      () => ({}),
    );
  }

  // Managed policies: attach and detach.

  @Mutation(() => PermissionChangePayload, { description: 'IAM AttachUserPolicy' })
  @Authorized<UserPolicyArnArgs>(
    'iam:AttachUserPolicy',
    (args, { arns }) => arns.user(args.userName),
    {
      context: (args) => policyArnKey(args.policyArn),
    },
  )
  async attachUserPolicy(
    @Args() args: UserPolicyArnArgs,
    @Ctx() context: GatewayContext,
  ): Promise<PermissionChangePayload> {
    return changePermissions(
      context,
      { type: 'AttachUserPolicy', userName: args.userName, policyArn: args.policyArn },
      () => ({}),
    );
  }

  @Mutation(() => PermissionChangePayload, { description: 'IAM AttachGroupPolicy' })
  @Authorized<GroupPolicyArnArgs>(
    'iam:AttachGroupPolicy',
    (args, { arns }) => arns.group(args.groupName),
    {
      context: (args) => policyArnKey(args.policyArn),
    },
  )
  async attachGroupPolicy(
    @Args() args: GroupPolicyArnArgs,
    @Ctx() context: GatewayContext,
  ): Promise<PermissionChangePayload> {
    return changePermissions(
      context,
      { type: 'AttachGroupPolicy', groupName: args.groupName, policyArn: args.policyArn },
      () => ({}),
    );
  }

  @Mutation(() => PermissionChangePayload, { description: 'IAM AttachRolePolicy' })
  @Authorized<RolePolicyArnArgs>(
    'iam:AttachRolePolicy',
    (args, { arns }) => arns.role(args.roleName),
    {
      context: (args) => policyArnKey(args.policyArn),
    },
  )
  async attachRolePolicy(
    @Args() args: RolePolicyArnArgs,
    @Ctx() context: GatewayContext,
  ): Promise<PermissionChangePayload> {
    return changePermissions(
      context,
      { type: 'AttachRolePolicy', roleName: args.roleName, policyArn: args.policyArn },
      () => ({}),
    );
  }

  @Mutation(() => PermissionChangePayload, { description: 'IAM DetachUserPolicy' })
  @Authorized<UserPolicyArnArgs>(
    'iam:DetachUserPolicy',
    (args, { arns }) => arns.user(args.userName),
    {
      context: (args) => policyArnKey(args.policyArn),
    },
  )
  async detachUserPolicy(
    @Args() args: UserPolicyArnArgs,
    @Ctx() context: GatewayContext,
  ): Promise<PermissionChangePayload> {
    return changePermissions(
      context,
      { type: 'DetachUserPolicy', userName: args.userName, policyArn: args.policyArn },
      () => ({}),
    );
  }

  @Mutation(() => PermissionChangePayload, { description: 'IAM DetachGroupPolicy' })
  @Authorized<GroupPolicyArnArgs>(
    'iam:DetachGroupPolicy',
    (args, { arns }) => arns.group(args.groupName),
    {
      context: (args) => policyArnKey(args.policyArn),
    },
  )
  async detachGroupPolicy(
    @Args() args: GroupPolicyArnArgs,
    @Ctx() context: GatewayContext,
  ): Promise<PermissionChangePayload> {
    return changePermissions(
      context,
      { type: 'DetachGroupPolicy', groupName: args.groupName, policyArn: args.policyArn },
      () => ({}),
    );
  }

  @Mutation(() => PermissionChangePayload, { description: 'IAM DetachRolePolicy' })
  @Authorized<RolePolicyArnArgs>(
    'iam:DetachRolePolicy',
    (args, { arns }) => arns.role(args.roleName),
    {
      context: (args) => policyArnKey(args.policyArn),
    },
  )
  async detachRolePolicy(
    @Args() args: RolePolicyArnArgs,
    @Ctx() context: GatewayContext,
  ): Promise<PermissionChangePayload> {
    return changePermissions(
      context,
      { type: 'DetachRolePolicy', roleName: args.roleName, policyArn: args.policyArn },
      () => ({}),
    );
  }

  // Reads.

  @Query(() => InlinePolicy, { description: 'IAM GetUserPolicy' })
  @Authorized<UserPolicyArgs>('iam:GetUserPolicy', (args, { arns }) => arns.user(args.userName))
  getUserPolicy(
    @Args() args: UserPolicyArgs,
    @Ctx() context: GatewayContext,
  ): Promise<InlinePolicy> {
    return inlinePolicy(context, 'User', args.userName, args.policyName);
  }

  @Query(() => InlinePolicy, { description: 'IAM GetGroupPolicy' })
  @Authorized<GroupPolicyArgs>('iam:GetGroupPolicy', (args, { arns }) => arns.group(args.groupName))
  getGroupPolicy(
    @Args() args: GroupPolicyArgs,
    @Ctx() context: GatewayContext,
  ): Promise<InlinePolicy> {
    return inlinePolicy(context, 'Group', args.groupName, args.policyName);
  }

  @Query(() => InlinePolicy, { description: 'IAM GetRolePolicy' })
  @Authorized<RolePolicyArgs>('iam:GetRolePolicy', (args, { arns }) => arns.role(args.roleName))
  getRolePolicy(
    @Args() args: RolePolicyArgs,
    @Ctx() context: GatewayContext,
  ): Promise<InlinePolicy> {
    return inlinePolicy(context, 'Role', args.roleName, args.policyName);
  }

  @Query(() => InlinePolicyConnection, { description: 'IAM ListUserPolicies' })
  @Authorized<UserPageArgs>('iam:ListUserPolicies', (args, { arns }) => arns.user(args.userName))
  async listUserPolicies(
    @Args() args: UserPageArgs,
    @Ctx() context: GatewayContext,
  ): Promise<InlinePolicyConnection> {
    return listInline(context, 'User', args.userName, args);
  }

  @Query(() => InlinePolicyConnection, { description: 'IAM ListGroupPolicies' })
  @Authorized<GroupPageArgs>('iam:ListGroupPolicies', (args, { arns }) =>
    arns.group(args.groupName),
  )
  async listGroupPolicies(
    @Args() args: GroupPageArgs,
    @Ctx() context: GatewayContext,
  ): Promise<InlinePolicyConnection> {
    return listInline(context, 'Group', args.groupName, args);
  }

  @Query(() => InlinePolicyConnection, { description: 'IAM ListRolePolicies' })
  @Authorized<RolePageArgs>('iam:ListRolePolicies', (args, { arns }) => arns.role(args.roleName))
  async listRolePolicies(
    @Args() args: RolePageArgs,
    @Ctx() context: GatewayContext,
  ): Promise<InlinePolicyConnection> {
    return listInline(context, 'Role', args.roleName, args);
  }

  @Query(() => AttachedPolicyConnection, { description: 'IAM ListAttachedUserPolicies' })
  @Authorized<UserPageArgs>('iam:ListAttachedUserPolicies', (args, { arns }) =>
    arns.user(args.userName),
  )
  async listAttachedUserPolicies(
    @Args() args: UserPageArgs,
    @Ctx() context: GatewayContext,
  ): Promise<AttachedPolicyConnection> {
    return listAttached(context, 'User', args.userName, args);
  }

  @Query(() => AttachedPolicyConnection, { description: 'IAM ListAttachedGroupPolicies' })
  @Authorized<GroupPageArgs>('iam:ListAttachedGroupPolicies', (args, { arns }) =>
    arns.group(args.groupName),
  )
  async listAttachedGroupPolicies(
    @Args() args: GroupPageArgs,
    @Ctx() context: GatewayContext,
  ): Promise<AttachedPolicyConnection> {
    return listAttached(context, 'Group', args.groupName, args);
  }

  @Query(() => AttachedPolicyConnection, { description: 'IAM ListAttachedRolePolicies' })
  @Authorized<RolePageArgs>('iam:ListAttachedRolePolicies', (args, { arns }) =>
    arns.role(args.roleName),
  )
  async listAttachedRolePolicies(
    @Args() args: RolePageArgs,
    @Ctx() context: GatewayContext,
  ): Promise<AttachedPolicyConnection> {
    return listAttached(context, 'Role', args.roleName, args);
  }
}

async function listInline(
  context: GatewayContext,
  entityType: 'User' | 'Group' | 'Role',
  name: string,
  args: PageArgs,
): Promise<InlinePolicyConnection> {
  const page = pageOf(args);
  await context.services.readModels.current();
  const connection = await context.services.queries.listInlinePolicies(entityType, name, page);
  return {
    ...connection,
    edges: connection.edges.map((e) => ({ cursor: e.cursor, node: inlinePolicyOf(e.node) })),
  };
}

async function listAttached(
  context: GatewayContext,
  entityType: 'User' | 'Group' | 'Role',
  name: string,
  args: PageArgs,
): Promise<AttachedPolicyConnection> {
  const page = pageOf(args);
  await context.services.readModels.current();
  const connection = await context.services.queries.listAttachedPolicies(entityType, name, page);
  return {
    ...connection,
    edges: connection.edges.map((e) => ({ cursor: e.cursor, node: attachedPolicyOf(e.node) })),
  };
}
