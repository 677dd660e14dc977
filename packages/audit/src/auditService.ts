import type { EventStore, Queryable, VerifyOptions } from '@gatehouse/event-store';
import type { AccountView } from '@gatehouse/iam';
import { AccountSnapshots } from '@gatehouse/workflow';
import type { RequestContextInput } from '@gatehouse/policy';
import { DecisionQueries } from './decisions/decisionQueries.js';
import { HistoryQueries } from './history/historyQueries.js';
import {
  exportRange,
  verifyAuditLog,
  type AuditExport,
  type AuditLogVerification,
} from './integrity/integrity.js';
import { auditedPrincipal } from './pointInTime/principalHistory.js';
import {
  effectiveOf,
  PointInTimeQueries,
  type EffectivePermissionsAsOf,
  type EntityAsOf,
  type EntityKind,
  type SimulationAsOf,
} from './pointInTime/pointInTimeQueries.js';
import {
  AccessReviews,
  type PrincipalAccessReview,
  type ResourceAccessHolder,
} from './reviews/accessReviews.js';
import { guarded } from './shared/auditError.js';
import { DEFAULT_AUDIT_LIMITS, type AuditLimits } from './shared/limits.js';
import type { AsOf } from './shared/pointInTime.js';

/** What the audit service reads. */
export interface AuditServiceOptions {
  /** The pool of the event log's database (also holding `authorization_decisions`). */
  readonly db: Queryable;
  /** The event store on the same database (verification). */
  readonly store: EventStore;
  /** IAM's current in-memory view (`iamService.view`): the principals a resource review evaluates. */
  readonly currentView: () => AccountView;
  readonly limits?: Partial<AuditLimits>;
  readonly now?: () => Date;
  /** Digest signature checks of `verify`. */
  readonly verifyOptions?: VerifyOptions;
}

/**
 * Audit answers from the event log: history, point-in-time reads and
 * simulations, access reviews, verification, exports and the decision log.
 * Every method validates its input (`AuditError` `INVALID_INPUT`) and reports
 * database failures as `SERVICE_FAILURE`; none writes anything but `purgeDecisions`.
 */
export class AuditService {
  readonly limits: AuditLimits;
  readonly history: HistoryQueries;
  readonly pointInTime: PointInTimeQueries;
  readonly reviews: AccessReviews;
  readonly decisions: DecisionQueries;
  readonly #options: AuditServiceOptions;

  constructor(options: AuditServiceOptions) {
    this.#options = options;
    this.limits = { ...DEFAULT_AUDIT_LIMITS, ...options.limits };
    const now = options.now ?? (() => new Date());
    this.history = new HistoryQueries(options.db, this.limits);
    this.pointInTime = new PointInTimeQueries(options.db, this.limits, now);
    this.reviews = new AccessReviews(options.db, this.limits, now);
    this.decisions = new DecisionQueries(options.db, this.limits);
  }

  listEvents(...args: Parameters<HistoryQueries['history']>) {
    return guarded(() => this.history.history(...args));
  }

  getEvent(eventId: string) {
    return guarded(() => this.history.entry(eventId));
  }

  entityAsOf(kind: EntityKind, name: string, asOf?: AsOf): Promise<EntityAsOf> {
    return guarded(() => this.pointInTime.entityAsOf(kind, name, asOf));
  }

  /**
   * Effective permissions as of a moment; now (no moment) is read from IAM's
   * current in-memory view, the state every live decision uses.
   */
  effectivePermissionsAsOf(principalArn: string, asOf?: AsOf): Promise<EffectivePermissionsAsOf> {
    if (asOf === undefined) {
      return guarded(() => {
        const view = this.#options.currentView();
        if (this.#current?.view !== view)
          this.#current = { view, snapshots: new AccountSnapshots(view) };
        return Promise.resolve(
          effectiveOf(this.#current.snapshots, auditedPrincipal(principalArn), 0),
        );
      });
    }
    return guarded(() => this.pointInTime.effectivePermissionsAsOf(principalArn, asOf));
  }

  /** Snapshots of the current view for the analysis, memoised per view version. */
  #current: { view: AccountView; snapshots: AccountSnapshots } | undefined;

  simulatePrincipalPolicyAsOf(
    input: {
      readonly principalArn: string;
      readonly action: string;
      readonly resource: string;
      readonly context?: RequestContextInput | undefined;
    },
    asOf?: AsOf,
  ): Promise<SimulationAsOf> {
    return guarded(() => this.pointInTime.simulateAsOf(input, asOf));
  }

  reviewResourceAccess(action: string, resource: string): Promise<ResourceAccessHolder[]> {
    return guarded(() => this.reviews.whoCan(this.#options.currentView(), action, resource));
  }

  reviewPrincipalAccess(principalArn: string, days: number): Promise<PrincipalAccessReview> {
    return guarded(() => this.reviews.principalUsage(principalArn, days));
  }

  verifyAuditLog(): Promise<AuditLogVerification> {
    return guarded(() => verifyAuditLog(this.#options.store, this.#options.verifyOptions));
  }

  exportEvents(range: { readonly from: Date; readonly to: Date }): Promise<AuditExport> {
    return guarded(() => exportRange(this.#options.db, range, this.limits));
  }

  listDecisions(...args: Parameters<DecisionQueries['list']>) {
    return guarded(() => this.decisions.list(...args));
  }

  /** Deletes decisions older than the retention period (days before now). */
  purgeDecisions(olderThan: Date): Promise<number> {
    return guarded(() => this.decisions.purge(olderThan));
  }
}
