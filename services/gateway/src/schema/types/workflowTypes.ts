import type {
  ChangeRequestSummary as WorkflowChangeRequestSummary,
  ChangeRequestUpdate as WorkflowChangeRequestUpdate,
  ChangeRequestView,
  GrantSummary as WorkflowGrantSummary,
  HistoryEntry,
  RequestStatus,
  ReviewInfo,
  RuleSetState,
} from '@gatehouse/workflow';
import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { connectionType } from '../../relay/connectionType.js';
import { RiskLevel } from './analysisTypes.js';

/** Where a change request is in its lifecycle (packages/workflow README, "Lifecycle and clocks"). */
export enum ChangeRequestStatus {
  PENDING = 'PENDING',
  APPROVED = 'APPROVED',
  SCHEDULED = 'SCHEDULED',
  ACTIVE = 'ACTIVE',
  APPLIED = 'APPLIED',
  EXPIRED = 'EXPIRED',
  REVOKED = 'REVOKED',
  REJECTED = 'REJECTED',
  CANCELLED = 'CANCELLED',
  TIMED_OUT = 'TIMED_OUT',
  FAILED = 'FAILED',
}
registerEnumType(ChangeRequestStatus, { name: 'ChangeRequestStatus' });

/** One place-holder kind of a quorum leaf. */
@ObjectType({ simpleResolvers: true, description: 'One quorum of the rule and who fills it' })
export class QuorumLeafProgress {
  @Field(() => String, { description: '`group`, `owner` or `anyone`' })
  kind!: string;

  @Field(() => String, { nullable: true, description: 'The group, for `group` quorums' })
  group!: string | null;

  @Field(() => Int, { description: 'People needed' })
  count!: number;

  @Field(() => [String], { description: 'The people (user ARNs) filling its places' })
  filledBy!: string[];
}

/** How far a request's reviewer requirement is met. */
@ObjectType({ simpleResolvers: true })
export class QuorumProgress {
  @Field(() => Boolean)
  satisfied!: boolean;

  @Field(() => Int, {
    description: 'Places still to fill in the alternative closest to completion',
  })
  missing!: number;

  @Field(() => [QuorumLeafProgress])
  progress!: QuorumLeafProgress[];
}

/** A review as recorded (the reviewer's standing and MFA then). */
@ObjectType({ simpleResolvers: true })
export class ChangeRequestReview {
  @Field(() => String)
  reviewerArn!: string;

  @Field(() => String, { description: 'The user behind the credentials' })
  person!: string;

  @Field(() => [String], { description: "The reviewer's groups the rule names" })
  groups!: string[];

  @Field(() => Boolean)
  owner!: boolean;

  @Field(() => Boolean)
  mfa!: boolean;
}

/** The grant a time-bound request holds. */
@ObjectType({ simpleResolvers: true })
export class ChangeRequestGrant {
  @Field(() => ID)
  grantId!: string;

  @Field(() => String)
  arn!: string;

  @Field(() => Date)
  startsAt!: Date;

  @Field(() => Date, { nullable: true })
  activatedAt!: Date | null;

  @Field(() => Date, { nullable: true, description: 'When the access ends' })
  expiresAt!: Date | null;

  @Field(() => Date, { nullable: true })
  endedAt!: Date | null;

  @Field(() => String, { nullable: true, description: '`EXPIRED` or `REVOKED`' })
  endReason!: string | null;
}

/** The least-privilege analysis as recorded with the request (bounded). */
@ObjectType({ simpleResolvers: true })
export class ChangeRequestAnalysis {
  @Field(() => String)
  verdict!: string;

  @Field(() => RiskLevel)
  risk!: RiskLevel;

  @Field(() => Int)
  findingCount!: number;

  @Field(() => [String], { description: 'The findings’ messages' })
  findings!: string[];

  @Field(() => Int)
  newAccessCount!: number;

  @Field(() => Boolean)
  truncated!: boolean;
}

/** The rule that governs a request (as it was at submission). */
@ObjectType({ simpleResolvers: true })
export class ChangeRequestRule {
  @Field(() => String)
  name!: string;

  @Field(() => Int)
  ruleSetVersion!: number;

  @Field(() => String, { nullable: true, description: 'Who must review; null when auto-approved' })
  reviewers!: string | null;

  @Field(() => Boolean)
  requireMfa!: boolean;
}

/** A change request, always current (read from its stream). */
@ObjectType({ simpleResolvers: true })
export class ChangeRequest {
  @Field(() => ID)
  requestId!: string;

  @Field(() => String)
  arn!: string;

