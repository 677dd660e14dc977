/**
 * @gatehouse/audit: audit answers from the event log. History with readable
 * diffs, actors and change-request provenance; point-in-time entities,
 * effective permissions and simulations (IAM's own folds over only the
 * relevant streams); access reviews; verification and exports; the decision
 * log. See README.md.
 * @packageDocumentation
 */

export { AuditService, type AuditServiceOptions } from './auditService.js';
export {
  AuditError,
  isAuditError,
  type AuditErrorCode,
  type AuditErrorDetails,
} from './shared/auditError.js';
export { DEFAULT_AUDIT_LIMITS, type AuditLimits } from './shared/limits.js';
export { parseAsOf, parseTime, type AsOf } from './shared/pointInTime.js';

export type { Connection, PageArgs } from './history/connection.js';
export { decodeCursor, encodeCursor } from './history/cursor.js';
export type { HistoryFilter, HistoryOrder } from './history/filter.js';
export { HistoryQueries } from './history/historyQueries.js';
export type { AuditActor, AuditEntry } from './entries/auditEntry.js';
export { diffStates, type ChangeLine } from './entries/diff.js';
export { REDACTED, redact } from './entries/redact.js';
export type { ChangeRequestRecord, ReviewerRecord } from './provenance/changeRequests.js';

export {
  PointInTimeQueries,
  type DecidingStatement,
  type EffectivePermissionsAsOf,
  type EntityAsOf,
  type EntityKind,
  type GrantingEvent,
  type SimulationAsOf,
} from './pointInTime/pointInTimeQueries.js';
export {
  PrincipalHistory,
  auditedPrincipal,
  loadPrincipalHistory,
  type AuditedPrincipal,
} from './pointInTime/principalHistory.js';

export {
  AccessReviews,
  allowedSince,
  suggestPolicy,
  type PrincipalAccessReview,
  type ResourceAccessHolder,
} from './reviews/accessReviews.js';

export {
  exportRange,
  verifyAuditLog,
  type AuditExport,
  type AuditLogVerification,
} from './integrity/integrity.js';

export {
  DecisionQueries,
  type DecisionEntry,
  type DecisionFilter,
} from './decisions/decisionQueries.js';
