import { RequestContext, type RequestContextInput } from '../conditions/requestContext.js';
import { conditionsHold, resourceMatches, type CompiledStatement } from './compileStatement.js';
import type {
  EvaluationInput,
  EvaluationResult,
  MatchedStatement,
  PolicyInput,
} from './evaluationTypes.js';
import { compilePolicy } from './policyCache.js';
import { principalScope, type PrincipalScope } from './principalMatcher.js';
import { parseRequestPrincipal, type RequestPrincipal } from './requestPrincipal.js';

/** The part a policy plays in a decision. */
type PolicyRole = 'identity' | 'resource' | 'boundary' | 'session' | 'guardrail';

interface PreparedRequest {
  readonly principal: RequestPrincipal;
  readonly actionLower: string;
  readonly resource: string;
  readonly context: RequestContext;
}

/** The statements that apply, gathered from all policies, already in the result's shape. */
class Applicable {
  readonly denies: MatchedStatement[] = [];
  readonly allows: MatchedStatement[] = [];
  /** The strongest scope in which the resource policy allows the requester. */
  resourceScope: PrincipalScope | undefined;
}

const SCOPE_STRENGTH: Record<PrincipalScope, number> = {
  account: 1,
  role: 2,
  named: 3,
  everyone: 3,
};

/**
 * Decides a request as AWS IAM does within one account ("Policy evaluation logic"):
 *
 * 1. An applicable Deny in any policy (identity, resource, boundary, session, guardrail) denies.
 * 2. Every guardrail must have an applicable Allow.
 * 3. A resource policy that must allow (`mustAllow`: trust and key policies) must have one.
 * 4. The account root user is allowed.
 * 5. An Allow in the resource policy that names the requester (its user or session ARN, `*`, or
 *    through NotPrincipal) allows, whatever the identity policies, boundary or session policy say.
 * 6. Otherwise an Allow in an identity policy, or a resource-policy Allow naming the session's
 *    role, allows if the permissions boundary (when given) and the session policy (when given)
 *    allow too. A federated-user session without a session policy has no permissions.
 *
 * Synchronous and pure apart from the compile cache. Never throws for a policy's content; a
 * policy that does not parse or validate never grants (its Deny statements still apply).
 */
export function evaluate(input: EvaluationInput): EvaluationResult {
  const request = prepare(input);
  const found = new Applicable();

  let identityAllows = 0;
  for (const policy of listOf(input.identityPolicies)) {
    identityAllows += scan(policy, 'identity', request, found);
  }
  if (input.resourcePolicy !== undefined) scan(input.resourcePolicy, 'resource', request, found);
  // A ceiling that is absent does not limit; one that is present must allow.
  const boundaryPermits =
    input.permissionsBoundary === undefined ||
    scan(input.permissionsBoundary, 'boundary', request, found) > 0;
  const sessionPermits =
    input.sessionPolicy === undefined
      ? request.principal.kind !== 'federated-user'
      : scan(input.sessionPolicy, 'session', request, found) > 0;
  let guardrailsPermit = true;
  for (const guardrail of listOf(input.guardrails)) {
    if (scan(guardrail, 'guardrail', request, found) === 0) guardrailsPermit = false;
  }

  if (found.denies.length > 0) {
    return { decision: 'ExplicitlyDenied', matched: found.denies };
  }
  if (!guardrailsPermit) return implicitlyDenied();
  const resourceScope = found.resourceScope;
  if (input.resourcePolicy?.mustAllow === true && resourceScope === undefined) {
    return implicitlyDenied();
  }
  const allowed =
    request.principal.kind === 'root' ||
    resourceScope === 'named' ||
    resourceScope === 'everyone' ||
    (boundaryPermits && sessionPermits && (identityAllows > 0 || resourceScope === 'role'));
  return allowed ? { decision: 'Allowed', matched: found.allows } : implicitlyDenied();
}

function implicitlyDenied(): EvaluationResult {
  return { decision: 'ImplicitlyDenied', matched: [] };
}

function prepare(input: EvaluationInput): PreparedRequest {
  // Inputs come from other services at run time; read them defensively, whatever their types.
  const request: unknown = input.request;
  const fields: Record<string, unknown> =
    typeof request === 'object' && request !== null ? (request as Record<string, unknown>) : {};
  const context = fields.context;
  return {
    principal: parseRequestPrincipal(textOf(fields.principal)),
    actionLower: textOf(fields.action).toLowerCase(),
    resource: textOf(fields.resource),
    context: new RequestContext(
      typeof context === 'object' && context !== null
        ? (context as RequestContextInput)
        : undefined,
    ),
  };
}

function textOf(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function listOf(value: readonly PolicyInput[] | undefined): readonly PolicyInput[] {
  return Array.isArray(value) ? (value as readonly PolicyInput[]) : [];
}

/**
 * Records every statement of one policy that applies to the request, and returns how many of
 * them are Allow statements.
 */
function scan(
  policy: PolicyInput,
  role: PolicyRole,
  request: PreparedRequest,
  found: Applicable,
): number {
  // A policy entry of the wrong shape compiles as an unreadable document: it grants nothing.
  const entry: unknown = policy;
  const fields: Partial<PolicyInput> = typeof entry === 'object' && entry !== null ? policy : {};
  const document: unknown = fields.document;
  const compiled = compilePolicy(document as string | object);
  const name = textOf(fields.name);
  let allows = 0;
  for (const statement of compiled.statementsFor(request.actionLower)) {
    const scope = scopeOf(statement, role, request.principal);
    if (scope === undefined) continue;
    if (!resourceApplies(statement, role, request)) continue;
    if (!conditionsHold(statement.conditions, request.context)) continue;
    const hit = matchedStatement(name, statement);
    if (statement.effect === 'Deny') {
      found.denies.push(hit);
      continue;
    }
    found.allows.push(hit);
    allows++;
    if (
      role === 'resource' &&
      (found.resourceScope === undefined ||
        SCOPE_STRENGTH[scope] > SCOPE_STRENGTH[found.resourceScope])
    ) {
      found.resourceScope = scope;
    }
  }
  return allows;
}

/**
 * Whether the statement covers the requester, and in which scope. A statement without
 * Principal/NotPrincipal covers the policy's own identity; in a resource-based policy, where a
 * principal is required, such an Allow covers no one and such a Deny covers everyone.
 */
function scopeOf(
  statement: CompiledStatement,
  role: PolicyRole,
  principal: RequestPrincipal,
): PrincipalScope | undefined {
  if (statement.principal !== undefined) {
    return principalScope(statement.principal, principal, statement.effect);
  }
  if (role === 'resource' && statement.effect === 'Allow') return undefined;
  return 'named';
}

/**
 * Whether the statement covers the resource. Without Resource/NotResource, a resource-based
 * policy's statement covers the resource it is attached to (as in trust policies); elsewhere,
 * where Resource is required, such an Allow covers nothing and such a Deny covers everything.
 */
function resourceApplies(
  statement: CompiledStatement,
  role: PolicyRole,
  request: PreparedRequest,
): boolean {
  const resources = statement.resources;
  if (resources === undefined) return role === 'resource' || statement.effect === 'Deny';
  return resourceMatches(resources, request.resource, request.context);
}

function matchedStatement(policy: string, statement: CompiledStatement): MatchedStatement {
  return statement.sid === undefined
    ? { policy, statement: statement.index, effect: statement.effect }
    : { policy, statement: statement.index, sid: statement.sid, effect: statement.effect };
}
