/**
 * @gatehouse/policy: the IAM policy language. Parsing with source positions, validation with
 * located findings, and evaluation following AWS IAM's policy evaluation logic. Pure: no I/O.
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
