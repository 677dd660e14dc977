import type { ReviewerRequirement, RiskLevel } from '../rules/types.js';
import type { RequestedChange } from './change.js';

/** An event of the workflow as decided: a past-tense type and plain-JSON data. */
export interface DomainEvent<Type extends string = string, Data extends object = object> {
  readonly type: Type;
  readonly data: Data;
}

/** Who asked. `person` is the long-term identity behind the credentials (it counts for separation of duties). */
export interface RequesterInfo {
  readonly principalArn: string;
  readonly person: string;
  readonly principalType: string;
  /** The person's group names when submitting (rules match on them). */
  readonly groups: readonly string[];
}

/** One finding of the least-privilege analysis, as kept in events. */
export interface FindingSummary {
  readonly code: string;
  readonly category: string;
  readonly risk: RiskLevel;
  readonly message: string;
  readonly principal?: string;
}

/** The least-privilege analysis as kept in events (bounded: the first entries of new access). */
export interface AnalysisSummary {
  readonly verdict: 'AUTO_APPLY' | 'REQUIRE_APPROVAL' | 'BLOCK';
  readonly risk: RiskLevel;
  readonly findings: readonly FindingSummary[];
  /** The first entries of `newAccess` (plain JSON access entries). */
  readonly newAccess: readonly object[];
  readonly newAccessCount: number;
  readonly truncated: boolean;
}

/** The rule that governs a request, as it was when the request was submitted (later rule changes do not move it). */
export interface RuleSnapshot {
  readonly ruleSetVersion: number;
  readonly name: string;
  readonly reviewers: ReviewerRequirement | null;
  readonly autoApprove: boolean;
  readonly requireMfa: boolean;
  readonly maxMfaAgeSeconds: number;
  readonly maxDurationSeconds: number | null;
  readonly pendingTimeoutSeconds: number;
  readonly breakGlassMaxDurationSeconds: number | null;
}

/** A review as recorded: who, their standing then, and their MFA. */
export interface ReviewInfo {
  readonly reviewerArn: string;
  readonly person: string;
  /** Group names of the person then (only those the rule's quorums name are kept). */
  readonly groups: readonly string[];
  readonly owner: boolean;
  readonly mfa: boolean;
  readonly mfaAgeSeconds: number | null;
}

/** An IAM assignment a grant holds (see assignments/). */
export interface AssignmentRef {
  readonly key: string;
  readonly description: string;
  /** The assignment existed (not from this grant) when the grant was activated. */
  readonly preexisting: boolean;
}

/** An assignment a grant's end left in place, and why. */
export interface RetainedAssignment {
  readonly key: string;
  /** Other active grants holding it. */
  readonly heldBy: readonly string[];
  /** It is held permanently (existed outside the workflow). */
  readonly permanent: boolean;
}

/** What the end of a grant did. */
export interface AccessRemoval {
  /** Assignment keys removed from IAM. */
  readonly removed: readonly string[];
  readonly retained: readonly RetainedAssignment[];
  /** Sessions derived from the grant that were revoked. */
  readonly sessionsRevoked: readonly string[];
}

/** How a request entered the workflow. */
export type RequestSource = 'gateway' | 'requestAccess' | 'breakGlass';

export type ChangeRequestSubmitted = DomainEvent<
  'ChangeRequestSubmitted',
  {
    readonly requestId: string;
    readonly accountId: string;
    readonly correlationId: string;
    readonly source: RequestSource;
    readonly requester: RequesterInfo;
    /** The identity that gains access (a user, group or role ARN), when there is one. */
    readonly beneficiaryArn: string | null;
    readonly change: RequestedChange;
    /** The change as `@gatehouse/policy`'s `AccountChange`s (re-analysed at apply time). */
    readonly changes: readonly object[];
    readonly summary: string;
    readonly action: string;
    readonly resource: string;
    readonly justification: string;
    readonly ticket: string | null;
    /** Null: a permanent change. */
    readonly durationSeconds: number | null;
    readonly startAt: string | null;
    readonly analysis: AnalysisSummary;
    readonly rule: RuleSnapshot;
    /** Owners of the resource (principal ARNs) for `owner` quorums. */
    readonly owners: readonly string[];
    readonly pendingUntil: string;
    readonly breakGlass: boolean;
    readonly submittedAt: string;
  }
>;
export type ChangeRequestAutoApproved = DomainEvent<
  'ChangeRequestAutoApproved',
  { readonly requestId: string; readonly ruleName: string; readonly approvedAt: string }
