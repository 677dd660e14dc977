/** The risk levels of `@gatehouse/policy`'s least-privilege analysis, lowest first. */
export const RISK_LEVELS = ['LOW', 'MEDIUM', 'HIGH', 'CRITICAL'] as const;

/** A risk level. */
export type RiskLevel = (typeof RISK_LEVELS)[number];

/** The rank of a risk level (LOW 0 ... CRITICAL 3). */
export function riskRank(level: RiskLevel): number {
  return RISK_LEVELS.indexOf(level);
}

/**
 * Who must review, as a boolean combination of quorums. A leaf needs `count`
 * distinct people; across the whole expression one person fills at most one
 * place, however many groups they are in.
 */
export type ReviewerRequirement =
  /** `count` members of group `group` (by group name). */
  | { readonly kind: 'group'; readonly group: string; readonly count: number }
  /** `count` people allowed to review, from anywhere. */
  | { readonly kind: 'anyone'; readonly count: number }
  /** `count` owners of the requested resource (see {@link ResourceOwners}). */
  | { readonly kind: 'owner'; readonly count: number }
  | { readonly kind: 'all_of'; readonly of: readonly ReviewerRequirement[] }
  | { readonly kind: 'any_of'; readonly of: readonly ReviewerRequirement[] };

/** A quorum leaf of a {@link ReviewerRequirement}. */
export type QuorumLeaf = Extract<ReviewerRequirement, { readonly count: number }>;

/** What a rule matches on; every field given must match (absent: anything). */
export interface RuleMatch {
  /** Action patterns (`iam:AddUserToGroup`, `iam:Attach*Policy`, `sts:AssumeRole`), case-insensitive. */
  readonly actions?: readonly string[];
  /** Resource ARN patterns, case-sensitive. */
  readonly resources?: readonly string[];
  /** Risk levels of the least-privilege analysis the rule applies to. */
  readonly risk?: readonly RiskLevel[];
  /** The requester must be in one of these groups. */
  readonly requesterGroups?: readonly string[];
}

/** Break-glass under a rule: immediate, short access, reviewed afterwards by the rule's reviewers. */
export interface BreakGlassPolicy {
  readonly maxDurationSeconds: number;
}

/** One rule of the file, with the file's defaults filled in. */
export interface ApprovalRule {
  readonly name: string;
  readonly description: string | null;
  readonly match: RuleMatch;
  /** Null only for an auto-approving rule. */
  readonly reviewers: ReviewerRequirement | null;
  readonly autoApprove: boolean;
  readonly requireMfa: boolean;
  /** With `requireMfa`: the reviewer's MFA sign-in must be at most this old. */
  readonly maxMfaAgeSeconds: number;
  /** When set, requests must be time-bound and at most this long; when null, permanent changes are allowed. */
  readonly maxDurationSeconds: number | null;
  /** How long a request may wait for its reviews before it times out. */
  readonly pendingTimeoutSeconds: number;
  readonly breakGlass: BreakGlassPolicy | null;
}

/** Owners of resources, for `owner` quorums: principals (ARNs) owning resources matching patterns. */
export interface ResourceOwners {
  readonly resources: readonly string[];
  readonly principals: readonly string[];
}

/** A validated rules file. */
export interface ApprovalRuleSet {
  /** The file format's version (1). */
  readonly formatVersion: 1;
  readonly rules: readonly ApprovalRule[];
  readonly owners: readonly ResourceOwners[];
}
