import { Field, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { connectionType } from '../../relay/connectionType.js';
import { AccessGrant } from './analysisTypes.js';
import { Decision, MatchedStatement } from './decisionTypes.js';

/** Which way a history runs. */
export enum HistoryOrder {
  NEWEST_FIRST = 'NEWEST_FIRST',
  OLDEST_FIRST = 'OLDEST_FIRST',
}
registerEnumType(HistoryOrder, { name: 'HistoryOrder' });

/** The entities a point-in-time read returns. */
export enum AuditEntityKind {
  user = 'user',
  group = 'group',
  role = 'role',
  policy = 'policy',
}
registerEnumType(AuditEntityKind, { name: 'AuditEntityKind' });

/** What a history page may be narrowed to; every given field must hold. */
@InputType()
export class AuditEventFilter {
  @Field(() => String, { nullable: true, description: 'The recorded actor ARN' })
  actor?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'The person behind the actor (the user behind an assumed role)',
  })
  person?: string | null;

  @Field(() => [String], {
    nullable: true,
    description: 'IAM ARNs (every entity that held the name), change request ARNs, or stream ids',
  })
  targets?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'Event types (`UserPolicyAttached`)' })
  eventTypes?: string[] | null;

  @Field(() => [String], {
    nullable: true,
    description: 'Actions (`iam:AttachUserPolicy`): the command recorded with the event',
  })
  actions?: string[] | null;

  @Field(() => Date, { nullable: true, description: 'Recorded at or after' })
  from?: Date | null;

  @Field(() => Date, { nullable: true, description: 'Recorded before' })
  to?: Date | null;

  @Field(() => String, { nullable: true })
  changeRequestId?: string | null;

  @Field(() => String, { nullable: true })
  correlationId?: string | null;
}

/** Who did it, from where. */
@ObjectType({ simpleResolvers: true })
export class AuditActor {
  @Field(() => String)
  arn!: string;

  @Field(() => String, { nullable: true })
  principalType!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'The person behind an assumed role (who started the session chain)',
  })
  originalPrincipalArn!: string | null;

  @Field(() => String, { nullable: true, description: 'The role, for a role session' })
  roleArn!: string | null;

  @Field(() => String, { nullable: true })
  sessionId!: string | null;

  @Field(() => String, { nullable: true })
  accessKeyId!: string | null;

  @Field(() => Boolean, { nullable: true })
  mfaAuthenticated!: boolean | null;

  @Field(() => String, { nullable: true })
  sourceIp!: string | null;

  @Field(() => String, { nullable: true })
  userAgent!: string | null;
}

/** One line of what changed in the entity (values as JSON text, secrets withheld). */
@ObjectType({ simpleResolvers: true })
export class AuditChange {
  @Field(() => String)
  path!: string;

  @Field(() => String, { description: '`ADDED`, `REMOVED` or `CHANGED`' })
  change!: string;

  @Field(() => String, { nullable: true })
  before!: string | null;

  @Field(() => String, { nullable: true })
  after!: string | null;
}

/** A reviewer's decision on a change request. */
@ObjectType({ simpleResolvers: true })
export class AuditReviewer {
  @Field(() => String)
  reviewerArn!: string;

  @Field(() => String)
  person!: string;

  @Field(() => String, { description: '`APPROVED` or `REJECTED`' })
  decision!: string;

  @Field(() => Boolean)
  mfa!: boolean;

  @Field(() => [String])
  groups!: readonly string[];
}

/** The change request through which something was approved. */
@ObjectType({ simpleResolvers: true })
export class AuditChangeRequest {
  @Field(() => String)
  requestId!: string;

  @Field(() => String)
  arn!: string;

  @Field(() => String)
  status!: string;

  @Field(() => String)
  summary!: string;

  @Field(() => String)
  requesterArn!: string;

  @Field(() => String)
  requester!: string;

  @Field(() => String, { nullable: true })
  beneficiaryArn!: string | null;

  @Field(() => String, { nullable: true })
  justification!: string | null;

  @Field(() => String, { nullable: true })
  ticket!: string | null;

  @Field(() => String)
  submittedAt!: string;

  @Field(() => String, { nullable: true })
  approvedAt!: string | null;

  @Field(() => Boolean)
  autoApproved!: boolean;

  @Field(() => Boolean)
  breakGlass!: boolean;

  @Field(() => [AuditReviewer])
  reviewers!: readonly AuditReviewer[];

  @Field(() => String, { nullable: true })
  grantId!: string | null;

