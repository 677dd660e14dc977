import { compareCheckpoints, type Queryable, type RecordedEvent } from '@gatehouse/event-store';
import { AccountView, authorizeWith, entityStream, nameStream, policiesOf } from '@gatehouse/iam';
import {
  effectivePermissions,
  listAccess,
  type AccessEntry,
  type MatchedStatement,
  type RequestContextInput,
} from '@gatehouse/policy';
import { AccountSnapshots } from '@gatehouse/workflow';
import { entityIdsOfName } from '../history/targets.js';
import { readStreams } from '../history/eventLog.js';
import { entityState } from '../entries/entityStates.js';
import { redact } from '../entries/redact.js';
import { changeRequestsOf, type ChangeRequestRecord } from '../provenance/changeRequests.js';
import type { AuditLimits } from '../shared/limits.js';
import { evaluationTime, type AsOf } from '../shared/pointInTime.js';
import { eventsGrantingPolicy } from './grantedBy.js';
import {
  auditedPrincipal,
  loadPrincipalHistory,
  type AuditedPrincipal,
  type PrincipalHistory,
} from './principalHistory.js';

/** The kinds of entity a point-in-time read can return. */
export type EntityKind = 'user' | 'group' | 'role' | 'policy';

/** An entity as it was: its state (secrets withheld) as JSON text, or absent. */
export interface EntityAsOf {
  readonly kind: EntityKind;
  readonly name: string;
  readonly exists: boolean;
  readonly arn: string | null;
  readonly entityId: string | null;
  /** IAM's state of the entity then (secrets withheld), JSON text. */
  readonly state: string | null;
  /** For managed policies: the default version and its document then. */
  readonly defaultVersionId: string | null;
  readonly defaultDocument: string | null;
}

/** An event that put something in force, with its change request. */
export interface GrantingEvent {
  readonly eventId: string;
  readonly type: string;
  readonly recordedAt: Date;
  readonly actor: string;
  readonly changeRequest: ChangeRequestRecord | null;
}

/** A statement that decided, and how its policy came to apply. */
export interface DecidingStatement extends MatchedStatement {
  readonly grantedBy: readonly GrantingEvent[];
}

/** A simulation's answer as of a moment. */
export interface SimulationAsOf {
  readonly principalArn: string;
  readonly action: string;
  readonly resource: string;
  readonly decision: 'Allowed' | 'ExplicitlyDenied' | 'ImplicitlyDenied';
  readonly statements: readonly DecidingStatement[];
  /** Whether the principal existed then. */
  readonly principalExisted: boolean;
  /** Events of the principal's history that were considered. */
  readonly eventsConsidered: number;
}

/** Effective permissions as of a moment. */
export interface EffectivePermissionsAsOf {
  readonly principalArn: string;
  readonly exists: boolean;
  readonly policies: readonly string[];
  readonly groups: readonly string[];
  readonly permissionsBoundary: string | null;
  readonly access: readonly AccessEntry[];
  readonly eventsConsidered: number;
}

/** "Could alice do X on Y then, because of what, approved by whom?" and the entity reads behind it. */
export class PointInTimeQueries {
  readonly #db: Queryable;
  readonly #limits: AuditLimits;
  readonly #now: () => Date;

  constructor(db: Queryable, limits: AuditLimits, now: () => Date) {
    this.#db = db;
    this.#limits = limits;
    this.#now = now;
  }

