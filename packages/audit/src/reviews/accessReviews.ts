import type { Queryable } from '@gatehouse/event-store';
import { AccountView, authorizeWith } from '@gatehouse/iam';
import type { AccessEntry } from '@gatehouse/policy';
import { invalidInput } from '../shared/auditError.js';
import type { AuditLimits } from '../shared/limits.js';
import { effectiveOf } from '../pointInTime/pointInTimeQueries.js';
import {
  auditedPrincipal,
  loadPrincipalHistory,
  type PrincipalHistory,
} from '../pointInTime/principalHistory.js';
import { wildcardMatcher } from './wildcard.js';

/** Who can do an action on a resource now, and since when (without interruption). */
export interface ResourceAccessHolder {
  readonly principalArn: string;
  readonly kind: 'user' | 'role';
  /** When the principal's access last began (the event that made the answer Allowed). */
  readonly since: Date | null;
  /** The policies whose Allow statements decide. */
  readonly policies: readonly string[];
}

/** A principal's access against its use. */
export interface PrincipalAccessReview {
  readonly principalArn: string;
  readonly days: number;
  /** Allowed decisions in the window, by action and resource. */
  readonly used: readonly {
    readonly action: string;
    readonly resource: string;
    readonly count: number;
    readonly lastUsedAt: Date;
  }[];
  /** What its policies grant, per entry, and whether anything in the window used it. */
  readonly granted: readonly (AccessEntry & { readonly used: boolean })[];
  /** Granted entries nothing used in the window. */
  readonly unused: readonly AccessEntry[];
  /** An identity policy allowing exactly what was used (JSON text), or null when nothing was. */
  readonly suggestedPolicy: string | null;
}

/** When the decision last turned Allowed in the principal's history (null when never, or allowed before its history). */
export function allowedSince(
  history: PrincipalHistory,
  action: string,
  resource: string,
): Date | null {
  const view = new AccountView();
  let since: Date | null = null;
  let allowed = false;
  for (const event of history.events) {
    view.apply([event]);
    const now =
      authorizeWith(
        view,
        { principal: history.principal.evaluationArn, action, resource },
        event.recordedAt,
      ).decision === 'Allowed';
    if (now && !allowed) since = event.recordedAt;
    allowed = now;
  }
  return allowed ? since : null;
}

/** Access reviews: by resource (who can, since when) and by principal (used and unused access). */
export class AccessReviews {
  readonly #db: Queryable;
  readonly #limits: AuditLimits;
  readonly #now: () => Date;

  constructor(db: Queryable, limits: AuditLimits, now: () => Date) {
    this.#db = db;
    this.#limits = limits;
    this.#now = now;
  }

  /** Every user and role of `view` allowed `action` on `resource` now, with since when. */
  async whoCan(
    view: AccountView,
    action: string,
    resource: string,
  ): Promise<ResourceAccessHolder[]> {
    if (!/^[a-z0-9-]{1,64}:[A-Za-z0-9*?]{1,128}$/.test(action))
      throw invalidInput('action', 'must be `service:Action`');
    if (resource.length === 0 || resource.length > 2048)
      throw invalidInput('resource', 'must be an ARN or pattern of at most 2048 characters');
    const candidates: string[] = [];
    for (const user of view.users()) if (user.status === 'active') candidates.push(user.arn);
    for (const role of view.roles()) if (role.status === 'active') candidates.push(role.arn);
    if (candidates.length > this.#limits.maxReviewedPrincipals)
      throw invalidInput(
        'resource',
        `the account has more than ${this.#limits.maxReviewedPrincipals} principals to review`,
      );
    const now = this.#now();
    const out: ResourceAccessHolder[] = [];
    for (const arn of candidates) {
      const principal = auditedPrincipal(arn);
      const result = authorizeWith(
        view,
        { principal: principal.evaluationArn, action, resource },
        now,
      );
      if (result.decision !== 'Allowed') continue;
      const history = await loadPrincipalHistory(this.#db, principal, {
        maxEvents: this.#limits.maxPrincipalEvents,
      });
      out.push({
        principalArn: arn,
        kind: principal.kind,
        since: allowedSince(history, action, resource),
        policies: [...new Set(result.matched.map((m) => m.policy))],
      });
    }
    return out.sort((a, b) => a.principalArn.localeCompare(b.principalArn));
  }

  /**
   * What a principal's policies grant now against what its allowed decisions
   * (the gateway's decision log) used in the last `days` days, with a narrower
   * policy allowing only what was used.
   */
  async principalUsage(principalArn: string, days: number): Promise<PrincipalAccessReview> {
    if (!Number.isSafeInteger(days) || days < 1 || days > this.#limits.maxUsageDays)
      throw invalidInput('days', `must be 1-${this.#limits.maxUsageDays}`);
    const principal = auditedPrincipal(principalArn);
    const history = await loadPrincipalHistory(this.#db, principal, {
      maxEvents: this.#limits.maxPrincipalEvents,
    });
    const effective = effectiveOf(history.viewAt(), principal, history.events.length);
    const since = new Date(this.#now().getTime() - days * 86_400_000);
    // A role is used through its sessions, whose ARNs name the role.
    const arns =
      principal.kind === 'role'
        ? `arn:gatehouse:sts::${principal.accountId}:assumed-role/${principal.name}/%`
        : principal.arn;
    const { rows } = await this.#db.query<{
      action: string;
      resource: string;
      n: string;
      last: Date;
    }>(
      `SELECT action, resource, count(*)::text AS n, max(decided_at) AS last
         FROM authorization_decisions
        WHERE principal_arn ${principal.kind === 'role' ? 'LIKE' : '='} $1
          AND decision = 'Allowed' AND decided_at >= $2
        GROUP BY action, resource ORDER BY action, resource LIMIT 1000`,
      [arns, since],
    );
    const used = rows.map((r) => ({
      action: r.action,
      resource: r.resource,
      count: Number(r.n),
      lastUsedAt: r.last,
    }));
    const granted = effective.access.map((entry) => {
      const action = wildcardMatcher(entry.action, true);
      const resource = wildcardMatcher(entry.resource, false);
      return { ...entry, used: used.some((u) => action(u.action) && resource(u.resource)) };
    });
    return {
      principalArn: principal.arn,
      days,
      used,
      granted,
      unused: granted.filter((g) => !g.used).map(({ used: _used, ...entry }) => entry),
      suggestedPolicy: suggestPolicy(used),
    };
  }
}

/** Allow statements for exactly the used actions, grouped by resource (at most 100 statements). */
export function suggestPolicy(
  used: readonly { readonly action: string; readonly resource: string }[],
): string | null {
  if (used.length === 0) return null;
  const byResource = new Map<string, Set<string>>();
  for (const u of used) {
    const actions = byResource.get(u.resource) ?? new Set<string>();
    actions.add(u.action);
    byResource.set(u.resource, actions);
  }
  // Resources used with the same actions share one statement.
  const byActions = new Map<string, string[]>();
  for (const [resource, actions] of byResource) {
    const key = [...actions].sort().join(',');
    byActions.set(key, [...(byActions.get(key) ?? []), resource]);
  }
  const statements = [...byActions.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .slice(0, 100)
    .map(([actions, resources]) => ({
      Effect: 'Allow',
      Action: actions.split(','),
      Resource: resources.sort(),
    }));
  return JSON.stringify({ Version: '2012-10-17', Statement: statements }, null, 2);
}