  @Field(() => String, { nullable: true })
  grantExpiresAt!: string | null;
}

/** One history entry. */
@ObjectType({ simpleResolvers: true })
export class AuditEntry {
  @Field(() => String)
  eventId!: string;

  @Field(() => String)
  type!: string;

  @Field(() => String, { nullable: true, description: 'The command that caused it' })
  action!: string | null;

  @Field(() => String)
  streamId!: string;

  @Field(() => Int)
  streamVersion!: number;

  @Field(() => String)
  targetKind!: string;

  @Field(() => String)
  targetId!: string;

  @Field(() => String, { nullable: true })
  targetArn!: string | null;

  @Field(() => Date)
  occurredAt!: Date;

  @Field(() => Date)
  recordedAt!: Date;

  @Field(() => String, { description: 'Where it sits in the log: `transactionId:globalPosition`' })
  checkpoint!: string;

  @Field(() => String, { nullable: true })
  correlationId!: string | null;

  @Field(() => String, { nullable: true })
  causationId!: string | null;

  @Field(() => AuditActor)
  actor!: AuditActor;

  @Field(() => String, { description: 'The event data as JSON text, secrets withheld' })
  data!: string;

  @Field(() => [AuditChange])
  changes!: readonly AuditChange[];

  @Field(() => AuditChangeRequest, { nullable: true })
  changeRequest!: AuditChangeRequest | null;
}

/** A page of history. */
@ObjectType({ simpleResolvers: true })
export class AuditEntryConnection extends connectionType(AuditEntry) {}

/** An entity as it was. */
@ObjectType({ simpleResolvers: true })
export class EntityAsOf {
  @Field(() => AuditEntityKind)
  kind!: AuditEntityKind;

  @Field(() => String)
  name!: string;

  @Field(() => Boolean)
  exists!: boolean;

  @Field(() => String, { nullable: true })
  arn!: string | null;

  @Field(() => String, { nullable: true })
  entityId!: string | null;

  @Field(() => String, {
    nullable: true,
    description: "IAM's state then, JSON text, secrets withheld",
  })
  state!: string | null;

  @Field(() => String, { nullable: true })
  defaultVersionId!: string | null;

  @Field(() => String, { nullable: true })
  defaultDocument!: string | null;
}

/** An event that put a policy in force. */
@ObjectType({ simpleResolvers: true })
export class GrantingEvent {
  @Field(() => String)
  eventId!: string;

  @Field(() => String)
  type!: string;

  @Field(() => Date)
  recordedAt!: Date;

  @Field(() => String)
  actor!: string;

  @Field(() => AuditChangeRequest, { nullable: true })
  changeRequest!: AuditChangeRequest | null;
}

/** A deciding statement and how its policy came to apply. */
@ObjectType({ simpleResolvers: true })
export class DecidingStatement extends MatchedStatement {
  @Field(() => [GrantingEvent])
  grantedBy!: readonly GrantingEvent[];
}

/** A simulation as of a moment. */
@ObjectType({ simpleResolvers: true })
export class SimulationAsOf {
  @Field(() => String)
  principalArn!: string;

  @Field(() => String)
  action!: string;

  @Field(() => String)
  resource!: string;

  @Field(() => Decision)
  decision!: Decision;

  @Field(() => [DecidingStatement])
  statements!: readonly DecidingStatement[];

  @Field(() => Boolean)
  principalExisted!: boolean;

  @Field(() => Int)
  eventsConsidered!: number;
}

/** Effective permissions as of a moment. */
@ObjectType({ simpleResolvers: true })
export class EffectivePermissionsAsOf {
  @Field(() => String)
  principalArn!: string;

  @Field(() => Boolean)
  exists!: boolean;

  @Field(() => [String])
  policies!: readonly string[];

  @Field(() => [String])
  groups!: readonly string[];

  @Field(() => String, { nullable: true })
  permissionsBoundary!: string | null;

  @Field(() => [AccessGrant])
  access!: readonly AccessGrant[];

  @Field(() => Int)
  eventsConsidered!: number;
}

/** Who can do it now, since when. */
@ObjectType({ simpleResolvers: true })
export class ResourceAccessHolder {
  @Field(() => String)
  principalArn!: string;

  @Field(() => String)
  kind!: string;

  @Field(() => Date, { nullable: true, description: 'When the access last began' })
  since!: Date | null;

  @Field(() => [String])
  policies!: readonly string[];
}

