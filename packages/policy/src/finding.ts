import type { SourceLocation } from './document/location.js';

/** How serious a finding is, on IAM Access Analyzer's scale. */
export type Severity = 'ERROR' | 'SECURITY_WARNING' | 'WARNING' | 'SUGGESTION';

/**
 * Every finding code with its fixed severity. Codes are stable: they are part of the public
 * contract (documented in the README) and are never renamed or reused.
 */
export const FINDING_SEVERITY = {
  // The document as JSON.
  JSON_SYNTAX_ERROR: 'ERROR',
  DOCUMENT_TOO_LARGE: 'ERROR',
  DOCUMENT_TOO_DEEP: 'ERROR',
  DOCUMENT_NOT_OBJECT: 'ERROR',
  DUPLICATE_KEY: 'ERROR',
  UNKNOWN_ELEMENT: 'ERROR',
  INVALID_ELEMENT_TYPE: 'ERROR',
  EMPTY_ELEMENT: 'ERROR',
  POLICY_SIZE_EXCEEDED: 'ERROR',
  // Version and Statement.
  MISSING_VERSION: 'WARNING',
  OLD_VERSION: 'WARNING',
  INVALID_VERSION: 'ERROR',
  MISSING_STATEMENT: 'ERROR',
  INVALID_SID: 'ERROR',
  DUPLICATE_SID: 'ERROR',
  MISSING_EFFECT: 'ERROR',
  INVALID_EFFECT: 'ERROR',
  MISSING_ACTION: 'ERROR',
  ACTION_AND_NOT_ACTION: 'ERROR',
  INVALID_ACTION: 'ERROR',
  MISSING_RESOURCE: 'ERROR',
  RESOURCE_AND_NOT_RESOURCE: 'ERROR',
  INVALID_ARN: 'ERROR',
  PRINCIPAL_NOT_ALLOWED: 'ERROR',
  MISSING_PRINCIPAL: 'ERROR',
  PRINCIPAL_AND_NOT_PRINCIPAL: 'ERROR',
  INVALID_PRINCIPAL: 'ERROR',
  // Conditions.
  UNKNOWN_CONDITION_OPERATOR: 'ERROR',
  IF_EXISTS_ON_NULL: 'ERROR',
  INVALID_CONDITION_VALUE: 'ERROR',
  INVALID_CONDITION_KEY: 'ERROR',
  // Policy variables.
  INVALID_POLICY_VARIABLE: 'WARNING',
  POLICY_VARIABLE_NOT_SUPPORTED: 'WARNING',
  POLICY_VARIABLE_REQUIRES_VERSION: 'WARNING',
  // Patterns that do not do what they seem to.
  MFA_PRESENT_BOOL_FALSE: 'SECURITY_WARNING',
  ALLOW_WITH_NOT_ACTION: 'SECURITY_WARNING',
  ALLOW_WITH_NOT_RESOURCE: 'SECURITY_WARNING',
  ALLOW_WITH_NOT_PRINCIPAL: 'SECURITY_WARNING',
  ALLOW_ALL_PRINCIPALS: 'SECURITY_WARNING',
  PASS_ROLE_WITH_STAR_RESOURCE: 'SECURITY_WARNING',
  ALLOW_WITH_FOR_ALL_VALUES: 'WARNING',
  UNREACHABLE_STATEMENT: 'WARNING',
  REDUNDANT_STATEMENT: 'SUGGESTION',
  REDUNDANT_ACTION: 'SUGGESTION',
  REDUNDANT_RESOURCE: 'SUGGESTION',
  // Against a catalogue of services (only when `validatePolicy` is given one).
  UNKNOWN_SERVICE_PREFIX: 'WARNING',
  UNKNOWN_ACTION: 'WARNING',
  UNKNOWN_CONDITION_KEY_FOR_ACTION: 'WARNING',
  // A defect in this package, reported instead of thrown; tests assert it never appears.
  INTERNAL_ERROR: 'ERROR',
} as const satisfies Record<string, Severity>;

/** A stable finding code. */
export type FindingCode = keyof typeof FINDING_SEVERITY;

/** One problem or observation about a policy document, located in its text. */
export interface Finding {
  readonly severity: Severity;
  readonly code: FindingCode;
  /** Lowercase start, no trailing period, user input in backticks. */
  readonly message: string;
  /** RFC 6901 JSON pointer to the element, e.g. `/Statement/2/Action/0`. */
  readonly path: string;
  /** 1-based line of the element in the policy text. */
  readonly line?: number;
  /** 1-based column (UTF-16 code units) of the element in the policy text. */
  readonly column?: number;
  /** A hint such as "did you mean `Allow`?". */
  readonly help?: string;
}

/** Where a finding points: a JSON pointer and, when known, the source location. */
export interface FindingTarget {
  readonly path: string;
  readonly loc?: SourceLocation | undefined;
}

/** Builds a finding with the code's fixed severity. */
export function makeFinding(
  code: FindingCode,
  message: string,
  target: FindingTarget,
  help?: string,
): Finding {
  return {
    severity: FINDING_SEVERITY[code],
    code,
    message,
    path: target.path,
    ...(target.loc === undefined ? {} : { line: target.loc.line, column: target.loc.column }),
    ...(help === undefined ? {} : { help }),
  };
}

/** Orders findings by position in the text, then by path and code, so output is deterministic. */
export function compareFindings(a: Finding, b: Finding): number {
  const lineA = a.line ?? Number.MAX_SAFE_INTEGER;
  const lineB = b.line ?? Number.MAX_SAFE_INTEGER;
  if (lineA !== lineB) return lineA - lineB;
  const columnA = a.column ?? Number.MAX_SAFE_INTEGER;
  const columnB = b.column ?? Number.MAX_SAFE_INTEGER;
  if (columnA !== columnB) return columnA - columnB;
  if (a.path !== b.path) return a.path < b.path ? -1 : 1;
  if (a.code !== b.code) return a.code < b.code ? -1 : 1;
  return a.message < b.message ? -1 : a.message > b.message ? 1 : 0;
}
