import type { RequestContextInput } from '@gatehouse/policy';
import {
  approvalRulesArn,
  changeRequestArn,
  isWorkflowError,
  type AccessRequest,
  type ChangeRequestReceipt,
} from '@gatehouse/workflow';
import { Args, ArgsType, Ctx, Field, ID, InputType, Mutation, Query, Resolver } from 'type-graphql';
import { Authorized, AuthorizedTarget } from '../authorization/declaration.js';
import type { GatewayContext } from '../context/gatewayContext.js';
import { badInput, GatewayError } from '../errors/gatewayError.js';
import { PageArgs, pageOf } from '../relay/pageArgs.js';
import {
  ApprovalRules,
  approvalRulesOf,
  ChangeRequest,
  ChangeRequestHistory,
  changeRequestOf,
  ChangeRequestPayload,
  ChangeRequestStatus,
  changeRequestSummaryOf,
  ChangeRequestSummaryConnection,
  GrantSummaryConnection,
  grantSummaryOf,
  historyEntryOf,
  UpdateApprovalRulesPayload,
} from '../schema/types/workflowTypes.js';
import { principalOf } from './support/runCommand.js';
import {
  beneficiaryMayRevoke,
  changeRequestContext,
  changeTypeOfAction,
  grantArnOf,
  loadChangeRequest,
  requestArnOf,
  requesterMayCancel,
  workflowCallerOf,
  type ChangeRequestTarget,
} from './support/workflowTargets.js';

/** The access a person asks for: exactly one of the three. */
@InputType({ description: 'Exactly one of groupName, policyArn, roleArn' })
class AccessInput {
  @Field(() => String, { nullable: true, description: 'Join this group' })
  groupName?: string | null;

  @Field(() => String, { nullable: true, description: 'Have this managed policy attached' })
  policyArn?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'May assume this role (always time-bound)',
  })
  roleArn?: string | null;
}

@ArgsType()
class RequestAccessArgs {
  @Field(() => AccessInput)
  access!: AccessInput;

  @Field(() => String)
  justification!: string;

  @Field(() => String, { nullable: true })
  ticket?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Time-bound access: `8h`, `90m`, `PT8H`; absent: permanent',
  })
  duration?: string | null;

  @Field(() => Date, { nullable: true, description: 'Scheduled start (default: once approved)' })
  startAt?: Date | null;
}

@ArgsType()
class RequestBreakGlassArgs {
  @Field(() => AccessInput)
  access!: AccessInput;

  @Field(() => String)
  justification!: string;

  @Field(() => String, { nullable: true })
  ticket?: string | null;

  @Field(() => String, { description: "At most the rule's break-glass maximum" })
  duration!: string;
}

@ArgsType()
class ChangeRequestIdArgs {
  @Field(() => ID)
  id!: string;
}

@ArgsType()
class ApproveArgs {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { nullable: true })
  comment?: string | null;
}

@ArgsType()
class RejectArgs {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  reason!: string;
}

@ArgsType()
class CancelArgs {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { nullable: true })
  reason?: string | null;
}

@ArgsType()
class RevokeGrantArgs {
  @Field(() => ID, { description: 'The request whose grant ends' })
  requestId!: string;

  @Field(() => String)
  reason!: string;
}

@ArgsType()
class UpdateApprovalRulesArgs {
  @Field(() => String, { description: 'The rules file (YAML or JSON), at most 64 KiB' })
  source!: string;

  @Field(() => String, {
    nullable: true,
    description: 'Default `approval-rules.yaml`; `.json` is parsed as JSON',
  })
  fileName?: string | null;
}

@ArgsType()
class MyChangeRequestsArgs extends PageArgs {
  @Field(() => [ChangeRequestStatus], { nullable: true, description: 'Only these statuses' })
  status?: ChangeRequestStatus[] | null;
}

@ArgsType()
class ActiveGrantsArgs extends PageArgs {
  @Field(() => String, { nullable: true, description: 'Only grants giving access to this ARN' })
  beneficiaryArn?: string | null;
}

