import { randomUUID } from 'node:crypto';
import type { JsonObject } from '@gatehouse/event-store';
import {
  isIamError,
  parseCommand,
  systemClock,
  type Clock,
  type IamCommand,
  type Principal,
} from '@gatehouse/iam';
import type { AccountChange, ChangeAnalysis } from '@gatehouse/policy';
import { summariseAnalysis } from '../analysis/summarise.js';
import { leavesOf } from '../quorum/alternatives.js';
import {
  describeChange,
  grantTargetOf,
  PERMISSION_COMMANDS,
  type RequestedChange,
} from '../request/change.js';
import {
  decideApprove,
  decideCancel,
  decideReject,
  decideRevoke,
  decideSubmit,
  type ReviewerContext,
} from '../request/decide.js';
import type {
  ChangeRequestSubmitted,
  RequestEvent,
  RequestSource,
  ReviewInfo,
  RuleSnapshot,
} from '../request/events.js';
import { foldRequest, type ExistingRequest } from '../request/evolve.js';
import { ownersOf, selectRule } from '../rules/selectRule.js';
import {
  decidePublishRules,
  foldRuleSet,
  type RuleSetEvent,
  type RuleSetState,
} from '../ruleset/ruleSetVersions.js';
import { approvalRulesArn, changeRequestArn, grantArn } from '../shared/arns.js';
import { DEFAULT_WORKFLOW_LIMITS, type WorkflowLimits } from '../shared/limits.js';
import { requestStream, RULES_STREAM } from '../shared/streams.js';
import { invalidInput, WorkflowError } from '../shared/workflowError.js';
import {
  checkDuration,
  checkOptionalText,
  checkRequestId,
  checkStartAt,
  checkText,
  checkTicket,
} from './callerInput.js';
import type { WorkflowDirectory } from './directory.js';
import { historyOf, viewOf, type ChangeRequestView, type HistoryEntry } from './requestView.js';
import {
  appendAt,
  loadStream,
  toInputs,
  withRetry,
  type WorkflowEventStore,
} from './streamAccess.js';

/** Who is calling: the authenticated principal, and the request's audit context. */
export interface WorkflowCaller {
  readonly principal: Principal;
  /** Shared by everything the caller's request causes (the gateway's request id). */
  readonly correlationId?: string | undefined;
  readonly sourceIp?: string | undefined;
  readonly userAgent?: string | undefined;
}

/** Access a person requests for themselves. */
export type AccessRequest =
  | { readonly kind: 'group'; readonly groupName: string }
  | { readonly kind: 'managedPolicy'; readonly policyArn: string }
  | { readonly kind: 'role'; readonly roleArn: string };

/** Input of {@link WorkflowService.submitChangeRequest}. */
export interface SubmitChangeRequestInput {
  /** The permission-changing IAM command, exactly as the domain would run it. */
  readonly command: IamCommand | { readonly type: string; readonly [key: string]: unknown };
  /** The command as `AccountChange`s (the gateway's `accountChangesOf`); derived when absent. */
  readonly changes?: readonly AccountChange[] | undefined;
  /** The analysis the gateway made of `changes` now; made again when absent. */
  readonly analysis?: ChangeAnalysis | undefined;
  /** Why (the mutation's `justification` argument); a note naming the gate when absent. */
  readonly justification?: string | undefined;
  readonly ticket?: string | null | undefined;
  /** Time-bound: `8h`, `PT8H` or seconds; absent: a permanent change. */
  readonly duration?: string | number | null | undefined;
  readonly startAt?: Date | string | null | undefined;
  /** `gateway` when the least-privilege gate submits it. */
  readonly source?: 'gateway' | 'requestAccess' | undefined;
}

/** Input of {@link WorkflowService.requestAccess}. */
export interface RequestAccessInput {
  readonly access: AccessRequest;
  readonly justification: string;
  readonly ticket?: string | null | undefined;
  readonly duration?: string | number | null | undefined;
  readonly startAt?: Date | string | null | undefined;
}

/** Input of {@link WorkflowService.requestBreakGlass}. */
export interface BreakGlassInput {
  readonly access: AccessRequest;
  readonly justification: string;
  readonly ticket?: string | null | undefined;
  readonly duration: string | number;
}

