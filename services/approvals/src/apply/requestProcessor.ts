import { randomUUID } from 'node:crypto';
import type { EventStore } from '@gatehouse/event-store';
import {
  isIamError,
  parseCommand,
  SYSTEM_ACTOR,
  type Clock,
  type CommandContext,
  type IamCommand,
  type IamService,
  type StreamAppend,
} from '@gatehouse/iam';
import type { Logger } from '@gatehouse/service-kit';
import {
  appendAt,
  approvalsServiceActor,
  assignmentStream,
  decideAccessRemoved,
  decideActivate,
  decideApplied,
  decideApplyFailed,
  decideExpire,
  decideHold,
  decideRelease,
  decideSchedule,
  decideTimeOut,
  foldAssignment,
  foldRequest,
  grantTargetOf,
  isExpired,
  isWorkflowError,
  loadStream,
  requestStream,
  StreamMoved,
  toInputs,
  type AccessRemoval,
  type AnalysisSummary,
  type AssignmentEvent,
  type DomainEvent,
  type EventAudit,
  type ExistingRequest,
  type RequestEvent,
  type RetainedAssignment,
  type WorkflowDirectory,
  type WorkflowQueries,
} from '@gatehouse/workflow';
import type { CrashPoint, ProcessingHook } from './crashPoints.js';
import { planAssignment, removalOf } from './assignmentPlans.js';
import { reanalyse } from './reanalysis.js';
import type { IamCommitAttachment, WorkflowIamStore } from './workflowIamStore.js';

/** What one step did to a request. */
export type StepOutcome =
  | 'timed-out'
  | 'scheduled'
  | 'activated'
  | 'applied'
  | 'failed'
  | 'expired'
  | 'access-removed'
  | 'idle';

/** IAM refusals that no retry will change: the request fails with the reason. */
const PERMANENT_IAM_CODES = new Set([
  'NO_SUCH_ENTITY',
  'ENTITY_ALREADY_EXISTS',
  'DELETE_CONFLICT',
  'LIMIT_EXCEEDED',
  'MALFORMED_POLICY_DOCUMENT',
  'INVALID_INPUT',
  'ACCESS_DENIED',
]);

/** Options of {@link RequestProcessor}. */
export interface RequestProcessorOptions {
  readonly store: EventStore;
  readonly iam: IamService;
  /** The store the `iam` service was built on (workflow events ride on its commits). */
  readonly iamStore: WorkflowIamStore;
  readonly directory: WorkflowDirectory;
  readonly queries: WorkflowQueries;
  readonly clock: Clock;
  readonly logger?: Logger;
  /** Makes the read models current (before listing a grant's sessions). */
  readonly catchUp?: () => Promise<void>;
  readonly hook?: ProcessingHook;
  /** Entries of new access kept in the apply-time analysis. */
  readonly keepNewAccess?: number;
}

/**
 * Moves one change request along its clocks and applies it: times out pending
 * requests, schedules approved ones (a grant gets its identity), activates
 * grants and applies permanent changes through `IamService.execute` exactly
 * once (the workflow's record rides on IAM's own commit, with expected
 * versions), and ends grants: each assignment is released through its
 * provenance stream (removed from IAM only when no other grant and no
 * permanent assignment holds it), the grant's sessions are revoked, and the
 * end is recorded. Every decision is made from the request's stream, so a
 * repeated or concurrent run does nothing twice.
 */
export class RequestProcessor {
  readonly #options: RequestProcessorOptions;
  readonly #keep: number;

  constructor(options: RequestProcessorOptions) {
    this.#options = options;
    this.#keep = options.keepNewAccess ?? 50;
  }

  /** Runs steps until the request waits on a clock or a person (at most 8). */
  async process(requestId: string): Promise<StepOutcome[]> {
    const outcomes: StepOutcome[] = [];
    for (let i = 0; i < 8; i += 1) {
      let outcome: StepOutcome;
      try {
        outcome = await this.#step(requestId);
      } catch (error) {
        // Another writer moved the request: decide again from its stream.
        if (
          error instanceof StreamMoved ||
          (isIamError(error) && error.code === 'CONCURRENT_MODIFICATION')
        )
          continue;
        throw error;
      }
      if (outcome === 'idle') break;
      outcomes.push(outcome);
    }
    return outcomes;
  }