>;
export type BreakGlassGranted = DomainEvent<
  'BreakGlassGranted',
  {
    readonly requestId: string;
    readonly ruleName: string;
    readonly maxDurationSeconds: number;
    readonly grantedAt: string;
  }
>;
export type ChangeRequestApproved = DomainEvent<
  'ChangeRequestApproved',
  {
    readonly requestId: string;
    readonly review: ReviewInfo;
    readonly comment: string | null;
    /** The rule's reviewer requirement is met with this approval. */
    readonly quorumMet: boolean;
    readonly reviewedAt: string;
  }
>;
export type ChangeRequestRejected = DomainEvent<
  'ChangeRequestRejected',
  {
    readonly requestId: string;
    readonly review: ReviewInfo;
    readonly reason: string;
    readonly reviewedAt: string;
  }
>;
export type ChangeRequestCancelled = DomainEvent<
  'ChangeRequestCancelled',
  {
    readonly requestId: string;
    readonly cancelledBy: string;
    readonly reason: string | null;
    readonly cancelledAt: string;
  }
>;
export type ChangeRequestTimedOut = DomainEvent<
  'ChangeRequestTimedOut',
  { readonly requestId: string; readonly pendingUntil: string; readonly timedOutAt: string }
>;
export type ChangeRequestScheduled = DomainEvent<
  'ChangeRequestScheduled',
  {
    readonly requestId: string;
    /** The grant's own identity (null for a permanent change with a start time). */
    readonly grantId: string | null;
    readonly startsAt: string;
    readonly durationSeconds: number | null;
  }
>;
export type GrantActivated = DomainEvent<
  'GrantActivated',
  {
    readonly requestId: string;
    readonly grantId: string;
    readonly beneficiaryArn: string | null;
    readonly activatedAt: string;
    readonly expiresAt: string;
    readonly assignments: readonly AssignmentRef[];
    /** The least-privilege analysis run again at apply time. */
    readonly analysis: AnalysisSummary;
  }
>;
export type ChangeRequestApplied = DomainEvent<
  'ChangeRequestApplied',
  { readonly requestId: string; readonly appliedAt: string; readonly analysis: AnalysisSummary }
>;
export type ChangeRequestApplyFailed = DomainEvent<
  'ChangeRequestApplyFailed',
  {
    readonly requestId: string;
    readonly code: string;
    readonly reason: string;
    readonly analysis: AnalysisSummary | null;
    readonly failedAt: string;
  }
>;
export type GrantExpired = DomainEvent<
  'GrantExpired',
  {
    readonly requestId: string;
    readonly grantId: string;
    readonly expiredAt: string;
  } & AccessRemoval
>;
export type GrantRevoked = DomainEvent<
  'GrantRevoked',
  {
    readonly requestId: string;
    readonly grantId: string | null;
    readonly revokedBy: string;
    readonly reason: string;
    readonly revokedAt: string;
  }
>;
export type GrantAccessRemoved = DomainEvent<
  'GrantAccessRemoved',
  {
    readonly requestId: string;
    readonly grantId: string;
    readonly removedAt: string;
  } & AccessRemoval
>;

/** Every event of a `workflow-request-<id>` stream. */
export type RequestEvent =
  | ChangeRequestSubmitted
  | ChangeRequestAutoApproved
  | BreakGlassGranted
  | ChangeRequestApproved
  | ChangeRequestRejected
  | ChangeRequestCancelled
  | ChangeRequestTimedOut
  | ChangeRequestScheduled
  | GrantActivated
  | ChangeRequestApplied
  | ChangeRequestApplyFailed
  | GrantExpired
  | GrantRevoked
  | GrantAccessRemoved;

/** Every request event type. */
export const REQUEST_EVENT_TYPES = [
  'ChangeRequestSubmitted',
  'ChangeRequestAutoApproved',
  'BreakGlassGranted',
  'ChangeRequestApproved',
  'ChangeRequestRejected',
  'ChangeRequestCancelled',
  'ChangeRequestTimedOut',
  'ChangeRequestScheduled',
  'GrantActivated',
  'ChangeRequestApplied',
  'ChangeRequestApplyFailed',
  'GrantExpired',
  'GrantRevoked',
  'GrantAccessRemoved',
] as const satisfies readonly RequestEvent['type'][];

/** True for a request event type. */
export function isRequestEventType(type: string): type is RequestEvent['type'] {
  return (REQUEST_EVENT_TYPES as readonly string[]).includes(type);
}
