import { Args, ArgsType, Ctx, Field, Mutation, Query, Resolver } from 'type-graphql';
import { requestTagKeys, tagKeysKey } from '../authorization/conditionKeys.js';
import { Authorized } from '../authorization/declaration.js';
import type { GatewayContext } from '../context/gatewayContext.js';
import { badInput } from '../errors/gatewayError.js';
import { connectionOfAll } from '../relay/connectionType.js';
import { PageArgs, pageOf } from '../relay/pageArgs.js';
import { PermissionChangePayload } from '../schema/types/analysisTypes.js';
import { MutationResult, plainTags, TagInput } from '../schema/types/common.js';
import { policyFindingOf } from '../schema/types/findingTypes.js';
import { CreatePolicyPayload, CreatePolicyVersionPayload } from '../schema/types/payloadTypes.js';
import {
  Policy,
  PolicyConnection,
  PolicyEntityConnection,
  policyEntityOf,
  policyOf,
  PolicyVersion,
  PolicyVersionConnection,
  policyVersionOf,
} from '../schema/types/policyTypes.js';
import { notFound } from './support/readModels.js';
import { changePermissions, runCommand } from './support/runCommand.js';
import { withoutNulls } from './support/withoutNulls.js';

@ArgsType()
class CreatePolicyArgs {
  @Field(() => String)
  policyName!: string;

  @Field(() => String, { nullable: true })
  path?: string | null;

  @Field(() => String, { description: 'The policy document (JSON)' })
  policyDocument!: string;

  @Field(() => String, { nullable: true })
  description?: string | null;

  @Field(() => [TagInput], { nullable: true })
  tags?: TagInput[] | null;
}

@ArgsType()
class CreatePolicyVersionArgs {
  @Field(() => String)
  policyArn!: string;

  @Field(() => String)
  policyDocument!: string;

  @Field(() => Boolean, { nullable: true, description: 'Make it the version in effect' })
  setAsDefault?: boolean | null;
}

@ArgsType()
class PolicyVersionArgs {
  @Field(() => String)
  policyArn!: string;

  @Field(() => String)
  versionId!: string;
}

@ArgsType()
class PolicyArnArgs {
  @Field(() => String)
  policyArn!: string;
}

@ArgsType()
class TagPolicyArgs {
  @Field(() => String)
  policyArn!: string;

  @Field(() => [TagInput])
  tags!: TagInput[];
}

@ArgsType()
class UntagPolicyArgs {
  @Field(() => String)
  policyArn!: string;

  @Field(() => [String])
  tagKeys!: string[];
}

@ArgsType()
class ListPoliciesArgs extends PageArgs {
  @Field(() => String, { nullable: true })
  pathPrefix?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Only policies attached to something' })
  onlyAttached?: boolean | null;
}

@ArgsType()
class ListEntitiesForPolicyArgs extends PageArgs {
  @Field(() => String)
  policyArn!: string;

  @Field(() => String, { nullable: true, description: '`User`, `Group` or `Role`' })
  entityFilter?: string | null;

  @Field(() => String, {
    nullable: true,
    description: '`PermissionsPolicy` or `PermissionsBoundary`',
  })
  policyUsageFilter?: string | null;
}

const ENTITY_TYPES = ['User', 'Group', 'Role'] as const;
const USAGES = ['PermissionsPolicy', 'PermissionsBoundary'] as const;