  @Field(() => ChangeRequestStatus)
  status!: ChangeRequestStatus;

  @Field(() => String)
  summary!: string;

  @Field(() => String, { description: 'The IAM action of the change (`iam:AddUserToGroup`, ...)' })
  action!: string;

  @Field(() => String, { description: 'The thing requested' })
  resource!: string;

  @Field(() => String)
  requesterArn!: string;

  @Field(() => String, { nullable: true })
  beneficiaryArn!: string | null;

  @Field(() => String)
  source!: string;

  @Field(() => String)
  justification!: string;

  @Field(() => String, { nullable: true })
  ticket!: string | null;

  @Field(() => RiskLevel)
  risk!: RiskLevel;

  @Field(() => Int, { nullable: true, description: 'Time-bound requests: seconds of access' })
  durationSeconds!: number | null;

  @Field(() => Date, { nullable: true })
  startAt!: Date | null;

  @Field(() => Date)
  submittedAt!: Date;

  @Field(() => Date, { description: 'Reviews after this are refused (the request times out)' })
  pendingUntil!: Date;

  @Field(() => Boolean)
  breakGlass!: boolean;

  @Field(() => String, {
    description: 'Break-glass review afterwards: NONE, PENDING, CONFIRMED, REJECTED',
  })
  postReview!: string;

  @Field(() => ChangeRequestRule)
  rule!: ChangeRequestRule;

  @Field(() => QuorumProgress, { nullable: true, description: 'Null when auto-approved' })
  quorum!: QuorumProgress | null;

  @Field(() => [ChangeRequestReview])
  approvals!: ChangeRequestReview[];

  @Field(() => [ChangeRequestReview])
  rejections!: ChangeRequestReview[];

  @Field(() => ChangeRequestGrant, { nullable: true })
  grant!: ChangeRequestGrant | null;

  @Field(() => ChangeRequestAnalysis)
  analysis!: ChangeRequestAnalysis;

  @Field(() => String, { nullable: true, description: 'Why it FAILED' })
  failureReason!: string | null;

  @Field(() => Int, { description: 'Events in its stream' })
  version!: number;
}

/** What a workflow mutation returns: the request now and where its events sit in the log. */
@ObjectType({ simpleResolvers: true })
export class ChangeRequestPayload {
  @Field(() => ChangeRequest)
  changeRequest!: ChangeRequest;

  @Field(() => String, { nullable: true, description: 'Null when nothing was written' })
  checkpoint!: string | null;
}

/** One event of a request's history. */
@ObjectType({ simpleResolvers: true })
export class ChangeRequestHistoryEntry {
  @Field(() => ID)
  eventId!: string;

  @Field(() => String, { description: 'The event type (`ChangeRequestApproved`, ...)' })
  type!: string;

  @Field(() => Int)
  version!: number;

  @Field(() => Date)
  at!: Date;

  @Field(() => String, { description: 'Who caused it' })
  actor!: string;

  @Field(() => GraphQLJSONObject, {
    description: 'The event data as recorded (reviews, analysis, grant, reasons)',
  })
  data!: Record<string, unknown>;
}

/** A request and every event of it, oldest first. */
@ObjectType({ simpleResolvers: true })
export class ChangeRequestHistory {
  @Field(() => ChangeRequest)
  changeRequest!: ChangeRequest;

  @Field(() => [ChangeRequestHistoryEntry])
  events!: ChangeRequestHistoryEntry[];
}

/** A change request in a list (from the read model). */
@ObjectType({ simpleResolvers: true })
export class ChangeRequestSummary {
  @Field(() => ID)
  requestId!: string;

  @Field(() => String)
  arn!: string;

  @Field(() => ChangeRequestStatus)
  status!: ChangeRequestStatus;

  @Field(() => String)
  summary!: string;

  @Field(() => String)
  action!: string;

  @Field(() => String)
  resource!: string;

  @Field(() => String)
  requesterArn!: string;

  @Field(() => String, { nullable: true })
  beneficiaryArn!: string | null;

  @Field(() => RiskLevel)
  risk!: RiskLevel;

  @Field(() => String)
  ruleName!: string;

  @Field(() => Boolean)
  breakGlass!: boolean;

  @Field(() => Int, { nullable: true })
  durationSeconds!: number | null;

  @Field(() => Date)
  submittedAt!: Date;

  @Field(() => Date)
  pendingUntil!: Date;

  @Field(() => String, { nullable: true })
  grantId!: string | null;
}

@ObjectType({ simpleResolvers: true })
export class ChangeRequestSummaryConnection extends connectionType(ChangeRequestSummary) {}

