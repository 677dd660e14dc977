import {
  parseAsOf,
  type AsOf,
  type AuditEntry as DomainEntry,
  type HistoryFilter,
} from '@gatehouse/audit';
import { serviceArn } from '@gatehouse/iam';
import type { AccessEntry } from '@gatehouse/policy';
import { Arg, Ctx, Int, Query, Resolver } from 'type-graphql';
import { Authorized } from '../authorization/declaration.js';
import type { TargetArns } from '../authorization/targetArns.js';
import type { GatewayContext } from '../context/gatewayContext.js';
import { badInput } from '../errors/gatewayError.js';
import type { AccessGrant } from '../schema/types/analysisTypes.js';
import {
  AuditEntityKind,
  AuditEntry,
  AuditEntryConnection,
  AuditEventFilter,
  AuditExport,
  AuditLogVerification,
  DecisionFilterInput,
  EffectivePermissionsAsOf,
  EntityAsOf,
  HistoryOrder,
  LoggedDecisionConnection,
  PrincipalAccessReview,
  ResourceAccessHolder,
  SimulationAsOf,
} from '../schema/types/auditTypes.js';
import { ContextEntryInput, Decision } from '../schema/types/decisionTypes.js';
import { requestContextOf } from './support/contextEntries.js';

/** The log the audit actions name (`arn:gatehouse:audit::<account>:log/events`). */
function logArn(arns: TargetArns): string {
  return serviceArn('audit', arns.accountId, 'log/events');
}

function asOfOf(value: string | null | undefined): AsOf | undefined {
  return value === null || value === undefined ? undefined : parseAsOf(value);
}

function entryOf(entry: DomainEntry): AuditEntry {
  return {
    ...entry,
    checkpoint: `${entry.transactionId.toString()}:${entry.globalPosition.toString()}`,
  };
}

function grantOf(entry: AccessEntry): AccessGrant {
  return {
    principal: entry.principal ?? null,
    action: entry.action,
    resource: entry.resource,
    conditional: entry.conditional,
  };
}

function filterOf(input: AuditEventFilter | null | undefined): HistoryFilter {
  if (input === null || input === undefined) return {};
  return {
    actor: input.actor ?? undefined,
    person: input.person ?? undefined,
    targets: input.targets ?? undefined,
    eventTypes: input.eventTypes ?? undefined,
    actions: input.actions ?? undefined,
    from: input.from ?? undefined,
    to: input.to ?? undefined,
    changeRequestId: input.changeRequestId ?? undefined,
    correlationId: input.correlationId ?? undefined,
  };
}

function entityArn(arns: TargetArns, kind: AuditEntityKind, name: string): string {
  switch (kind) {
    case AuditEntityKind.user:
      return arns.user(name);
    case AuditEntityKind.group:
      return arns.group(name);
    case AuditEntityKind.role:
      return arns.role(name);
    case AuditEntityKind.policy:
      return arns.created('policy', '/', name);
  }
}

/**
 * The audit API (`audit:` actions): history over the event log, point-in-time
 * reads and simulations, access reviews, integrity checks and exports, and the
 * decision log. Every answer comes from `@gatehouse/audit`; this module only
 * maps arguments and results and declares authorization.
 */
@Resolver()
export class AuditResolver {
  @Query(() => AuditEntryConnection, {
    description:
      'History: a page of audit entries (what changed, who, from where, when, approved how)',
  })
  @Authorized('audit:ListEvents', () => '*')
  async listEvents(
    @Arg('filter', () => AuditEventFilter, { nullable: true })
    filter: AuditEventFilter | null | undefined,
    @Arg('order', () => HistoryOrder, { nullable: true }) order: HistoryOrder | null | undefined,
    @Arg('first', () => Int, { nullable: true }) first: number | null | undefined,
    @Arg('after', () => String, { nullable: true }) after: string | null | undefined,
    @Ctx() ctx: GatewayContext,
  ): Promise<AuditEntryConnection> {
    const page = await ctx.services.audit.listEvents(filterOf(filter), {
      first: first ?? undefined,
      after,
      order: order ?? HistoryOrder.NEWEST_FIRST,
    });
    return {
      pageInfo: page.pageInfo,
      edges: page.edges.map((e) => ({ cursor: e.cursor, node: entryOf(e.node) })),
    };
  }

