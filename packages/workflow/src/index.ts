/**
 * @gatehouse/workflow: the approval workflow's domain. Change requests as a
 * decider on the event store (one event per fact), approval rules as code
 * (YAML/JSON, validated with located errors, versioned as events), quorums
 * (boolean combinations, one person counts once), grants with provenance,
 * read models, queries and live updates. Shared by the gateway (mutations,
 * queries, subscriptions) and the approvals service (clocks, apply). See README.md.
 * @packageDocumentation
 */

export {
  WorkflowError,
  isWorkflowError,
  type WorkflowErrorCode,
  type WorkflowErrorDetails,
} from './shared/workflowError.js';
export { approvalRulesArn, changeRequestArn, grantArn } from './shared/arns.js';
export {
  RULES_STREAM,
  WORKFLOW_STREAM_PREFIX,
  assignmentStream,
  isGrantId,
  isRequestId,
  requestIdOfStream,
  requestStream,
} from './shared/streams.js';
export { formatDuration, parseDuration } from './shared/durations.js';
export { DEFAULT_WORKFLOW_LIMITS, type WorkflowLimits } from './shared/limits.js';
export { matchesAny, matchesPattern } from './shared/patterns.js';

export * from './rules/index.js';
export * from './quorum/index.js';
export * from './request/index.js';
export * from './assignments/index.js';
export * from './ruleset/index.js';

export { AccountSnapshots } from './analysis/accountSnapshot.js';
export {
  findIdentity,
  findPolicy,
  findRoleByArn,
  resolveChange,
  type ResolvedChange,
} from './analysis/resolveChange.js';
export { grantPolicyName, grantSourceIdentity, roleAccessPolicy } from './analysis/roleAccess.js';
export { summariseAnalysis } from './analysis/summarise.js';

export type { AuthorizationContext, WorkflowDirectory } from './service/directory.js';
export {
  IamWorkflowDirectory,
  type IamWorkflowDirectoryOptions,
} from './service/iamWorkflowDirectory.js';
export {
  WorkflowService,
  approvalsServiceActor,
  type AccessRequest,
  type BreakGlassInput,
  type ChangeRequestReceipt,
  type RequestAccessInput,
  type SubmitChangeRequestInput,
  type WorkflowCaller,
  type WorkflowServiceOptions,
} from './service/workflowService.js';
export {
  historyOf,
  viewOf,
  type ChangeRequestView,
  type HistoryEntry,
} from './service/requestView.js';
export {
  StreamMoved,
  appendAt,
  loadStream,
  serviceFailure,
  toInputs,
  withRetry,
  type EventAudit,
  type LoadedStream,
  type WorkflowEventStore,
} from './service/streamAccess.js';

export {
  WORKFLOW_READ_MODELS_CONSUMER,
  WORKFLOW_READ_MODEL_TABLES,
  createWorkflowProjection,
  nextDueAt,
  projectWorkflowEvents,
  resetWorkflowReadModels,
  type WorkflowProjectionSettings,
} from './projections/workflowReadModels.js';
export {
  WorkflowQueries,
  type ChangeRequestSummary,
  type DueRequest,
  type GrantSummary,
} from './queries/workflowQueries.js';
export { MAX_PAGE_SIZE, type Connection, type PageArgs } from './queries/connection.js';

export * from './notifications/index.js';
