import type {
  AccessEntry,
  AnalysisFinding as PolicyAnalysisFinding,
  ChangeAnalysis as PolicyChangeAnalysis,
  RiskLevel as PolicyRiskLevel,
  Verdict,
} from '@gatehouse/policy';
import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, ID, Int, InterfaceType, ObjectType, registerEnumType } from 'type-graphql';

/** `analyzeChange`'s verdict. */
export enum ChangeVerdict {
  AUTO_APPLY = 'AUTO_APPLY',
  REQUIRE_APPROVAL = 'REQUIRE_APPROVAL',
  BLOCK = 'BLOCK',
}
registerEnumType(ChangeVerdict, { name: 'ChangeVerdict' });

/** Risk levels, lowest first. */
export enum RiskLevel {
  LOW = 'LOW',
  MEDIUM = 'MEDIUM',
  HIGH = 'HIGH',
  CRITICAL = 'CRITICAL',
}
registerEnumType(RiskLevel, { name: 'RiskLevel' });

/** What happened to a permission-changing mutation. */
export enum ChangeStatus {
  /** Applied now (nothing new granted, or applied by the root user). */
  APPLIED = 'APPLIED',
  /** Not applied: a change request awaits approval (`changeRequestId`). */
  PENDING_APPROVAL = 'PENDING_APPROVAL',
}
registerEnumType(ChangeStatus, { name: 'ChangeStatus' });

/** A finding of the least-privilege analysis. */
@ObjectType({ simpleResolvers: true })
export class AnalysisFinding {
  @Field(() => String, { description: 'Stable code (packages/policy README, "Verdicts")' })
  code!: string;

  @Field(() => String)
  category!: string;

  @Field(() => RiskLevel)
  risk!: RiskLevel;

  @Field(() => String)
  message!: string;

  @Field(() => String, { nullable: true, description: 'The principal (ARN) concerned' })
  principal!: string | null;

  @Field(() => [String], { nullable: true })
  actions!: string[] | null;

  @Field(() => GraphQLJSONObject, {
    nullable: true,
    description: 'For escalation findings: the path',
  })
  path!: Record<string, unknown> | null;
}

/** Access a change grants that a principal did not certainly have. */
@ObjectType({ simpleResolvers: true })
export class AccessGrant {
  @Field(() => String, { nullable: true })
  principal!: string | null;

  @Field(() => String)
  action!: string;

  @Field(() => String)
  resource!: string;

  @Field(() => Boolean, { description: 'Granted only when conditions hold' })
  conditional!: boolean;
}

/** The least-privilege analysis of a permission-changing mutation. */
@ObjectType({ simpleResolvers: true })
export class ChangeAnalysis {
  @Field(() => ChangeVerdict)
  verdict!: ChangeVerdict;

  @Field(() => RiskLevel)
  risk!: RiskLevel;

  @Field(() => [AnalysisFinding])
  findings!: AnalysisFinding[];

  @Field(() => [AccessGrant], { description: 'At most 100 entries (see `truncated`)' })
  newAccess!: AccessGrant[];

  @Field(() => Int)
  escalationPathCount!: number;

  @Field(() => [String])
  affectedPrincipals!: string[];

  @Field(() => Boolean)
  truncated!: boolean;
}

/** Every permission-changing mutation's payload: what happened and why. */
@InterfaceType({ description: 'The outcome of a permission-changing mutation' })
export abstract class PermissionChange {
  @Field(() => ChangeStatus)
  status!: ChangeStatus;

  @Field(() => ID, { nullable: true, description: 'Set when PENDING_APPROVAL' })
  changeRequestId!: string | null;

  @Field(() => ChangeAnalysis)
  analysis!: ChangeAnalysis;

  @Field(() => String, {
    nullable: true,
    description: 'Where the change sits in the event log, when applied',
  })
  checkpoint!: string | null;
}

/** A permission-changing mutation with nothing else to return. */
@ObjectType({ implements: PermissionChange, simpleResolvers: true })
export class PermissionChangePayload extends PermissionChange {}

const MAX_NEW_ACCESS = 100;

const VERDICTS: Readonly<Record<Verdict, ChangeVerdict>> = {
  AUTO_APPLY: ChangeVerdict.AUTO_APPLY,
  REQUIRE_APPROVAL: ChangeVerdict.REQUIRE_APPROVAL,
  BLOCK: ChangeVerdict.BLOCK,
};

const RISKS: Readonly<Record<PolicyRiskLevel, RiskLevel>> = {
  LOW: RiskLevel.LOW,
  MEDIUM: RiskLevel.MEDIUM,
  HIGH: RiskLevel.HIGH,
  CRITICAL: RiskLevel.CRITICAL,
};

function findingOf(finding: PolicyAnalysisFinding): AnalysisFinding {
  return {
    code: finding.code,
    category: finding.category,
    risk: RISKS[finding.risk],
    message: finding.message,
    principal: finding.principal ?? null,
    actions: finding.actions === undefined ? null : [...finding.actions],
    path:
      finding.path === undefined
        ? null
        : (JSON.parse(JSON.stringify(finding.path)) as Record<string, unknown>),
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

/** The analysis as GraphQL returns it. */
export function changeAnalysisOf(analysis: PolicyChangeAnalysis): ChangeAnalysis {
  return {
    verdict: VERDICTS[analysis.verdict],
    risk: RISKS[analysis.risk],
    findings: analysis.findings.map(findingOf),
    newAccess: analysis.newAccess.slice(0, MAX_NEW_ACCESS).map(grantOf),
    escalationPathCount: analysis.escalationPaths.length,
    affectedPrincipals: [...analysis.affectedPrincipals],
    truncated: analysis.truncated || analysis.newAccess.length > MAX_NEW_ACCESS,
  };
}