/** The access input as the workflow takes it. @throws GatewayError BAD_USER_INPUT */
function accessOf(access: AccessInput): AccessRequest {
  const given = [
    access.groupName === null || access.groupName === undefined
      ? undefined
      : ({ kind: 'group', groupName: access.groupName } as const),
    access.policyArn === null || access.policyArn === undefined
      ? undefined
      : ({ kind: 'managedPolicy', policyArn: access.policyArn } as const),
    access.roleArn === null || access.roleArn === undefined
      ? undefined
      : ({ kind: 'role', roleArn: access.roleArn } as const),
  ].filter((a) => a !== undefined);
  const [only] = given;
  if (given.length !== 1 || only === undefined) {
    throw badInput('access', 'must give exactly one of groupName, policyArn, roleArn');
  }
  return only;
}

/** `approvals:ChangeType` of an access request. */
function accessChangeType(args: { readonly access: AccessInput }): RequestContextInput {
  const { access } = args;
  const type =
    access.groupName !== null && access.groupName !== undefined
      ? 'AddUserToGroup'
      : access.policyArn !== null && access.policyArn !== undefined
        ? 'AttachUserPolicy'
        : 'RoleAccess';
  return { 'approvals:ChangeType': type };
}

function payloadOf(receipt: ChangeRequestReceipt): ChangeRequestPayload {
  return { changeRequest: changeRequestOf(receipt.request), checkpoint: receipt.checkpoint };
}

/**
 * The approval workflow (issue 7, `@gatehouse/workflow`): requests, reviews,
 * grants and rules. Each field is one call into `WorkflowService` or
 * `WorkflowQueries`, authorized as its `approvals:` action on the request's,
 * grant's or rules' ARN; the workflow then applies its own domain policy
 * (separation of duties, quorum eligibility, MFA).
 */
@Resolver()
export class WorkflowResolver {
  @Mutation(() => ChangeRequestPayload, {
    description: 'Asks for access for yourself: a group, a managed policy or a role',
  })
  @Authorized<RequestAccessArgs>(
    'approvals:SubmitChangeRequest',
    (_args, { arns }) => changeRequestArn(arns.accountId, '*'),
    { context: accessChangeType },
  )
  async requestAccess(
    @Args() args: RequestAccessArgs,
    @Ctx() context: GatewayContext,
  ): Promise<ChangeRequestPayload> {
    const receipt = await context.services.workflow.requestAccess(
      {
        access: accessOf(args.access),
        justification: args.justification,
        ticket: args.ticket,
        duration: args.duration,
        startAt: args.startAt,
      },
      workflowCallerOf(context),
    );
    return payloadOf(receipt);
  }

  @Mutation(() => ChangeRequestPayload, {
    description: 'Immediate, short access where a rule allows it; reviewed afterwards',
  })
  @Authorized<RequestBreakGlassArgs>(
    'approvals:SubmitChangeRequest',
    (_args, { arns }) => changeRequestArn(arns.accountId, '*'),
    { context: accessChangeType },
  )
  async requestBreakGlassAccess(
    @Args() args: RequestBreakGlassArgs,
    @Ctx() context: GatewayContext,
  ): Promise<ChangeRequestPayload> {
    const receipt = await context.services.workflow.requestBreakGlass(
      {
        access: accessOf(args.access),
        justification: args.justification,
        ticket: args.ticket,
        duration: args.duration,
      },
      workflowCallerOf(context),
    );
    return payloadOf(receipt);
  }

  @Mutation(() => ChangeRequestPayload, {
    description: 'A review: approves when the quorum is met',
  })
  @AuthorizedTarget<ApproveArgs, ChangeRequestTarget>(
    'approvals:ApproveChangeRequest',
    (args, services) => loadChangeRequest(args.id, services),
    (args, target, { arns }) => requestArnOf(args.id, target, arns.accountId),
    { context: (_args, target) => changeRequestContext(target) },
  )
  async approveChangeRequest(
    @Args() args: ApproveArgs,
    @Ctx() context: GatewayContext,
  ): Promise<ChangeRequestPayload> {
    return payloadOf(
      await context.services.workflow.approve(
        { requestId: args.id, comment: args.comment },
        workflowCallerOf(context),
      ),
    );
  }