function oneOf<T extends string>(
  name: string,
  allowed: readonly T[],
  value: string | null | undefined,
): T | undefined {
  if (value === null || value === undefined) return undefined;
  const match = allowed.find((candidate) => candidate === value);
  if (match === undefined)
    throw badInput(name, `must be one of ${allowed.map((a) => `\`${a}\``).join(', ')}`);
  return match;
}

/** Customer managed policies and their versions. */
@Resolver()
export class ManagedPolicyResolver {
  @Query(() => Policy, { description: 'IAM GetPolicy' })
  @Authorized<PolicyArnArgs>('iam:GetPolicy', (args) => args.policyArn)
  async getPolicy(@Args() args: PolicyArnArgs, @Ctx() context: GatewayContext): Promise<Policy> {
    await context.services.readModels.current();
    const policy = await context.services.queries.getPolicy(args.policyArn);
    if (policy === null) throw notFound('policy', args.policyArn);
    return policyOf(policy);
  }

  @Query(() => PolicyConnection, { description: 'IAM ListPolicies (customer managed)' })
  @Authorized('iam:ListPolicies', () => '*')
  async listPolicies(
    @Args() args: ListPoliciesArgs,
    @Ctx() context: GatewayContext,
  ): Promise<PolicyConnection> {
    const page = pageOf(args);
    await context.services.readModels.current();
    const connection = await context.services.queries.listPolicies(
      {
        ...(args.pathPrefix === null || args.pathPrefix === undefined
          ? {}
          : { pathPrefix: args.pathPrefix }),
        ...(args.onlyAttached === true ? { onlyAttached: true } : {}),
      },
      page,
    );
    return {
      ...connection,
      edges: connection.edges.map((e) => ({ cursor: e.cursor, node: policyOf(e.node) })),
    };
  }

  @Query(() => PolicyVersion, { description: 'IAM GetPolicyVersion' })
  @Authorized<PolicyVersionArgs>('iam:GetPolicyVersion', (args) => args.policyArn)
  async getPolicyVersion(
    @Args() args: PolicyVersionArgs,
    @Ctx() context: GatewayContext,
  ): Promise<PolicyVersion> {
    await context.services.readModels.current();
    const version = await context.services.queries.getPolicyVersion(args.policyArn, args.versionId);
    if (version === null) throw notFound('policy version', `${args.policyArn} ${args.versionId}`);
    return policyVersionOf(version);
  }

  @Query(() => PolicyVersionConnection, {
    description: 'IAM ListPolicyVersions (at most five exist)',
  })
  @Authorized<PolicyArnArgs>('iam:ListPolicyVersions', (args) => args.policyArn)
  async listPolicyVersions(
    @Args() args: PolicyArnArgs,
    @Ctx() context: GatewayContext,
  ): Promise<PolicyVersionConnection> {
    await context.services.readModels.current();
    const versions = await context.services.queries.listPolicyVersions(args.policyArn);
    return connectionOfAll(versions.map(policyVersionOf), (v) => v.versionId);
  }

  @Query(() => PolicyEntityConnection, { description: 'IAM ListEntitiesForPolicy' })
  @Authorized<ListEntitiesForPolicyArgs>('iam:ListEntitiesForPolicy', (args) => args.policyArn)
  async listEntitiesForPolicy(
    @Args() args: ListEntitiesForPolicyArgs,
    @Ctx() context: GatewayContext,
  ): Promise<PolicyEntityConnection> {
    const page = pageOf(args);
    const entityType = oneOf('entityFilter', ENTITY_TYPES, args.entityFilter);
    const usage = oneOf('policyUsageFilter', USAGES, args.policyUsageFilter);
    await context.services.readModels.current();
    const connection = await context.services.queries.listEntitiesForPolicy(
      args.policyArn,
      {
        ...(entityType === undefined ? {} : { entityType }),
        ...(usage === undefined ? {} : { usage }),
      },
      page,
    );
    return {
      ...connection,
      edges: connection.edges.map((e) => ({ cursor: e.cursor, node: policyEntityOf(e.node) })),
    };
  }

  @Mutation(() => CreatePolicyPayload, { description: 'IAM CreatePolicy' })
  @Authorized<CreatePolicyArgs>(
    'iam:CreatePolicy',
    (args, { arns }) => arns.created('policy', args.path, args.policyName),
    {
      context: (args) => requestTagKeys(args.tags),
    },
  )
  async createPolicy(
    @Args() args: CreatePolicyArgs,
    @Ctx() context: GatewayContext,
  ): Promise<CreatePolicyPayload> {
    const { tags, ...rest } = withoutNulls(args);
    const command = {
      type: 'CreatePolicy' as const,
      ...rest,
      policyName: args.policyName,
      policyDocument: args.policyDocument,
      ...(tags === undefined ? {} : { tags: plainTags(tags) }),
    };
    return changePermissions(context, command, (outcome) => ({
      policy: outcome === null ? null : policyOf(outcome.policy),
      policyFindings: outcome === null ? [] : outcome.findings.map(policyFindingOf),
    }));
  }

  @Mutation(() => CreatePolicyVersionPayload, { description: 'IAM CreatePolicyVersion' })
  @Authorized<CreatePolicyVersionArgs>('iam:CreatePolicyVersion', (args) => args.policyArn)
  async createPolicyVersion(
    @Args() args: CreatePolicyVersionArgs,
    @Ctx() context: GatewayContext,
  ): Promise<CreatePolicyVersionPayload> {
    return changePermissions(
      context,
      {
        type: 'CreatePolicyVersion',
        ...withoutNulls(args),
        policyArn: args.policyArn,
        policyDocument: args.policyDocument,
      },
      (outcome) => ({
        policyVersion: outcome === null ? null : policyVersionOf(outcome.policyVersion),
        policyFindings: outcome === null ? [] : outcome.findings.map(policyFindingOf),
      }),
    );
  }

  @Mutation(() => PermissionChangePayload, { description: 'IAM SetDefaultPolicyVersion' })
  @Authorized<PolicyVersionArgs>('iam:SetDefaultPolicyVersion', (args) => args.policyArn)
  async setDefaultPolicyVersion(
    @Args() args: PolicyVersionArgs,
    @Ctx() context: GatewayContext,
  ): Promise<PermissionChangePayload> {
    return changePermissions(
      context,
      { type: 'SetDefaultPolicyVersion', policyArn: args.policyArn, versionId: args.versionId },
      () => ({}),
    );
  }

  @Mutation(() => MutationResult, { description: 'IAM DeletePolicyVersion (not the default)' })
  @Authorized<PolicyVersionArgs>('iam:DeletePolicyVersion', (args) => args.policyArn)
  async deletePolicyVersion(
    @Args() args: PolicyVersionArgs,
    @Ctx() context: GatewayContext,
  ): Promise<MutationResult> {
    const { checkpoint } = await runCommand(context, {
      type: 'DeletePolicyVersion',
      policyArn: args.policyArn,
      versionId: args.versionId,
    });
    return { checkpoint };
  }

  @Mutation(() => MutationResult, { description: 'IAM DeletePolicy (attached nowhere)' })
  @Authorized<PolicyArnArgs>('iam:DeletePolicy', (args) => args.policyArn)
  async deletePolicy(
    @Args() args: PolicyArnArgs,
    @Ctx() context: GatewayContext,
  ): Promise<MutationResult> {
    const { checkpoint } = await runCommand(context, {
      type: 'DeletePolicy',
      policyArn: args.policyArn,
    });
    return { checkpoint };
  }

  @Mutation(() => MutationResult, { description: 'IAM TagPolicy' })
  @Authorized<TagPolicyArgs>('iam:TagPolicy', (args) => args.policyArn, {
    context: (args) => requestTagKeys(args.tags),
  })
  async tagPolicy(
    @Args() args: TagPolicyArgs,
    @Ctx() context: GatewayContext,
  ): Promise<MutationResult> {
    const { checkpoint } = await runCommand(context, {
      type: 'TagPolicy',
      policyArn: args.policyArn,
      tags: plainTags(args.tags),
    });
    return { checkpoint };
  }

  @Mutation(() => MutationResult, { description: 'IAM UntagPolicy' })
  @Authorized<UntagPolicyArgs>('iam:UntagPolicy', (args) => args.policyArn, {
    context: (args) => tagKeysKey(args.tagKeys),
  })
  async untagPolicy(
    @Args() args: UntagPolicyArgs,
    @Ctx() context: GatewayContext,
  ): Promise<MutationResult> {
    const { checkpoint } = await runCommand(context, {
      type: 'UntagPolicy',
      policyArn: args.policyArn,
      tagKeys: args.tagKeys,
    });
    return { checkpoint };
  }
}
