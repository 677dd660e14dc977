import { actionMatches } from '../../evaluate/compileStatement.js';
import type { CompiledPolicy } from '../../evaluate/compiledPolicy.js';
import { compilePolicy } from '../../evaluate/policyCache.js';
import { principalScope, type PrincipalScope } from '../../evaluate/principalMatcher.js';
import { parseRequestPrincipal } from '../../evaluate/requestPrincipal.js';
import type { StatementRef } from '../analysedPolicy.js';

/** Whether a role's trust policy may let a principal assume it, and how. */
export interface TrustDecision {
  /**
   * `named` and `everyone`: the trust policy alone grants (the caller's identity policies are
   * not needed); `account` and `role`: the caller also needs `sts:AssumeRole` on the role.
   */
  readonly scope: PrincipalScope;
  readonly conditional: boolean;
  readonly statements: readonly StatementRef[];
}

const ASSUME_ROLE = 'sts:assumerole';

/**
 * Reads a trust policy for one caller (its request ARN: a user ARN, or a role session ARN for
 * a role), over-approximating: an Allow whose conditions may hold counts; only an
 * unconditional Deny naming the caller blocks. Resource elements are ignored (a trust policy is
 * attached to its role). Undefined when the trust policy certainly does not let the caller in.
 */
export function trustDecision(
  trustPolicy: string | object,
  policyName: string,
  callerArn: string,
): TrustDecision | undefined {
  const compiled = compilePolicy(trustPolicy);
  // Equal documents share one compilation, so decisions are kept per name under it.
  let byName = decisions.get(compiled);
  if (byName === undefined) {
    byName = new Map();
    decisions.set(compiled, byName);
  }
  let byCaller = byName.get(policyName);
  if (byCaller === undefined) {
    if (byName.size >= MAX_REMEMBERED) byName.clear();
    byCaller = new Map();
    byName.set(policyName, byCaller);
  }
  const found = byCaller.get(callerArn);
  if (found !== undefined) return found ?? undefined;
  const decision = decide(compiled, policyName, callerArn);
  if (byCaller.size >= MAX_REMEMBERED) byCaller.clear();
  byCaller.set(callerArn, decision ?? null);
  return decision;
}

/**
 * Decisions already made, per compiled trust policy, policy name and caller (bounded): a graph
 * asks for every pair of principal and role, and the next graph of the account asks again.
 */
const decisions = new WeakMap<CompiledPolicy, Map<string, Map<string, TrustDecision | null>>>();
const MAX_REMEMBERED = 4096;

function decide(
  compiled: CompiledPolicy,
  policyName: string,
  callerArn: string,
): TrustDecision | undefined {
  const caller = parseRequestPrincipal(callerArn);
  let best: TrustDecision | undefined;
  for (const statement of compiled.statements) {
    if (statement.principal === undefined || !actionMatches(statement.actions, ASSUME_ROLE))
      continue;
    const scope = principalScope(statement.principal, caller, statement.effect);
    if (scope === undefined) continue;
    if (statement.effect === 'Deny') {
      if (statement.valid && statement.conditions.length === 0) return undefined;
      continue;
    }
    if (!compiled.grants) continue;
    const ref: StatementRef =
      statement.sid === undefined
        ? { policy: policyName, statement: statement.index }
        : { policy: policyName, statement: statement.index, sid: statement.sid };
    const conditional = statement.conditions.length > 0;
    if (best === undefined) {
      best = { scope, conditional, statements: [ref] };
    } else {
      best = {
        scope: RANK[scope] > RANK[best.scope] ? scope : best.scope,
        conditional: best.conditional && conditional,
        statements: [...best.statements, ref],
      };
    }
  }
  return best;
}

const RANK: Record<PrincipalScope, number> = { account: 1, role: 2, named: 3, everyone: 3 };

/** Whether the trust policy lets a service (a `Service` principal) assume the role. */
export function trustsAService(trustPolicy: string | object): boolean {
  const compiled = compilePolicy(trustPolicy);
  if (!compiled.grants) return false;
  return compiled.statements.some(
    (s) =>
      s.effect === 'Allow' &&
      s.principal !== undefined &&
      !s.principal.negated &&
      actionMatches(s.actions, ASSUME_ROLE) &&
      s.principal.entries.some(
        (e) =>
          e.kind === 'everyone' ||
          (e.kind === 'exact' && !e.value.startsWith('arn:') && e.value.includes('.')),
      ),
  );
}
