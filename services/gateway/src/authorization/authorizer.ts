import type { AuthorizationResult, AuthorizeRequest, Principal } from '@gatehouse/iam';
import type { RequestContextInput } from '@gatehouse/policy';
import type { DecisionLog, DecisionSource } from '../decisions/decisionLog.js';
import type { ResourcePolicyInput } from './declaration.js';

/** The part of IamService the authorizer uses. */
export interface DecisionPoint {
  authorize(request: AuthorizeRequest): AuthorizationResult;
}

/** One question: may this principal do this action on this resource. */
export interface AuthorizationQuestion {
  /** An authenticated principal, or a principal ARN (`isAuthorized` for another service). */
  readonly principal: Principal | string;
  readonly action: string;
  readonly resource: string;
  readonly context?: RequestContextInput | undefined;
  readonly resourcePolicy?: ResourcePolicyInput | undefined;
}

/** Who asked and from where, for the decision log. */
export interface DecisionOrigin {
  readonly requestId: string;
  readonly source: DecisionSource;
  readonly callerArn: string;
  /** The client's address: set for the gateway's own decisions (`aws:SourceIp`). */
  readonly sourceIp?: string | undefined;
  readonly secureTransport?: boolean | undefined;
  readonly decidedAt: Date;
}

/**
 * Decides with `@gatehouse/iam`'s `authorize` (the caller's current policies from
 * the in-memory view, evaluated by `@gatehouse/policy`) and writes every decision
 * to the decision log. The gateway's own checks add `aws:SourceIp` and
 * `aws:SecureTransport`; the principal's keys (`aws:username`, `aws:PrincipalTag/…`,
 * MFA, time) are set by `authorize` and cannot be overridden by callers.
 */
export class Authorizer {
  readonly #point: DecisionPoint;
  readonly #log: DecisionLog;

  constructor(point: DecisionPoint, log: DecisionLog) {
    this.#point = point;
    this.#log = log;
  }

  decide(question: AuthorizationQuestion, origin: DecisionOrigin): AuthorizationResult {
    const context: RequestContextInput =
      origin.secureTransport === undefined
        ? { ...question.context }
        : { ...question.context, 'aws:SecureTransport': origin.secureTransport };
    const result = this.#point.authorize({
      principal: question.principal,
      action: question.action,
      resource: question.resource,
      context,
      resourcePolicy: question.resourcePolicy,
      sourceIp: origin.sourceIp,
    });
    this.#log.record({
      decidedAt: origin.decidedAt,
      requestId: origin.requestId,
      source: origin.source,
      callerArn: origin.callerArn,
      principalArn: result.principalArn,
      action: question.action,
      resource: question.resource,
      decision: result.decision,
      matched: result.matched,
      root: result.root,
      sourceIp: origin.sourceIp ?? null,
    });
    return result;
  }
}