  @Query(() => AuditEntry, { nullable: true, description: 'One audit entry by event id' })
  @Authorized<{ eventId: string }>('audit:GetEvent', (args, { arns }) =>
    serviceArn('audit', arns.accountId, `event/${args.eventId}`),
  )
  async getEvent(
    @Arg('eventId', () => String) eventId: string,
    @Ctx() ctx: GatewayContext,
  ): Promise<AuditEntry | null> {
    const entry = await ctx.services.audit.getEvent(eventId);
    return entry === undefined ? null : entryOf(entry);
  }

  @Query(() => EntityAsOf, {
    description: 'A user, group, role or managed policy (with its default version) as it was',
  })
  @Authorized<{ kind: AuditEntityKind; name: string }>('audit:GetEntityAsOf', (args, { arns }) =>
    entityArn(arns, args.kind, args.name),
  )
  async getEntityAsOf(
    @Arg('kind', () => AuditEntityKind) kind: AuditEntityKind,
    @Arg('name', () => String) name: string,
    @Arg('asOf', () => String, {
      nullable: true,
      description: 'ISO 8601 time or checkpoint `transactionId:globalPosition`; now when absent',
    })
    asOf: string | null | undefined,
    @Ctx() ctx: GatewayContext,
  ): Promise<EntityAsOf> {
    const entity = await ctx.services.audit.entityAsOf(kind, name, asOfOf(asOf));
    return { ...entity, kind };
  }

  @Query(() => EffectivePermissionsAsOf, {
    description: "A user's or role's effective permissions as of a moment",
  })
  @Authorized<{ principal: string }>('audit:GetEffectivePermissionsAsOf', (args) => args.principal)
  async getEffectivePermissionsAsOf(
    @Arg('principal', () => String) principal: string,
    @Arg('asOf', () => String, { nullable: true }) asOf: string | null | undefined,
    @Ctx() ctx: GatewayContext,
  ): Promise<EffectivePermissionsAsOf> {
    const answer = await ctx.services.audit.effectivePermissionsAsOf(principal, asOfOf(asOf));
    return { ...answer, access: answer.access.map(grantOf) };
  }

  @Query(() => SimulationAsOf, {
    description:
      'Could the principal do the action on the resource at that moment, because of which statements and which approved request?',
  })
  @Authorized<{ principal: string }>('audit:SimulatePrincipalPolicyAsOf', (args) => args.principal)
  async simulatePrincipalPolicyAsOf(
    @Arg('principal', () => String) principal: string,
    @Arg('action', () => String) action: string,
    @Arg('resource', () => String) resource: string,
    @Arg('context', () => [ContextEntryInput], { nullable: true })
    context: ContextEntryInput[] | null | undefined,
    @Arg('asOf', () => String, { nullable: true }) asOf: string | null | undefined,
    @Ctx() ctx: GatewayContext,
  ): Promise<SimulationAsOf> {
    if (action.length === 0 || action.length > 256)
      throw badInput('action', 'must be `service:Action`');
    if (resource.length === 0 || resource.length > 2048)
      throw badInput('resource', 'must be an ARN or `*`');
    const answer = await ctx.services.audit.simulatePrincipalPolicyAsOf(
      { principalArn: principal, action, resource, context: requestContextOf(context) },
      asOfOf(asOf),
    );
    return {
      ...answer,
      decision: Decision[answer.decision],
      statements: answer.statements.map((s) => ({ ...s, sid: s.sid ?? null })),
    };
  }