/** What a mutation returns: the request as it is now and where its events sit in the log. */
export interface ChangeRequestReceipt {
  readonly request: ChangeRequestView;
  /** Read-your-writes: the checkpoint of the last event written (null when nothing was). */
  readonly checkpoint: string | null;
}

/** Options of {@link WorkflowService}. */
export interface WorkflowServiceOptions {
  readonly store: WorkflowEventStore;
  readonly directory: WorkflowDirectory;
  readonly clock?: Clock;
  readonly limits?: Partial<WorkflowLimits>;
  /** Request ids (UUIDs); random by default. */
  readonly newId?: () => string;
}

function metadataOf(command: string, caller: WorkflowCaller): JsonObject {
  const { principal } = caller;
  const metadata: JsonObject = {
    command,
    principalType: principal.principalType,
    originalPrincipalArn: principal.originalPrincipalArn,
    mfaAuthenticated: principal.mfaAuthenticated,
  };
  if (principal.sessionId !== undefined) metadata.sessionId = principal.sessionId;
  if (caller.sourceIp !== undefined) metadata.sourceIp = caller.sourceIp;
  if (caller.userAgent !== undefined) metadata.userAgent = caller.userAgent;
  return metadata;
}

function checkCorrelation(caller: WorkflowCaller): void {
  const id = caller.correlationId;
  // eslint-disable-next-line no-control-regex -- refusing control characters is the point
  if (id !== undefined && (id.length === 0 || id.length > 128 || /[\u0000-\u001f]/.test(id))) {
    throw invalidInput('correlationId', 'must be 1-128 characters without control characters');
  }
}

/**
 * The approval workflow's commands and reads, on the event store. Every
 * mutation is one decision from the request's stream, appended with its
 * expected version (retried once from fresh state on a race). The gateway's
 * resolvers call one method each; the approvals service drives the clocks and
 * applies approved changes (`@gatehouse/approvals`).
 */
export class WorkflowService {
  readonly #store: WorkflowEventStore;
  readonly #directory: WorkflowDirectory;
  readonly #clock: Clock;
  readonly #limits: WorkflowLimits;
  readonly #newId: () => string;

  constructor(options: WorkflowServiceOptions) {
    this.#store = options.store;
    this.#directory = options.directory;
    this.#clock = options.clock ?? systemClock;
    this.#limits = { ...DEFAULT_WORKFLOW_LIMITS, ...options.limits };
    this.#newId = options.newId ?? randomUUID;
  }

  /** The limits in force. */
  get limits(): WorkflowLimits {
    return this.#limits;
  }