/** An active grant. */
@ObjectType({ simpleResolvers: true })
export class GrantSummary {
  @Field(() => ID)
  grantId!: string;

  @Field(() => String)
  arn!: string;

  @Field(() => ID)
  requestId!: string;

  @Field(() => String, { nullable: true })
  beneficiaryArn!: string | null;

  @Field(() => String)
  summary!: string;

  @Field(() => String)
  status!: string;

  @Field(() => Date)
  startsAt!: Date;

  @Field(() => Date, { nullable: true })
  activatedAt!: Date | null;

  @Field(() => Date, { nullable: true, description: 'When the access ends' })
  expiresAt!: Date | null;
}

@ObjectType({ simpleResolvers: true })
export class GrantSummaryConnection extends connectionType(GrantSummary) {}

/** The approval rules in force. */
@ObjectType({ simpleResolvers: true })
export class ApprovalRules {
  @Field(() => Int, { description: '0: the built-in default' })
  version!: number;

  @Field(() => String, { description: 'SHA-256 of the source' })
  digest!: string;

  @Field(() => String)
  fileName!: string;

  @Field(() => GraphQLJSONObject, { description: 'The parsed rules (packages/workflow README)' })
  ruleSet!: Record<string, unknown>;
}

/** The result of `updateApprovalRules`. */
@ObjectType({ simpleResolvers: true })
export class UpdateApprovalRulesPayload {
  @Field(() => Int)
  version!: number;

  @Field(() => Boolean, { description: 'False when the same text was in force already' })
  changed!: boolean;

  @Field(() => String, { nullable: true })
  checkpoint!: string | null;
}

/** One state change of a change request, pushed to subscribers. */
@ObjectType({ simpleResolvers: true })
export class ChangeRequestUpdate {
  @Field(() => ID, { description: 'The event id' })
  eventId!: string;

  @Field(() => String)
  type!: string;

  @Field(() => Date)
  occurredAt!: Date;

  @Field(() => ID)
  requestId!: string;

  @Field(() => String)
  requestArn!: string;

  @Field(() => ChangeRequestStatus)
  status!: ChangeRequestStatus;

  @Field(() => ChangeRequestStatus, { nullable: true })
  previousStatus!: ChangeRequestStatus | null;

  @Field(() => String)
  actor!: string;

  @Field(() => String)
  summary!: string;

  @Field(() => String)
  requesterArn!: string;

  @Field(() => String, { nullable: true })
  beneficiaryArn!: string | null;

  @Field(() => String, { nullable: true })
  grantId!: string | null;

  @Field(() => Date, { nullable: true })
  expiresAt!: Date | null;

  @Field(() => String)
  checkpoint!: string;
}

const STATUSES: Readonly<Record<RequestStatus, ChangeRequestStatus>> = {
  PENDING: ChangeRequestStatus.PENDING,
  APPROVED: ChangeRequestStatus.APPROVED,
  SCHEDULED: ChangeRequestStatus.SCHEDULED,
  ACTIVE: ChangeRequestStatus.ACTIVE,
  APPLIED: ChangeRequestStatus.APPLIED,
  EXPIRED: ChangeRequestStatus.EXPIRED,
  REVOKED: ChangeRequestStatus.REVOKED,
  REJECTED: ChangeRequestStatus.REJECTED,
  CANCELLED: ChangeRequestStatus.CANCELLED,
  TIMED_OUT: ChangeRequestStatus.TIMED_OUT,
  FAILED: ChangeRequestStatus.FAILED,
};

const RISKS: Readonly<Record<string, RiskLevel>> = {
  LOW: RiskLevel.LOW,
  MEDIUM: RiskLevel.MEDIUM,
  HIGH: RiskLevel.HIGH,
  CRITICAL: RiskLevel.CRITICAL,
};

/** A risk level recorded by the workflow (read models keep it as text; unknown reads as CRITICAL). */
function riskOf(risk: string): RiskLevel {
  return RISKS[risk] ?? RiskLevel.CRITICAL;
}

function dateOrNull(iso: string | null): Date | null {
  return iso === null ? null : new Date(iso);
}

function reviewOf(review: ReviewInfo): ChangeRequestReview {
  return {
    reviewerArn: review.reviewerArn,
    person: review.person,
    groups: [...review.groups],
    owner: review.owner,
    mfa: review.mfa,
  };
}