  @Query(() => [ResourceAccessHolder], {
    description: 'Access review: who can do the action on the resource now, and since when',
  })
  @Authorized<{ resource: string }>('audit:ReviewResourceAccess', (args) => args.resource)
  reviewResourceAccess(
    @Arg('action', () => String) action: string,
    @Arg('resource', () => String) resource: string,
    @Ctx() ctx: GatewayContext,
  ): Promise<ResourceAccessHolder[]> {
    return ctx.services.audit.reviewResourceAccess(action, resource);
  }

  @Query(() => PrincipalAccessReview, {
    description:
      'Access review: what the principal has, what it used and did not use in N days, and a narrower policy',
  })
  @Authorized<{ principal: string }>('audit:ReviewPrincipalAccess', (args) => args.principal)
  async reviewPrincipalAccess(
    @Arg('principal', () => String) principal: string,
    @Arg('days', () => Int, { defaultValue: 90 }) days: number,
    @Ctx() ctx: GatewayContext,
  ): Promise<PrincipalAccessReview> {
    const review = await ctx.services.audit.reviewPrincipalAccess(principal, days);
    return {
      principalArn: review.principalArn,
      days: review.days,
      used: review.used,
      usedGrants: review.granted.filter((g) => g.used).map(grantOf),
      unused: review.unused.map(grantOf),
      suggestedPolicy: review.suggestedPolicy,
    };
  }

  @Query(() => AuditLogVerification, {
    description: 'Checks every hash chain and digest of the log; reports the first problem',
  })
  @Authorized('audit:VerifyAuditLog', (_args, { arns }) => logArn(arns))
  async verifyAuditLog(@Ctx() ctx: GatewayContext): Promise<AuditLogVerification> {
    const report = await ctx.services.audit.verifyAuditLog();
    const problem = report.firstProblem;
    return {
      ...report,
      firstProblem:
        problem === null
          ? null
          : {
              kind: problem.kind,
              message: problem.message,
              globalPosition: problem.globalPosition?.toString() ?? null,
              streamId: problem.streamId,
              streamVersion: problem.streamVersion,
              digestSeq: problem.digestSeq?.toString() ?? null,
            },
    };
  }

  @Query(() => AuditExport, {
    description: 'Events recorded in [from, to) as JSON lines, with the digests that cover them',
  })
  @Authorized('audit:ExportEvents', (_args, { arns }) => logArn(arns))
  exportEvents(
    @Arg('from', () => Date) from: Date,
    @Arg('to', () => Date) to: Date,
    @Ctx() ctx: GatewayContext,
  ): Promise<AuditExport> {
    return ctx.services.audit.exportEvents({ from, to });
  }

  @Query(() => LoggedDecisionConnection, {
    description: "The decision log (the gateway's own authorization and `isAuthorized`)",
  })
  @Authorized('audit:ListDecisions', () => '*')
  async listDecisions(
    @Arg('filter', () => DecisionFilterInput, { nullable: true })
    filter: DecisionFilterInput | null | undefined,
    @Arg('order', () => HistoryOrder, { nullable: true }) order: HistoryOrder | null | undefined,
    @Arg('first', () => Int, { nullable: true }) first: number | null | undefined,
    @Arg('after', () => String, { nullable: true }) after: string | null | undefined,
    @Ctx() ctx: GatewayContext,
  ): Promise<LoggedDecisionConnection> {
    const f = filter ?? {};
    const page = await ctx.services.audit.listDecisions(
      {
        principalArn: f.principalArn ?? undefined,
        callerArn: f.callerArn ?? undefined,
        action: f.action ?? undefined,
        service: f.service ?? undefined,
        resource: f.resource ?? undefined,
        decision: f.decision ?? undefined,
        source: f.source ?? undefined,
        requestId: f.requestId ?? undefined,
        from: f.from ?? undefined,
        to: f.to ?? undefined,
      },
      { first: first ?? undefined, after, order: order ?? HistoryOrder.NEWEST_FIRST },
    );
    return { pageInfo: page.pageInfo, edges: [...page.edges] };
  }
}