/** Allowed decisions in the window, by action and resource. */
@ObjectType({ simpleResolvers: true })
export class UsedAccess {
  @Field(() => String)
  action!: string;

  @Field(() => String)
  resource!: string;

  @Field(() => Int)
  count!: number;

  @Field(() => Date)
  lastUsedAt!: Date;
}

/** A principal's access against its use. */
@ObjectType({ simpleResolvers: true })
export class PrincipalAccessReview {
  @Field(() => String)
  principalArn!: string;

  @Field(() => Int)
  days!: number;

  @Field(() => [UsedAccess])
  used!: readonly UsedAccess[];

  @Field(() => [AccessGrant], { description: 'Granted and used in the window' })
  usedGrants!: readonly AccessGrant[];

  @Field(() => [AccessGrant], { description: 'Granted and not used in the window' })
  unused!: readonly AccessGrant[];

  @Field(() => String, {
    nullable: true,
    description: 'An identity policy allowing exactly what was used (JSON)',
  })
  suggestedPolicy!: string | null;
}

/** A finding of the integrity check. */
@ObjectType({ simpleResolvers: true })
export class IntegrityProblem {
  @Field(() => String)
  kind!: string;

  @Field(() => String)
  message!: string;

  @Field(() => String, { nullable: true })
  globalPosition!: string | null;

  @Field(() => String, { nullable: true })
  streamId!: string | null;

  @Field(() => Int, { nullable: true })
  streamVersion!: number | null;

  @Field(() => String, { nullable: true })
  digestSeq!: string | null;
}

/** The outcome of checking the hash chains and digests. */
@ObjectType({ simpleResolvers: true })
export class AuditLogVerification {
  @Field(() => Boolean)
  ok!: boolean;

  @Field(() => Int)
  eventsChecked!: number;

  @Field(() => Int)
  streamsChecked!: number;

  @Field(() => Int)
  digestsChecked!: number;

  @Field(() => Int)
  sealedEvents!: number;

  @Field(() => Int)
  unsealedEvents!: number;

  @Field(() => IntegrityProblem, { nullable: true })
  firstProblem!: IntegrityProblem | null;

  @Field(() => Int)
  problemCount!: number;
}

/** An export of a time range. */
@ObjectType({ simpleResolvers: true })
export class AuditExport {
  @Field(() => Date)
  from!: Date;

  @Field(() => Date)
  to!: Date;

  @Field(() => Int)
  eventCount!: number;

  @Field(() => String, { description: 'JSON lines: one recorded event per line, in log order' })
  eventLines!: string;

  @Field(() => String, { description: 'JSON lines: the digests covering the exported events' })
  digestLines!: string;

  @Field(() => Int)
  unsealedEvents!: number;
}

/** What a decisions page may be narrowed to. */
@InputType()
export class DecisionFilterInput {
  @Field(() => String, { nullable: true })
  principalArn?: string | null;

  @Field(() => String, { nullable: true })
  callerArn?: string | null;

  @Field(() => String, { nullable: true })
  action?: string | null;

  @Field(() => String, { nullable: true })
  service?: string | null;

  @Field(() => String, { nullable: true })
  resource?: string | null;

  @Field(() => Decision, { nullable: true })
  decision?: Decision | null;

  @Field(() => String, { nullable: true, description: '`gateway` or `isAuthorized`' })
  source?: string | null;

  @Field(() => String, { nullable: true })
  requestId?: string | null;

  @Field(() => Date, { nullable: true })
  from?: Date | null;

  @Field(() => Date, { nullable: true })
  to?: Date | null;
}

/** One logged decision. */
@ObjectType({ simpleResolvers: true })
export class LoggedDecision {
  @Field(() => String)
  id!: string;

  @Field(() => Date)
  decidedAt!: Date;

  @Field(() => String)
  requestId!: string;

  @Field(() => String)
  source!: string;

  @Field(() => String)
  callerArn!: string;

  @Field(() => String)
  principalArn!: string;

  @Field(() => String)
  action!: string;

  @Field(() => String)
  service!: string;

  @Field(() => String)
  resource!: string;

  @Field(() => String)
  decision!: string;

  @Field(() => String, { description: 'The deciding statements, JSON text' })
  matched!: string;

  @Field(() => Boolean)
  root!: boolean;

  @Field(() => String, { nullable: true })
  sourceIp!: string | null;
}

/** A page of decisions. */
@ObjectType({ simpleResolvers: true })
export class LoggedDecisionConnection extends connectionType(LoggedDecision) {}