  /** A principal's relevant history up to a moment (see {@link PrincipalHistory}). */
  history(principalArn: string, upTo?: AsOf): Promise<PrincipalHistory> {
    return loadPrincipalHistory(this.#db, auditedPrincipal(principalArn), {
      upTo,
      maxEvents: this.#limits.maxPrincipalEvents,
    });
  }

  /** A user, group, role or managed policy (by name) as it was. */
  async entityAsOf(kind: EntityKind, name: string, asOf?: AsOf): Promise<EntityAsOf> {
    const names = await readStreams(this.#db, [nameStream(kind, name)], asOf);
    const ids = names
      .map((e) => (e.data as { entityId?: unknown }).entityId)
      .filter((id): id is string => typeof id === 'string');
    const events = await readStreams(
      this.#db,
      [...new Set(ids)].map((id) => entityStream(kind, id)),
      asOf,
    );
    const view = new AccountView();
    view.apply([...names, ...events].sort(compareCheckpoints));
    const holder = view.holderOf(kind, name);
    const state =
      holder === undefined
        ? undefined
        : (entityState(view, entityStream(kind, holder)) as
            { status?: string; arn?: string } | undefined);
    const exists = state?.status === 'active';
    const policy = kind === 'policy' && holder !== undefined ? view.policy(holder) : undefined;
    const defaultVersion =
      policy?.status === 'active'
        ? policy.versions.find((v) => v.versionId === policy.defaultVersionId)
        : undefined;
    return {
      kind,
      name,
      exists,
      arn: exists ? (state.arn ?? null) : null,
      entityId: exists ? (holder ?? null) : null,
      state: exists ? JSON.stringify(redact(state)) : null,
      defaultVersionId: defaultVersion?.versionId ?? null,
      defaultDocument: defaultVersion?.policyDocument ?? null,
    };
  }

  /** Effective permissions of a user or role as of a moment (now when absent). */
  async effectivePermissionsAsOf(
    principalArn: string,
    asOf?: AsOf,
  ): Promise<EffectivePermissionsAsOf> {
    const history = await this.history(principalArn, asOf);
    const view = history.viewAt();
    return effectiveOf(view, history.principal, history.events.length);
  }

  /**
   * Could the principal do `action` on `resource` at the moment, because of
   * which statements, put in force by which events and approved through which
   * change request? Evaluated with IAM's own authorization against the state
   * then, with `aws:CurrentTime` the moment's time.
   */
  async simulateAsOf(
    input: {
      readonly principalArn: string;
      readonly action: string;
      readonly resource: string;
      readonly context?: RequestContextInput | undefined;
    },
    asOf?: AsOf,
  ): Promise<SimulationAsOf> {
    const history = await this.history(input.principalArn, asOf);
    const view = history.viewAt();
    const principal = history.principal;
    const resolved = policiesOf(view, principal.evaluationArn);
    const result = authorizeWith(
      view,
      {
        principal: principal.evaluationArn,
        action: input.action,
        resource: input.resource,
        context: input.context,
      },
      evaluationTime(asOf, this.#now()),
      resolved,
    );
    const granting = new Map<string, RecordedEvent[]>();
    for (const statement of result.matched) {
      if (!granting.has(statement.policy))
        granting.set(
          statement.policy,
          eventsGrantingPolicy(history.events, view, statement.policy),
        );
    }
    const requests = await changeRequestsOf(this.#db, [...granting.values()].flat());
    const statements = result.matched.map((statement) => ({
      ...statement,
      grantedBy: (granting.get(statement.policy) ?? []).map((event) => ({
        eventId: event.eventId,
        type: event.type,
        recordedAt: event.recordedAt,
        actor: event.actor,
        changeRequest: requests.get(event.eventId) ?? null,
      })),
    }));
    return {
      principalArn: input.principalArn,
      action: input.action,
      resource: input.resource,
      decision: result.decision,
      statements,
      principalExisted: !resolved.missing,
      eventsConsidered: history.events.length,
    };
  }

  /** Every entity id that ever held a name (for callers resolving ARNs). */
  entityIds(kind: EntityKind, name: string): Promise<string[]> {
    return entityIdsOfName(this.#db, kind, name);
  }
}

/** Effective permissions from IAM's view, through the least-privilege analysis' account snapshot. */
export function effectiveOf(
  view: AccountView | AccountSnapshots,
  principal: AuditedPrincipal,
  eventsConsidered: number,
): EffectivePermissionsAsOf {
  const snapshot = (view instanceof AccountSnapshots ? view : new AccountSnapshots(view)).current();
  const effective = effectivePermissions(snapshot, { kind: principal.kind, name: principal.name });
  if (effective === undefined)
    return {
      principalArn: principal.arn,
      exists: false,
      policies: [],
      groups: [],
      permissionsBoundary: null,
      access: [],
      eventsConsidered,
    };
  const { permissions } = effective;
  return {
    principalArn: effective.arn,
    exists: true,
    policies: permissions.identityPolicies.map((p) => p.name),
    groups: effective.groups,
    permissionsBoundary: permissions.permissionsBoundary?.name ?? null,
    access: listAccess(permissions),
    eventsConsidered,
  };
}