/** A workflow view as GraphQL returns it. */
export function changeRequestOf(view: ChangeRequestView): ChangeRequest {
  return {
    requestId: view.requestId,
    arn: view.arn,
    status: STATUSES[view.status],
    summary: view.summary,
    action: view.action,
    resource: view.resource,
    requesterArn: view.requesterArn,
    beneficiaryArn: view.beneficiaryArn,
    source: view.source,
    justification: view.justification,
    ticket: view.ticket,
    risk: riskOf(view.analysis.risk),
    durationSeconds: view.durationSeconds,
    startAt: dateOrNull(view.startAt),
    submittedAt: new Date(view.submittedAt),
    pendingUntil: new Date(view.pendingUntil),
    breakGlass: view.breakGlass,
    postReview: view.postReview,
    rule: { ...view.rule },
    quorum:
      view.quorum === null
        ? null
        : {
            satisfied: view.quorum.satisfied,
            missing: view.quorum.missing,
            progress: view.quorum.progress.map((p) => ({
              kind: p.leaf.kind,
              group: p.leaf.kind === 'group' ? p.leaf.group : null,
              count: p.leaf.count,
              filledBy: [...p.filledBy],
            })),
          },
    approvals: view.approvals.map(reviewOf),
    rejections: view.rejections.map(reviewOf),
    grant:
      view.grant === null
        ? null
        : {
            grantId: view.grant.grantId,
            arn: view.grant.arn,
            startsAt: new Date(view.grant.startsAt),
            activatedAt: dateOrNull(view.grant.activatedAt),
            expiresAt: dateOrNull(view.grant.expiresAt),
            endedAt: dateOrNull(view.grant.endedAt),
            endReason: view.grant.endReason,
          },
    analysis: {
      verdict: view.analysis.verdict,
      risk: riskOf(view.analysis.risk),
      findingCount: view.analysis.findings.length,
      findings: view.analysis.findings.slice(0, 50).map((f) => f.message),
      newAccessCount: view.analysis.newAccessCount,
      truncated: view.analysis.truncated,
    },
    failureReason: view.failure === null ? null : `${view.failure.code}: ${view.failure.reason}`,
    version: view.version,
  };
}

/** A history entry as GraphQL returns it. */
export function historyEntryOf(entry: HistoryEntry): ChangeRequestHistoryEntry {
  return {
    eventId: entry.eventId,
    type: entry.type,
    version: entry.version,
    at: new Date(entry.at),
    actor: entry.actor,
    data: entry.data as Record<string, unknown>,
  };
}

/** A list entry as GraphQL returns it. */
export function changeRequestSummaryOf(node: WorkflowChangeRequestSummary): ChangeRequestSummary {
  return {
    requestId: node.requestId,
    arn: node.arn,
    status: STATUSES[node.status],
    summary: node.summary,
    action: node.action,
    resource: node.resource,
    requesterArn: node.requesterArn,
    beneficiaryArn: node.beneficiaryArn,
    risk: riskOf(node.risk),
    ruleName: node.ruleName,
    breakGlass: node.breakGlass,
    durationSeconds: node.durationSeconds,
    submittedAt: node.submittedAt,
    pendingUntil: node.pendingUntil,
    grantId: node.grantId,
  };
}

/** A grant as GraphQL returns it. */
export function grantSummaryOf(node: WorkflowGrantSummary): GrantSummary {
  return {
    grantId: node.grantId,
    arn: node.arn,
    requestId: node.requestId,
    beneficiaryArn: node.beneficiaryArn,
    summary: node.summary,
    status: node.status,
    startsAt: node.startsAt,
    activatedAt: node.activatedAt,
    expiresAt: node.expiresAt,
  };
}

/** The rules in force as GraphQL returns them. */
export function approvalRulesOf(state: RuleSetState): ApprovalRules {
  return {
    version: state.version,
    digest: state.digest,
    fileName: state.fileName,
    ruleSet: JSON.parse(JSON.stringify(state.ruleSet)) as Record<string, unknown>,
  };
}

/** A feed update as GraphQL returns it. */
export function changeRequestUpdateOf(update: WorkflowChangeRequestUpdate): ChangeRequestUpdate {
  return {
    eventId: update.eventId,
    type: update.type,
    occurredAt: new Date(update.occurredAt),
    requestId: update.requestId,
    requestArn: update.requestArn,
    status: STATUSES[update.status],
    previousStatus: update.previousStatus === null ? null : STATUSES[update.previousStatus],
    actor: update.actor,
    summary: update.summary,
    requesterArn: update.requesterArn,
    beneficiaryArn: update.beneficiaryArn,
    grantId: update.grantId,
    expiresAt: dateOrNull(update.expiresAt),
    checkpoint: update.checkpoint,
  };
}
