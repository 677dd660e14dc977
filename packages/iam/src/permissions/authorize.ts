import { evaluate, type EvaluationResult, type RequestContextInput } from '@gatehouse/policy';
import type { Principal } from '../shared/principal.js';
import { buildRequestContext } from './requestContext.js';
import {
  resolvePrincipalArn,
  resolveRolePolicies,
  resolveUserPolicies,
  rootPolicies,
  type PrincipalPolicies,
} from './resolvePrincipalPolicies.js';
import type { StateLookup } from './stateLookup.js';

/** A request to decide: who, what, on which resource, with which context. */
export interface AuthorizeRequest {
  /** An authenticated principal, or a principal ARN (root, user, role session without session policy). */
  readonly principal: Principal | string;
  /** `service:Action`, e.g. `iam:CreateUser`. */
  readonly action: string;
  /** The target's ARN. */
  readonly resource: string;
  /** Extra condition keys (`aws:SourceIp`, `aws:SecureTransport`, resource tags...). */
  readonly context?: RequestContextInput | undefined;
  /** A resource-based policy of the target (role trust policies: set `mustAllow`). */
  readonly resourcePolicy?:
    | { readonly name: string; readonly document: string | object; readonly mustAllow?: boolean }
    | undefined;
  readonly sourceIp?: string | undefined;
}

/** `evaluate`'s result plus who was evaluated. */
export interface AuthorizationResult extends EvaluationResult {
  readonly principalArn: string;
  /** True when the root user's complete access decided (no policy was needed). */
  readonly root: boolean;
}

/** A principal's policies from a lookup (by its session when it has one). */
export function policiesOf(lookup: StateLookup, principal: Principal | string): PrincipalPolicies {
  if (typeof principal === 'string') return resolvePrincipalArn(lookup, principal);
  switch (principal.principalType) {
    case 'Root':
      return rootPolicies(principal.principalArn);
    case 'User':
      if (principal.userId === undefined)
        return resolvePrincipalArn(lookup, principal.principalArn);
      return resolveUserPolicies(lookup, principal.userId);
    case 'AssumedRole': {
      const session =
        principal.sessionId === undefined ? undefined : lookup.session(principal.sessionId);
      const sessionPolicy =
        session !== undefined && session.status !== 'absent' ? session.sessionPolicy : null;
      if (principal.roleId === undefined)
        return resolvePrincipalArn(lookup, principal.principalArn, principal.sessionId);
      return resolveRolePolicies(lookup, principal.roleId, principal.principalArn, sessionPolicy);
    }
  }
}

/** What a user whose password must be reset may still do. */
const RESET_ALLOWED = new Set(['iam:changepassword', 'iam:getaccountpasswordpolicy']);

/**
 * Decides a request with `@gatehouse/policy`'s `evaluate` against the
 * principal's resolved policies. The root user is allowed everything (no policy
 * applies to it); a principal that no longer exists is denied everything.
 */
export function authorizeWith(
  lookup: StateLookup,
  request: AuthorizeRequest,
  now: Date,
  resolved: PrincipalPolicies = policiesOf(lookup, request.principal),
): AuthorizationResult {
  const principal = typeof request.principal === 'string' ? undefined : request.principal;
  const deny = (): AuthorizationResult => ({
    decision: 'ImplicitlyDenied',
    matched: [],
    principalArn: resolved.principalArn,
    root: false,
  });
  if (resolved.missing) return deny();
  if (principal?.passwordResetRequired === true) {
    const action = request.action.toLowerCase();
    if (!RESET_ALLOWED.has(action)) return deny();
    if (action === 'iam:changepassword' && request.resource === principal.principalArn) {
      return { decision: 'Allowed', matched: [], principalArn: resolved.principalArn, root: false };
    }
  }
  const context = buildRequestContext(principal, resolved, now, request.context, request.sourceIp);
  const result = evaluate({
    request: {
      principal: resolved.principalArn,
      action: request.action,
      resource: request.resource,
      context,
    },
    identityPolicies: resolved.identityPolicies,
    permissionsBoundary: resolved.permissionsBoundary,
    sessionPolicy: resolved.sessionPolicy,
    resourcePolicy: request.resourcePolicy,
  });
  return {
    ...result,
    principalArn: resolved.principalArn,
    root: resolved.root && result.decision === 'Allowed',
  };
}