  @Mutation(() => ChangeRequestPayload, {
    description: "A review: one eligible reviewer's rejection ends the request",
  })
  @AuthorizedTarget<RejectArgs, ChangeRequestTarget>(
    'approvals:RejectChangeRequest',
    (args, services) => loadChangeRequest(args.id, services),
    (args, target, { arns }) => requestArnOf(args.id, target, arns.accountId),
    { context: (_args, target) => changeRequestContext(target) },
  )
  async rejectChangeRequest(
    @Args() args: RejectArgs,
    @Ctx() context: GatewayContext,
  ): Promise<ChangeRequestPayload> {
    return payloadOf(
      await context.services.workflow.reject(
        { requestId: args.id, reason: args.reason },
        workflowCallerOf(context),
      ),
    );
  }

  @Mutation(() => ChangeRequestPayload, {
    description: 'Withdraws a request that has not taken effect (its requester may)',
  })
  @AuthorizedTarget<CancelArgs, ChangeRequestTarget>(
    'approvals:CancelChangeRequest',
    (args, services) => loadChangeRequest(args.id, services),
    (args, target, { arns }) => requestArnOf(args.id, target, arns.accountId),
    {
      context: (_args, target) => changeRequestContext(target),
      resourcePolicy: (args, target, { arns }) =>
        requesterMayCancel(target, requestArnOf(args.id, target, arns.accountId)),
    },
  )
  async cancelChangeRequest(
    @Args() args: CancelArgs,
    @Ctx() context: GatewayContext,
  ): Promise<ChangeRequestPayload> {
    return payloadOf(
      await context.services.workflow.cancel(
        { requestId: args.id, reason: args.reason },
        workflowCallerOf(context),
      ),
    );
  }

  @Mutation(() => ChangeRequestPayload, {
    description: "Ends a request's grant now (its beneficiary may)",
  })
  @AuthorizedTarget<RevokeGrantArgs, ChangeRequestTarget>(
    'approvals:RevokeGrant',
    (args, services) => loadChangeRequest(args.requestId, services),
    (args, target, { arns }) => grantArnOf(args.requestId, target, arns.accountId),
    {
      resourcePolicy: (args, target, { arns }) =>
        beneficiaryMayRevoke(target, grantArnOf(args.requestId, target, arns.accountId)),
    },
  )
  async revokeGrant(
    @Args() args: RevokeGrantArgs,
    @Ctx() context: GatewayContext,
  ): Promise<ChangeRequestPayload> {
    return payloadOf(
      await context.services.workflow.revokeGrant(
        { requestId: args.requestId, reason: args.reason },
        workflowCallerOf(context),
      ),
    );
  }

  @Mutation(() => UpdateApprovalRulesPayload, {
    description: 'Publishes a rules file as the next version (validated, located errors)',
  })
  @Authorized<UpdateApprovalRulesArgs>('approvals:UpdateApprovalRules', (_args, { arns }) =>
    approvalRulesArn(arns.accountId),
  )
  async updateApprovalRules(
    @Args() args: UpdateApprovalRulesArgs,
    @Ctx() context: GatewayContext,
  ): Promise<UpdateApprovalRulesPayload> {
    try {
      return await context.services.workflow.publishRules(
        {
          source: args.source,
          ...(args.fileName === null || args.fileName === undefined
            ? {}
            : { fileName: args.fileName }),
        },
        workflowCallerOf(context),
      );
    } catch (error) {
      // Name the argument the located errors are about, as bad input elsewhere does.
      if (!isWorkflowError(error, 'INVALID_RULES')) throw error;
      throw new GatewayError(
        'BAD_USER_INPUT',
        `\`source\` is not a valid rules file: ${error.message}`,
        {
          details: { ...error.details, reason: 'INVALID_RULES', argument: 'source' },
          cause: error,
        },
      );
    }
  }

  @Query(() => ChangeRequest, { description: 'A change request as it is now (from its stream)' })
  @AuthorizedTarget<ChangeRequestIdArgs, ChangeRequestTarget>(
    'approvals:GetChangeRequest',
    (args, services) => loadChangeRequest(args.id, services),
    (args, target, { arns }) => requestArnOf(args.id, target, arns.accountId),
    { context: (_args, target) => changeRequestContext(target) },
  )
  async changeRequest(
    @Args() args: ChangeRequestIdArgs,
    @Ctx() context: GatewayContext,
  ): Promise<ChangeRequest> {
    return changeRequestOf(await context.services.workflow.getRequest(args.id));
  }

