/**
 * @gatehouse/policy: the IAM policy language. Parsing with source positions, validation with
 * located findings, evaluation following AWS IAM's policy evaluation logic, a catalogue of
 * services, and least-privilege analysis of changes. Pure: no I/O.
 */

/** Decide a request against a principal's policies (see the README for the exact semantics). */
export { evaluate } from './evaluate/index.js';
/** Compile a policy document into a matcher, once per distinct document (cached). */
export { compilePolicy, clearPolicyCache } from './evaluate/index.js';
/** A policy compiled for evaluation, as returned by `compilePolicy`. */
export { CompiledPolicy } from './evaluate/index.js';
/** The shapes of `evaluate`'s input and result. */
export type {
  Decision,
  EvaluationInput,
  EvaluationRequest,
  EvaluationResult,
  MatchedStatement,
  PolicyInput,
  ResourcePolicyInput,
} from './evaluate/index.js';
/** Request context values as callers give them. */
export type { ContextValue, RequestContextInput } from './conditions/index.js';

/** Check a document against IAM's grammar and Access Analyzer-style checks. */
export { validatePolicy } from './validate/index.js';
/** Options of `validatePolicy`. */
export type { ValidateOptions } from './validate/index.js';
/** Findings: the data validation returns, with stable codes and fixed severities. */
export { FINDING_SEVERITY } from './finding.js';
/** A finding, its code and its severity. */
export type { Finding, FindingCode, Severity } from './finding.js';

/** Parse a document (text or object) into a syntax tree with source locations. */
export { parsePolicy, DEFAULT_PARSE_LIMITS } from './document/index.js';
/** Print a syntax tree back to JSON; `parsePolicy(printPolicy(tree))` gives the same tree. */
export { printPolicy } from './document/index.js';
/** A copy of a syntax tree without locations, for structural comparison. */
export { stripLocations } from './document/index.js';
/** The result and options of `parsePolicy`. */
export type { ParseFailure, ParseOptions, ParseResult, ParseSuccess } from './document/index.js';
/** The syntax tree of a policy document. */
export type {
  ConditionEntryNode,
  ConditionNode,
  ConditionOperatorNode,
  ConditionValueNode,
  ConditionValuesNode,
  NodeBase,
  PolicyAst,
  PolicyElementName,
  PrincipalEntryNode,
  PrincipalMapNode,
  PrincipalNode,
  PrincipalStringNode,
  StatementElementName,
  StatementListNode,
  StatementNode,
  StringListNode,
  StringNode,
} from './document/index.js';
/** A position in policy text. */
export type { SourceLocation } from './document/index.js';
/** Policy kinds and IAM's size quotas. */
export { POLICY_KINDS, SIZE_LIMITS } from './document/index.js';
/** A policy kind and a size class. */
export type { PolicyKind, SizeClass } from './document/index.js';

/** Least privilege: new access between permission sets, and whether given access is granted. */
export { checkAccessNotGranted, checkNoNewAccess, listAccess } from './analysis/index.js';
/** Options and results of the access checks. */
export type {
  AccessCheckOptions,
  AccessEntry,
  AccessNotGrantedResult,
  AccessQuery,
  ConditionBlock,
  NoNewAccessResult,
  PermissionSet,
  PermissionsInput,
  StatementRef,
} from './analysis/index.js';
/** The verdict on an account change: new access, escalation paths, findings and risk. */
export { analyzeChange } from './analysis/index.js';
/** The input and result of `analyzeChange`. */
export type { ChangeAnalysis, ChangeInput } from './analysis/index.js';
/** An account snapshot analysed once, for `analyzeChange` to reuse across changes. */
export { createAnalysisContext } from './analysis/index.js';
/** The reusable analysis of a snapshot and how to build one. */
export type { AnalysisContext, AnalysisContextOptions } from './analysis/index.js';
/** Account snapshots and changes to them, as data. */
export { applyChange, applyChanges, CHANGE_KINDS, identityArn } from './analysis/index.js';
/** The shapes of account snapshots and changes. */
export type {
  AccountChange,
  AccountRules,
  AccountSnapshot,
  AppliedChange,
  GroupSnapshot,
  IdentityKind,
  IdentityRef,
  InlinePolicy,
  ManagedPolicySnapshot,
  PrincipalRef,
  RoleSnapshot,
  UserSnapshot,
} from './analysis/index.js';
/** A principal's effective permissions: its own, its groups', its boundary and guardrails. */
export { effectivePermissions } from './analysis/index.js';
/** A principal with its effective permission set. */
export type { EffectivePrincipal } from './analysis/index.js';
/** The account's escalation graph: who can obtain whose permissions. */
export { buildEscalationGraph } from './analysis/index.js';
/** The shapes of the escalation graph. */
export type {
  EdgeEffect,
  EscalationEdge,
  EscalationEdgeKind,
  EscalationGraph,
  EscalationNode,
  EscalationOptions,
  EscalationPath,
} from './analysis/index.js';
/** Analysis finding codes with category, risk and whether they block; the risk levels in order. */
export { ANALYSIS_FINDINGS, RISK_LEVELS } from './analysis/index.js';
/** Analysis findings, categories, risk levels and verdicts. */
export type {
  AnalysisFinding,
  AnalysisFindingCode,
  RiskCategory,
  RiskLevel,
  Verdict,
} from './analysis/index.js';

/** The catalogue of services: Gatehouse's own, teams' registered ones, AWS's through iam-data. */
export {
  ACCESS_LEVELS,
  APPROVALS_SERVICE,
  AUDIT_SERVICE,
  Catalogue,
  createCatalogue,
  GATEHOUSE_CATALOGUE,
  GATEHOUSE_SERVICES,
  GLOBAL_CONDITION_KEYS,
  IAM_DATA_VERSION,
  IAM_SERVICE,
  serviceFromIamData,
  STS_SERVICE,
} from './catalogue/index.js';
/** The shapes of service definitions and catalogue entries. */
export type {
  AccessLevel,
  ActionDefinition,
  ActionResourceType,
  CatalogueAction,
  ConditionKeyDefinition,
  ConditionKeyType,
  IamDataAction,
  IamDataConditionKey,
  IamDataResourceType,
  IamDataService,
  ResourceTypeDefinition,
  ServiceDefinition,
} from './catalogue/index.js';
/** The error of the few APIs that reject programming-level input (service definitions). */
export { PolicyError } from './policyError.js';
/** Its codes. */
export type { PolicyErrorCode } from './policyError.js';