  /**
   * Revokes sessions still open under grants that ended (a session the
   * projection saw only after the grant's end is caught here).
   */
  async sweepSessions(): Promise<number> {
    const { queries, clock } = this.#options;
    let revoked = 0;
    for (const session of await queries.endedGrantSessions(clock.now())) {
      if (await this.#revokeSession(session.sessionId, session.grantId, session.correlationId))
        revoked += 1;
    }
    return revoked;
  }

  #at(point: CrashPoint, requestId: string): void {
    this.#options.hook?.(point, requestId);
  }

  #audit(state: ExistingRequest, causationId: string, now: Date, command: string): EventAudit {
    return {
      actor: approvalsServiceActor(state.request.accountId),
      correlationId: state.request.correlationId,
      causationId,
      occurredAt: now,
      metadata: { command, principalType: 'Service', service: 'approvals' },
    };
  }

  #context(state: ExistingRequest, causationId: string): CommandContext {
    return { actor: SYSTEM_ACTOR, causationId, correlationId: state.request.correlationId };
  }

  async #step(requestId: string): Promise<StepOutcome> {
    const { store, clock, iam } = this.#options;
    const loaded = await loadStream(store, requestStream(requestId));
    const state = foldRequest(loaded.events as unknown as RequestEvent[]);
    if (!state.exists) return 'idle';
    const now = clock.now();
    const append = async (events: readonly DomainEvent[], command: string): Promise<void> => {
      await appendAt(
        store,
        requestStream(requestId),
        loaded.version,
        toInputs(events, this.#audit(state, requestId, now, command)),
      );
    };
    switch (state.status) {
      case 'PENDING': {
        const events = decideTimeOut(state, requestId, now);
        if (events.length === 0) return 'idle';
        await append(events, 'TimeOutChangeRequest');
        return 'timed-out';
      }
      case 'APPROVED': {
        if (state.request.durationSeconds === null && state.request.startAt === null) {
          await iam.catchUp();
          return this.#applyPermanent(state, loaded.version, now);
        }
        await append(
          decideSchedule(state, requestId, `g-${randomUUID()}`, now),
          'ScheduleChangeRequest',
        );
        return 'scheduled';
      }
      case 'SCHEDULED':
        if (now.getTime() < Date.parse(state.startsAt ?? state.request.submittedAt)) return 'idle';
        await iam.catchUp();
        return state.grant === null
          ? this.#applyPermanent(state, loaded.version, now)
          : this.#activate(state, loaded.version, now);
      case 'ACTIVE':
        if (!isExpired(state, now)) return 'idle';
        await iam.catchUp();
        return this.#end(state, 'expire');
      case 'REVOKED':
        if (state.accessRemoved) return 'idle';
        await iam.catchUp();
        return this.#end(state, 'revoke');
      case 'APPLIED':
      case 'EXPIRED':
      case 'REJECTED':
      case 'CANCELLED':
      case 'TIMED_OUT':
      case 'FAILED':
        return 'idle';
    }
  }

  async #fail(
    state: ExistingRequest,
    version: number,
    now: Date,
    failure: {
      readonly code: string;
      readonly reason: string;
      readonly analysis: AnalysisSummary | null;
    },
  ): Promise<StepOutcome> {
    const requestId = state.request.requestId;
    this.#options.logger?.warn(
      { requestId, code: failure.code, reason: failure.reason },
      'change request failed to apply',
    );
    await appendAt(
      this.#options.store,
      requestStream(requestId),
      version,
      toInputs(
        decideApplyFailed(state, requestId, failure, now),
        this.#audit(state, requestId, now, 'ApplyChangeRequest'),
      ),
    );
    return 'failed';
  }

  /**
   * Executes one IAM command with workflow appends attached to its commit. When
   * IAM commits nothing (the change is there already), the appends are made
   * here, `noOp` telling the builder so.
   */
  async #executeWith(
    command: IamCommand,
    context: CommandContext,
    requestId: string,
    build: (noOp: boolean) => readonly StreamAppend[],
  ): Promise<{ readonly noOp: boolean }> {
    const { iam, iamStore } = this.#options;
    const attachment: IamCommitAttachment = {
      appends: () => build(false),
      committed: false,
      onCommitted: () => {
        this.#at('after-iam-commit', requestId);
      },
    };
    await iamStore.run(attachment, () => iam.execute(command, context));
    if (attachment.committed) return { noOp: false };
    await this.#appendTogether(build(true));
    return { noOp: true };
  }

  /** Appends to several streams in one transaction, each at its expected version. */
  async #appendTogether(appends: readonly StreamAppend[]): Promise<void> {
    const { store } = this.#options;
    const client = await store.pool.connect();
    try {
      await client.query('BEGIN');
      for (const append of [...appends].sort((a, b) => (a.streamId < b.streamId ? -1 : 1))) {
        await appendAt(store, append.streamId, append.expectedVersion, append.events, client);
      }
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  async #applyPermanent(state: ExistingRequest, version: number, now: Date): Promise<StepOutcome> {
    const requestId = state.request.requestId;
    this.#at('before-apply', requestId);
    const check = reanalyse(this.#options.directory, state, this.#keep);
    if (!check.ok) return this.#fail(state, version, now, check);
    const { change } = state.request;
    if (change.kind !== 'IamCommand') {
      return this.#fail(state, version, now, {
        code: 'UNSUPPORTED_CHANGE',
        reason: 'role access is always time-bound',
        analysis: check.analysis,
      });
    }
    const audit = this.#audit(state, requestId, now, 'ApplyChangeRequest');
    const record: StreamAppend = {
      streamId: requestStream(requestId),
      expectedVersion: version,
      events: toInputs(decideApplied(state, requestId, now, check.analysis), audit),
    };
    try {
      await this.#executeWith(
        parseCommand(change.command),
        this.#context(state, requestId),
        requestId,
        () => [record],
      );
    } catch (error) {
      if (isIamError(error) && PERMANENT_IAM_CODES.has(error.code)) {
        return this.#fail(state, version, now, {
          code: error.code,
          reason: error.message,
          analysis: check.analysis,
        });
      }
      throw error;
    }
    this.#at('after-apply', requestId);
    return 'applied';
  }

  async #activate(state: ExistingRequest, version: number, now: Date): Promise<StepOutcome> {
    const { store, iam, directory } = this.#options;
    const requestId = state.request.requestId;
    const grant = state.grant;
    const target = grantTargetOf(state.request.change);
    if (grant === null || target === undefined) return 'idle';
    this.#at('before-apply', requestId);
    const check = reanalyse(directory, state, this.#keep);
    if (!check.ok) return this.#fail(state, version, now, check);
    const expiresAt = new Date(now.getTime() + grant.durationSeconds * 1000).toISOString();
    let plan;
    try {
      plan = planAssignment(iam.view, target, { grantId: grant.grantId, expiresAt });
    } catch (error) {
      if (isWorkflowError(error)) {
        return this.#fail(state, version, now, {
          code: error.code,
          reason: error.message,
          analysis: check.analysis,
        });
      }
      throw error;
    }
    const assignment = await loadStream(store, assignmentStream(plan.key));
    const holders = foldAssignment(assignment.events as unknown as AssignmentEvent[]);
    const audit = this.#audit(state, requestId, now, 'ActivateGrant');
    const build = (preexisting: boolean): StreamAppend[] =>
      [
        {
          streamId: requestStream(requestId),
          expectedVersion: version,
          events: toInputs(
            decideActivate(state, requestId, {
              now,
              assignments: [{ key: plan.key, description: plan.description, preexisting }],
              analysis: check.analysis,
            }),
            audit,
          ),
        },
        {
          streamId: assignmentStream(plan.key),
          expectedVersion: assignment.version,
          events: toInputs(
            decideHold(holders, {
              key: plan.key,
              grantId: grant.grantId,
              requestId,
              preexisting,
              now,
            }),
            audit,
          ),
        },
      ].filter((a) => a.events.length > 0);
    try {
      await this.#executeWith(plan.add, this.#context(state, requestId), requestId, build);
    } catch (error) {
      if (isIamError(error) && PERMANENT_IAM_CODES.has(error.code)) {
        return this.#fail(state, version, now, {
          code: error.code,
          reason: error.message,
          analysis: check.analysis,
        });
      }
      throw error;
    }
    this.#at('after-apply', requestId);
    return 'activated';
  }

  /** Ends a grant: releases each assignment, revokes its sessions, records the end. */
  async #end(state: ExistingRequest, mode: 'expire' | 'revoke'): Promise<StepOutcome> {
    const { store, clock, queries } = this.#options;
    const requestId = state.request.requestId;
    const grant = state.grant;
    if (grant === null) return 'idle';
    const removed: string[] = [];
    const retained: RetainedAssignment[] = [];
    for (const assignment of grant.assignments) {
      const outcome = await this.#release(state, assignment.key);
      if (outcome === 'removed') removed.push(assignment.key);
      else retained.push(outcome);
      this.#at('after-release', requestId);
    }
    await this.#options.catchUp?.();
    const sessionsRevoked: string[] = [];
    for (const sessionId of await queries.grantSessions(grant.grantId)) {
      if (await this.#revokeSession(sessionId, grant.grantId, state.request.correlationId))
        sessionsRevoked.push(sessionId);
    }
    this.#at('after-sessions-revoked', requestId);
    const removal: AccessRemoval = { removed, retained, sessionsRevoked };
    const reloaded = await loadStream(store, requestStream(requestId));
    const current = foldRequest(reloaded.events as unknown as RequestEvent[]);
    if (!current.exists) return 'idle';
    const now = clock.now();
    const events =
      mode === 'expire'
        ? decideExpire(current, requestId, removal, now)
        : decideAccessRemoved(current, requestId, removal, now);
    await appendAt(
      store,
      requestStream(requestId),
      reloaded.version,
      toInputs(
        events,
        this.#audit(
          current,
          grant.grantId,
          now,
          mode === 'expire' ? 'ExpireGrant' : 'RemoveGrantAccess',
        ),
      ),
    );
    return mode === 'expire' ? 'expired' : 'access-removed';
  }

  /** Releases the grant's hold on one assignment: removed from IAM only when nothing else holds it. */
  async #release(state: ExistingRequest, key: string): Promise<'removed' | RetainedAssignment> {
    const { store, iam, clock } = this.#options;
    const requestId = state.request.requestId;
    const grantId = state.grant?.grantId ?? '';
    const loaded = await loadStream(store, assignmentStream(key));
    const events = loaded.events as unknown as AssignmentEvent[];
    const now = clock.now();
    const decision = decideRelease(foldAssignment(events), { key, grantId, requestId, now });
    if (decision.alreadyReleased) {
      // An earlier attempt released it (then stopped): report what it did.
      const earlier = events.findLast(
        (e) => e.type === 'AssignmentReleased' && e.data.grantId === grantId,
      );
      if (earlier?.type === 'AssignmentReleased' && !earlier.data.removed) {
        return { key, heldBy: earlier.data.retainedBy, permanent: earlier.data.permanent };
      }
      return 'removed';
    }
    const record: StreamAppend = {
      streamId: assignmentStream(key),
      expectedVersion: loaded.version,
      events: toInputs(decision.events, this.#audit(state, grantId, now, 'ReleaseAssignment')),
    };
    if (!decision.remove) {
      await this.#appendTogether([record]);
      return { key, heldBy: decision.retainedBy, permanent: decision.permanent };
    }
    const command = removalOf(iam.view, key);
    if (command === 'gone') {
      await this.#appendTogether([record]);
      return 'removed';
    }
    try {
      await this.#executeWith(command, this.#context(state, grantId), requestId, () => [record]);
    } catch (error) {
      if (!(isIamError(error) && error.code === 'NO_SUCH_ENTITY')) throw error;
      // Removed meanwhile by someone else: nothing left to take away.
      await this.#appendTogether([record]);
    }
    return 'removed';
  }

  async #revokeSession(
    sessionId: string,
    grantId: string,
    correlationId: string,
  ): Promise<boolean> {
    try {
      const result = await this.#options.iam.execute(
        { type: 'RevokeSession', sessionId },
        { actor: SYSTEM_ACTOR, causationId: grantId, correlationId },
      );
      return result.checkpoint !== null;
    } catch (error) {
      if (isIamError(error) && error.code === 'NO_SUCH_ENTITY') return false;
      throw error;
    }
  }
}
