export { patternCovers } from './patternCoverage.js';
export { conditionSignature, principalSignature, statementCovers } from './statementCoverage.js';
export {
  asPermissionSet,
  checkAccessNotGranted,
  checkNoNewAccess,
  listAccess,
} from './accessChecks.js';
export type {
  AccessCheckOptions,
  AccessNotGrantedResult,
  AccessQuery,
  NoNewAccessResult,
  PermissionsInput,
} from './accessChecks.js';
export type { AccessEntry } from './accessEntry.js';
export type { StatementRef } from './analysedPolicy.js';
export type { ConditionBlock } from './conditionAtoms.js';
export type { PermissionSet } from './permissionModel.js';
export { analyzeChange } from './analyzeChange.js';
export type { ChangeAnalysis, ChangeInput } from './analyzeChange.js';
export { createAnalysisContext } from './analysisContext.js';
export type { AnalysisContext, AnalysisContextOptions } from './analysisContext.js';
export { applyChange, applyChanges, CHANGE_KINDS } from './account/accountChange.js';
export type { AccountChange, AppliedChange, PrincipalRef } from './account/accountChange.js';
export { identityArn } from './account/accountSnapshot.js';
export type {
  AccountRules,
  AccountSnapshot,
  GroupSnapshot,
  IdentityKind,
  IdentityRef,
  InlinePolicy,
  ManagedPolicySnapshot,
  RoleSnapshot,
  UserSnapshot,
} from './account/accountSnapshot.js';
export { effectivePermissions } from './account/effectivePermissions.js';
export type { EffectivePrincipal } from './account/effectivePermissions.js';
export { buildEscalationGraph } from './escalation/escalationGraph.js';
export type {
  EscalationEdge,
  EscalationGraph,
  EscalationNode,
  EscalationOptions,
  EscalationPath,
} from './escalation/escalationGraph.js';
export type { EdgeEffect, EscalationEdgeKind } from './escalation/escalationEdges.js';
export { ANALYSIS_FINDINGS, RISK_LEVELS } from './risk/riskFindings.js';
export type {
  AnalysisFinding,
  AnalysisFindingCode,
  RiskCategory,
  RiskLevel,
  Verdict,
} from './risk/riskFindings.js';