  /**
   * Submits any permission change for approval (the gateway's path when the
   * least-privilege verdict is `REQUIRE_APPROVAL`).
   * @throws WorkflowError `INVALID_INPUT`, `NOT_FOUND`, `UNSUPPORTED_CHANGE`, `NO_MATCHING_RULE`,
   *   `DURATION_NOT_ALLOWED`, `LEAST_PRIVILEGE_BLOCK`, `SERVICE_FAILURE`
   */
  async submitChangeRequest(
    input: SubmitChangeRequestInput,
    caller: WorkflowCaller,
  ): Promise<ChangeRequestReceipt> {
    const command = this.#checkCommand(input.command);
    return this.#submit(
      {
        change: { kind: 'IamCommand', command },
        changes: input.changes,
        analysis: input.analysis,
        justification:
          input.justification ??
          'submitted by the least-privilege gate: the change needs approval (verdict REQUIRE_APPROVAL)',
        ticket: input.ticket,
        duration: input.duration,
        startAt: input.startAt,
        source: input.source ?? 'gateway',
        breakGlass: false,
      },
      caller,
    );
  }

  /**
   * Requests access for the caller: membership of a group, a managed policy
   * attached to them, or the right to assume a role for a while.
   * @throws WorkflowError as {@link submitChangeRequest}
   */
  async requestAccess(
    input: RequestAccessInput,
    caller: WorkflowCaller,
  ): Promise<ChangeRequestReceipt> {
    return this.#submit(
      {
        change: this.#accessChange(input.access, caller),
        changes: undefined,
        analysis: undefined,
        justification: input.justification,
        ticket: input.ticket,
        duration: input.duration,
        startAt: input.startAt,
        source: 'requestAccess',
        breakGlass: false,
      },
      caller,
    );
  }

  /**
   * Break-glass: immediate, short access where the matching rule allows it,
   * reviewed afterwards by the rule's reviewers (a rejection then revokes it).
   * @throws WorkflowError `BREAK_GLASS_NOT_ALLOWED`, `DURATION_NOT_ALLOWED`, and as {@link submitChangeRequest}
   */
  async requestBreakGlass(
    input: BreakGlassInput,
    caller: WorkflowCaller,
  ): Promise<ChangeRequestReceipt> {
    return this.#submit(
      {
        change: this.#accessChange(input.access, caller),
        changes: undefined,
        analysis: undefined,
        justification: input.justification,
        ticket: input.ticket,
        duration: input.duration,
        startAt: undefined,
        source: 'breakGlass',
        breakGlass: true,
      },
      caller,
    );
  }

  /**
   * Approves a request (a review). The request becomes APPROVED when the rule's
   * reviewer requirement is met.
   * @throws WorkflowError `NOT_FOUND`, `INVALID_STATE`, `SELF_REVIEW`, `NOT_AUTHORIZED`,
   *   `ALREADY_REVIEWED`, `MFA_REQUIRED`, `NOT_ELIGIBLE_REVIEWER`, `CONCURRENT_MODIFICATION`
   */
  async approve(
    input: { readonly requestId: string; readonly comment?: string | null | undefined },
    caller: WorkflowCaller,
  ): Promise<ChangeRequestReceipt> {
    const requestId = checkRequestId(input.requestId);
    const comment = checkOptionalText('comment', input.comment, this.#limits.commentLength);
    return this.#decide(requestId, 'ApproveChangeRequest', caller, (state, now) =>
      decideApprove(
        state,
        requestId,
        this.#reviewer(state, caller, now, 'approvals:ApproveChangeRequest'),
        comment,
      ),
    );
  }

  /**
   * Rejects a request (a review): one eligible reviewer's rejection ends it.
   * @throws WorkflowError as {@link approve}
   */
  async reject(
    input: { readonly requestId: string; readonly reason: string },
    caller: WorkflowCaller,
  ): Promise<ChangeRequestReceipt> {
    const requestId = checkRequestId(input.requestId);
    const reason = checkText('reason', input.reason, this.#limits.commentLength);
    return this.#decide(requestId, 'RejectChangeRequest', caller, (state, now) =>
      decideReject(
        state,
        requestId,
        this.#reviewer(state, caller, now, 'approvals:RejectChangeRequest'),
        reason,
      ),
    );
  }

  /**
   * Cancels a request that has not taken effect (the requester, or whoever is
   * allowed `approvals:CancelChangeRequest` on it).
   * @throws WorkflowError `NOT_FOUND`, `INVALID_STATE`, `NOT_AUTHORIZED`
   */
  async cancel(
    input: { readonly requestId: string; readonly reason?: string | null | undefined },
    caller: WorkflowCaller,
  ): Promise<ChangeRequestReceipt> {
    const requestId = checkRequestId(input.requestId);
    const reason = checkOptionalText('reason', input.reason, this.#limits.commentLength);
    return this.#decide(requestId, 'CancelChangeRequest', caller, (state, now) =>
      decideCancel(
        state,
        requestId,
        {
          principalArn: caller.principal.principalArn,
          person: caller.principal.originalPrincipalArn,
          allowed: this.#allowed(caller.principal, 'approvals:CancelChangeRequest', state),
        },
        reason,
        now,
      ),
    );
  }

  /**
   * Revokes a request's grant at once (whoever is allowed `approvals:RevokeGrant`
   * on the grant, or the beneficiary). The approvals service then removes the
   * access the grant gave and ends the sessions derived from it.
   * @throws WorkflowError `NOT_FOUND`, `INVALID_STATE`, `NOT_AUTHORIZED`
   */
  async revokeGrant(
    input: { readonly requestId: string; readonly reason: string },
    caller: WorkflowCaller,
  ): Promise<ChangeRequestReceipt> {
    const requestId = checkRequestId(input.requestId);
    const reason = checkText('reason', input.reason, this.#limits.commentLength);
    return this.#decide(requestId, 'RevokeGrant', caller, (state, now) => {
      const grantId = state.grant?.grantId;
      const allowed =
        grantId !== undefined &&
        this.#directory.isAllowed(
          caller.principal,
          'approvals:RevokeGrant',
          grantArn(state.request.accountId, grantId),
          {},
        );
      return decideRevoke(
        state,
        requestId,
        {
          principalArn: caller.principal.principalArn,
          person: caller.principal.originalPrincipalArn,
          allowed,
        },
        reason,
        now,
      );
    });
  }

  /**
   * Publishes a rules file as the next version (validated; the same text again
   * publishes nothing). `caller` must be allowed `approvals:UpdateApprovalRules`;
   * `'system'` is the approvals service loading its configured file.
   * @throws WorkflowError `INVALID_RULES` (`details.errors` located, `details.formatted`), `NOT_AUTHORIZED`
   */
  async publishRules(
    input: {
      readonly source: string;
      readonly fileName?: string;
      readonly format?: 'yaml' | 'json';
    },
    caller: WorkflowCaller | 'system',
  ): Promise<{
    readonly version: number;
    readonly changed: boolean;
    readonly checkpoint: string | null;
  }> {
    if (typeof input.source !== 'string') throw invalidInput('source', 'must be a string');
    const fileName = input.fileName ?? 'approval-rules.yaml';
    // eslint-disable-next-line no-control-regex -- refusing control characters is the point
    if (fileName.length > 256 || /[\u0000-\u001f]/.test(fileName)) {
      throw invalidInput('fileName', 'must be at most 256 printable characters');
    }
    const format = input.format ?? (fileName.endsWith('.json') ? 'json' : 'yaml');
    if (caller !== 'system') {
      checkCorrelation(caller);
      const arn = approvalRulesArn(this.#directory.accountId());
      if (!this.#directory.isAllowed(caller.principal, 'approvals:UpdateApprovalRules', arn, {})) {
        throw new WorkflowError(
          'NOT_AUTHORIZED',
          `\`${caller.principal.principalArn}\` is not authorized to perform \`approvals:UpdateApprovalRules\` on resource \`${arn}\``,
        );
      }
    }
    return withRetry(async () => {
      const loaded = await loadStream(this.#store, RULES_STREAM);
      const state = foldRuleSet(loaded.events as unknown as RuleSetEvent[]);
      const now = this.#clock.now();
      const events = decidePublishRules(state, {
        source: input.source,
        fileName,
        format,
        now,
        maxBytes: this.#limits.rulesFileBytes,
      });
      if (events.length === 0) return { version: state.version, changed: false, checkpoint: null };
      const actor =
        caller === 'system'
          ? approvalsServiceActor(this.#directory.accountId())
          : caller.principal.principalArn;
      const commandId = this.#newId();
      const checkpoint = await appendAt(
        this.#store,
        RULES_STREAM,
        loaded.version,
        toInputs(events, {
          actor,
          correlationId: caller === 'system' ? commandId : (caller.correlationId ?? commandId),
          causationId: commandId,
          occurredAt: now,
          metadata:
            caller === 'system'
              ? { command: 'PublishApprovalRules', principalType: 'System' }
              : metadataOf('PublishApprovalRules', caller),
        }),
      );
      return { version: state.version + 1, changed: true, checkpoint };
    });
  }

  /** The rules in force (version 0: the built-in default). */
  async rules(): Promise<RuleSetState> {
    const loaded = await loadStream(this.#store, RULES_STREAM);
    return foldRuleSet(loaded.events as unknown as RuleSetEvent[]);
  }

  /**
   * A request as its stream says now (not a read model: always current).
   * @throws WorkflowError `NOT_FOUND`, `INVALID_INPUT`
   */
  async getRequest(requestId: string): Promise<ChangeRequestView> {
    const id = checkRequestId(requestId);
    const loaded = await loadStream(this.#store, requestStream(id));
    const state = foldRequest(loaded.events as unknown as RequestEvent[]);
    if (!state.exists) throw notFound(id);
    return viewOf(state, loaded.version);
  }

  /**
   * A request's full history from the log: every event with who caused it and
   * when (reviews with the reviewers' groups and MFA, both analyses, the grant).
   * @throws WorkflowError `NOT_FOUND`, `INVALID_INPUT`
   */
  async history(
    requestId: string,
  ): Promise<{ readonly request: ChangeRequestView; readonly events: readonly HistoryEntry[] }> {
    const id = checkRequestId(requestId);
    const loaded = await loadStream(this.#store, requestStream(id));
    const state = foldRequest(loaded.events as unknown as RequestEvent[]);
    if (!state.exists) throw notFound(id);
    return { request: viewOf(state, loaded.version), events: historyOf(loaded.events) };
  }

  #checkCommand(input: SubmitChangeRequestInput['command']): IamCommand {
    const type = (input as { type?: unknown }).type;
    if (typeof type !== 'string' || !(PERMISSION_COMMANDS as readonly string[]).includes(type)) {
      throw new WorkflowError(
        'UNSUPPORTED_CHANGE',
        `\`${String(type).slice(0, 64)}\` is not a permission change the workflow can carry`,
        { details: { commandType: String(type).slice(0, 64) } },
      );
    }
    try {
      return parseCommand(input);
    } catch (error) {
      if (isIamError(error)) {
        throw new WorkflowError('INVALID_INPUT', error.message, {
          details: error.details,
          cause: error,
        });
      }
      throw error;
    }
  }

  #accessChange(access: AccessRequest, caller: WorkflowCaller): RequestedChange {
    const userName = this.#userNameOf(caller.principal);
    switch (access.kind) {
      case 'group':
        return {
          kind: 'IamCommand',
          command: this.#checkCommand({
            type: 'AddUserToGroup',
            groupName: access.groupName,
            userName,
          }),
        };
      case 'managedPolicy':
        return {
          kind: 'IamCommand',
          command: this.#checkCommand({
            type: 'AttachUserPolicy',
            userName,
            policyArn: access.policyArn,
          }),
        };
      case 'role':
        if (
          typeof access.roleArn !== 'string' ||
          access.roleArn.length > 2048 ||
          !access.roleArn.startsWith('arn:')
        ) {
          throw invalidInput('access.roleArn', 'must be a role ARN');
        }
        return { kind: 'RoleAccess', roleArn: access.roleArn, userName };
    }
  }

  /** The user name behind the caller (role sessions: the user who started the chain). */
  #userNameOf(principal: Principal): string {
    if (principal.principalType === 'User' && principal.userName !== undefined)
      return principal.userName;
    const match = /^arn:[^:]+:iam::\d{12}:user\/(?:.*\/)?([^/]+)$/.exec(
      principal.originalPrincipalArn,
    );
    if (match?.[1] !== undefined) return match[1];
    throw new WorkflowError(
      'UNSUPPORTED_CHANGE',
      'only users (or role sessions started by a user) request access for themselves',
    );
  }

  async #submit(
    input: {
      readonly change: RequestedChange;
      readonly changes: readonly AccountChange[] | undefined;
      readonly analysis: ChangeAnalysis | undefined;
      readonly justification: string;
      readonly ticket: string | null | undefined;
      readonly duration: string | number | null | undefined;
      readonly startAt: Date | string | null | undefined;
      readonly source: RequestSource;
      readonly breakGlass: boolean;
    },
    caller: WorkflowCaller,
  ): Promise<ChangeRequestReceipt> {
    checkCorrelation(caller);
    const now = this.#clock.now();
    const limits = this.#limits;
    const justification = checkText(
      'justification',
      input.justification,
      limits.justificationLength,
    );
    const ticket = checkTicket(input.ticket, limits.ticketLength);
    const durationSeconds = checkDuration(input.duration, limits);
    const startAt = checkStartAt(input.startAt, now, limits);
    const { change } = input;
    if (durationSeconds !== null && grantTargetOf(change) === undefined) {
      throw new WorkflowError(
        'UNSUPPORTED_CHANGE',
        `${change.kind === 'IamCommand' ? `\`${change.command.type}\`` : 'this change'} cannot be time-bound: request it without a duration`,
      );
    }
    if (change.kind === 'RoleAccess' && durationSeconds === null) {
      throw new WorkflowError(
        'DURATION_NOT_ALLOWED',
        'role access is always time-bound: give a `duration`',
      );
    }
    if (input.breakGlass && startAt !== null)
      throw invalidInput('startAt', 'break-glass access starts at once');

    const resolved = this.#directory.resolveChange(change, input.changes);
    const analysis =
      input.analysis ?? this.#directory.analyse(resolved.changes, { breakGlass: input.breakGlass });
    if (analysis.verdict === 'BLOCK') {
      throw new WorkflowError(
        'LEAST_PRIVILEGE_BLOCK',
        `the change is blocked by least-privilege analysis: ${
          analysis.findings.find((f) => f.risk === 'CRITICAL')?.message ??
          analysis.findings[0]?.message ??
          'blocked'
        }`,
        { details: { analysis: summariseAnalysis(analysis, 10) } },
      );
    }
    const person = caller.principal.originalPrincipalArn;
    const requesterGroups = this.#directory.groupsOf(person);
    const rules = await this.rules();
    const rule = selectRule(rules.ruleSet, {
      action: resolved.action,
      resource: resolved.resource,
      risk: analysis.risk,
      requesterGroups,
    });
    if (rule === undefined) {
      throw new WorkflowError(
        'NO_MATCHING_RULE',
        `no approval rule (version ${rules.version}) matches \`${resolved.action}\` on \`${resolved.resource}\` at risk ${analysis.risk}`,
        {
          details: {
            action: resolved.action,
            resource: resolved.resource,
            risk: analysis.risk,
            ruleSetVersion: rules.version,
          },
        },
      );
    }
    if (input.breakGlass) {
      if (rule.breakGlass === null) {
        throw new WorkflowError(
          'BREAK_GLASS_NOT_ALLOWED',
          `rule \`${rule.name}\` does not allow break-glass access`,
          {
            details: { rule: rule.name },
          },
        );
      }
      if (durationSeconds === null || durationSeconds > rule.breakGlass.maxDurationSeconds) {
        throw new WorkflowError(
          'DURATION_NOT_ALLOWED',
          `break-glass access under rule \`${rule.name}\` lasts at most ${rule.breakGlass.maxDurationSeconds} seconds`,
          { details: { maxDurationSeconds: rule.breakGlass.maxDurationSeconds } },
        );
      }
    } else if (
      rule.maxDurationSeconds !== null &&
      (durationSeconds === null || durationSeconds > rule.maxDurationSeconds)
    ) {
      throw new WorkflowError(
        'DURATION_NOT_ALLOWED',
        `rule \`${rule.name}\` grants access for at most ${rule.maxDurationSeconds} seconds: give a \`duration\` up to that`,
        { details: { rule: rule.name, maxDurationSeconds: rule.maxDurationSeconds } },
      );
    }
    const requestId = this.#newId().toLowerCase();
    const accountId = this.#directory.accountId();
    const snapshot: RuleSnapshot = {
      ruleSetVersion: rules.version,
      name: rule.name,
      reviewers: rule.reviewers,
      autoApprove: rule.autoApprove,
      requireMfa: rule.requireMfa,
      maxMfaAgeSeconds: rule.maxMfaAgeSeconds,
      maxDurationSeconds: rule.maxDurationSeconds,
      pendingTimeoutSeconds: rule.pendingTimeoutSeconds,
      breakGlassMaxDurationSeconds: rule.breakGlass?.maxDurationSeconds ?? null,
    };
    const owners = [
      ...new Set([
        ...ownersOf(rules.ruleSet, resolved.resource),
        ...this.#directory.taggedOwnersOf(resolved.resource),
      ]),
    ].sort();
    const correlationId = caller.correlationId ?? requestId;
    const data: ChangeRequestSubmitted['data'] = {
      requestId,
      accountId,
      correlationId,
      source: input.source,
      requester: {
        principalArn: caller.principal.principalArn,
        person,
        principalType: caller.principal.principalType,
        groups: [...requesterGroups],
      },
      beneficiaryArn: resolved.beneficiaryArn,
      change: JSON.parse(JSON.stringify(change)) as RequestedChange,
      changes: JSON.parse(JSON.stringify(resolved.changes)) as object[],
      summary: describeChange(change),
      action: resolved.action,
      resource: resolved.resource,
      justification,
      ticket,
      durationSeconds,
      startAt,
      analysis: summariseAnalysis(analysis, limits.newAccessInEvent),
      rule: snapshot,
      owners,
      pendingUntil: new Date(now.getTime() + rule.pendingTimeoutSeconds * 1000).toISOString(),
      breakGlass: input.breakGlass,
      submittedAt: now.toISOString(),
    };
    const events = decideSubmit({ exists: false }, data);
    const checkpoint = await appendAt(
      this.#store,
      requestStream(requestId),
      0,
      toInputs(events, {
        actor: caller.principal.principalArn,
        correlationId,
        causationId: requestId,
        occurredAt: now,
        metadata: metadataOf(
          input.breakGlass ? 'RequestBreakGlass' : 'SubmitChangeRequest',
          caller,
        ),
      }),
    );
    const state = foldRequest(events);
    if (!state.exists) throw new WorkflowError('SERVICE_FAILURE', 'the request was not recorded');
    return { request: viewOf(state, events.length), checkpoint };
  }

  #allowed(principal: Principal, action: string, state: ExistingRequest): boolean {
    const { request } = state;
    return this.#directory.isAllowed(
      principal,
      action,
      changeRequestArn(request.accountId, request.requestId),
      {
        'approvals:RiskLevel': request.analysis.risk,
        'approvals:Requester': request.requester.principalArn,
        'approvals:ChangeType':
          request.change.kind === 'IamCommand' ? request.change.command.type : 'RoleAccess',
      },
    );
  }

  #reviewer(
    state: ExistingRequest,
    caller: WorkflowCaller,
    now: Date,
    action: string,
  ): ReviewerContext {
    const { principal } = caller;
    const person = principal.originalPrincipalArn;
    const ruleGroups = new Set(
      state.request.rule.reviewers === null
        ? []
        : leavesOf(state.request.rule.reviewers).flatMap((leaf) =>
            leaf.kind === 'group' ? [leaf.group] : [],
          ),
    );
    const review: ReviewInfo = {
      reviewerArn: principal.principalArn,
      person,
      groups: this.#directory.groupsOf(person).filter((group) => ruleGroups.has(group)),
      owner: state.request.owners.includes(person),
      mfa: principal.mfaAuthenticated,
      mfaAgeSeconds:
        principal.mfaAuthenticated && principal.mfaAuthenticatedAt !== undefined
          ? Math.max(0, Math.floor((now.getTime() - principal.mfaAuthenticatedAt.getTime()) / 1000))
          : null,
    };
    return { review, allowed: this.#allowed(principal, action, state), now };
  }

  async #decide(
    requestId: string,
    command: string,
    caller: WorkflowCaller,
    decide: (state: ExistingRequest, now: Date) => RequestEvent[],
  ): Promise<ChangeRequestReceipt> {
    checkCorrelation(caller);
    return withRetry(async () => {
      const loaded = await loadStream(this.#store, requestStream(requestId));
      const state = foldRequest(loaded.events as unknown as RequestEvent[]);
      if (!state.exists) throw notFound(requestId);
      const now = this.#clock.now();
      const events = decide(state, now);
      const checkpoint = await appendAt(
        this.#store,
        requestStream(requestId),
        loaded.version,
        toInputs(events, {
          actor: caller.principal.principalArn,
          correlationId: state.request.correlationId,
          causationId: caller.correlationId ?? this.#newId(),
          occurredAt: now,
          metadata: metadataOf(command, caller),
        }),
      );
      const after = foldRequest([...(loaded.events as unknown as RequestEvent[]), ...events]);
      if (!after.exists) throw notFound(requestId);
      return { request: viewOf(after, loaded.version + events.length), checkpoint };
    });
  }
}

function notFound(requestId: string): WorkflowError {
  return new WorkflowError('NOT_FOUND', `change request \`${requestId}\` cannot be found`, {
    details: { requestId },
  });
}

/** The actor the approvals service records on its own events. */
export function approvalsServiceActor(accountId: string): string {
  return `arn:gatehouse:approvals::${accountId}:service/gatehouse-approvals`;
}