  @Query(() => ChangeRequestHistory, {
    description: 'Every event of a request: who reviewed, when, what the analysis said',
  })
  @AuthorizedTarget<ChangeRequestIdArgs, ChangeRequestTarget>(
    'approvals:GetChangeRequest',
    (args, services) => loadChangeRequest(args.id, services),
    (args, target, { arns }) => requestArnOf(args.id, target, arns.accountId),
    { context: (_args, target) => changeRequestContext(target) },
  )
  async changeRequestHistory(
    @Args() args: ChangeRequestIdArgs,
    @Ctx() context: GatewayContext,
  ): Promise<ChangeRequestHistory> {
    const history = await context.services.workflow.history(args.id);
    return {
      changeRequest: changeRequestOf(history.request),
      events: history.events.map(historyEntryOf),
    };
  }

  @Query(() => ApprovalRules, { description: 'The approval rules in force' })
  @Authorized('approvals:GetApprovalRules', (_args, { arns }) => approvalRulesArn(arns.accountId))
  async approvalRules(@Ctx() context: GatewayContext): Promise<ApprovalRules> {
    return approvalRulesOf(await context.services.workflow.rules());
  }

  @Query(() => ChangeRequestSummaryConnection, {
    description: 'Requests you submitted (as any of your principals), newest first',
  })
  @Authorized('approvals:ListChangeRequests', () => '*')
  async myChangeRequests(
    @Args() args: MyChangeRequestsArgs,
    @Ctx() context: GatewayContext,
  ): Promise<ChangeRequestSummaryConnection> {
    const principal = principalOf(context);
    const connection = await context.services.workflowQueries.myRequests(
      principal.originalPrincipalArn,
      args.status === null || args.status === undefined ? {} : { status: args.status },
      pageOf(args),
    );
    return {
      ...connection,
      edges: connection.edges.map((e) => ({
        cursor: e.cursor,
        node: changeRequestSummaryOf(e.node),
      })),
    };
  }

  @Query(() => ChangeRequestSummaryConnection, {
    description:
      'Pending requests you may review (a quorum names you and you may approve them), oldest first. A page may hold fewer than `first` nodes: those you may not approve are left out; `pageInfo` pages on without gaps',
  })
  @Authorized('approvals:ListChangeRequests', () => '*')
  async changeRequestsAwaitingMyReview(
    @Args() args: PageArgs,
    @Ctx() context: GatewayContext,
  ): Promise<ChangeRequestSummaryConnection> {
    const principal = principalOf(context);
    const { workflowQueries, workflowDirectory, clock } = context.services;
    const person = principal.originalPrincipalArn;
    const connection = await workflowQueries.awaitingReview(
      { person, groups: workflowDirectory.groupsOf(person) },
      clock.now(),
      pageOf(args),
    );
    return {
      pageInfo: connection.pageInfo,
      edges: connection.edges
        .filter((e) =>
          workflowDirectory.isAllowed(principal, 'approvals:ApproveChangeRequest', e.node.arn, {
            'approvals:RiskLevel': e.node.risk,
            'approvals:Requester': e.node.requesterArn,
            'approvals:ChangeType': changeTypeOfAction(e.node.action),
          }),
        )
        .map((e) => ({ cursor: e.cursor, node: changeRequestSummaryOf(e.node) })),
    };
  }

  @Query(() => GrantSummaryConnection, {
    description: 'Grants in force (optionally of one beneficiary), soonest to end first',
  })
  @Authorized('approvals:ListChangeRequests', () => '*')
  async activeGrants(
    @Args() args: ActiveGrantsArgs,
    @Ctx() context: GatewayContext,
  ): Promise<GrantSummaryConnection> {
    const connection = await context.services.workflowQueries.activeGrants(
      args.beneficiaryArn === null || args.beneficiaryArn === undefined
        ? {}
        : { beneficiaryArn: args.beneficiaryArn },
      pageOf(args),
    );
    return {
      ...connection,
      edges: connection.edges.map((e) => ({ cursor: e.cursor, node: grantSummaryOf(e.node) })),
    };
  }
}
