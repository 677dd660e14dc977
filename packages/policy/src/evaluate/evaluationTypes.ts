import type { RequestContextInput } from '../conditions/requestContext.js';

/** A named policy document, as JSON text or as an object. */
export interface PolicyInput {
  readonly name: string;
  readonly document: string | object;
}

/** The resource-based policy of the requested resource. */
export interface ResourcePolicyInput extends PolicyInput {
  /**
   * Set for role trust policies and KMS key policies: AWS requires these to allow the request
   * themselves, an Allow in identity-based policies alone is not enough.
   */
  readonly mustAllow?: boolean | undefined;
}

/** The request to decide. */
export interface EvaluationRequest {
  /** The principal's ARN, e.g. `arn:aws:iam::111122223333:user/alice`. */
  readonly principal: string;
  /** `service:Action`, compared case-insensitively. */
  readonly action: string;
  /** The resource's ARN, compared case-sensitively. */
  readonly resource: string;
  /** Context keys (plain names, case-insensitive) and their values. */
  readonly context?: RequestContextInput | undefined;
}

/** Everything `evaluate` needs. */
export interface EvaluationInput {
  readonly request: EvaluationRequest;
  /** User, group and role policies, managed and inline, together. */
  readonly identityPolicies: readonly PolicyInput[];
  readonly resourcePolicy?: ResourcePolicyInput | undefined;
  readonly permissionsBoundary?: PolicyInput | undefined;
  readonly sessionPolicy?: PolicyInput | undefined;
  /** Organisation-wide ceilings like SCPs: each one must allow the request. */
  readonly guardrails?: readonly PolicyInput[] | undefined;
}

/** The outcome of an evaluation. */
export type Decision = 'Allowed' | 'ExplicitlyDenied' | 'ImplicitlyDenied';

/** A statement that decided: a Deny for `ExplicitlyDenied`, an Allow for `Allowed`. */
export interface MatchedStatement {
  readonly policy: string;
  /** Index in the policy's Statement array (0 when Statement is a single object). */
  readonly statement: number;
  readonly sid?: string;
  readonly effect: 'Allow' | 'Deny';
}

/** The decision and the statements that made it. */
export interface EvaluationResult {
  readonly decision: Decision;
  /**
   * For `ExplicitlyDenied`, every Deny statement that applies; for `Allowed`, every Allow
   * statement that applies in any of the policies; for `ImplicitlyDenied`, nothing.
   */
  readonly matched: MatchedStatement[];
}
