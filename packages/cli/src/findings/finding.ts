import type { FindingCode, Severity } from '@gatehouse/policy';
import type { RuleFileErrorCode } from '@gatehouse/workflow/rules';

/** The repository's own finding codes (README, "Finding codes"); policy findings keep theirs. */
export const REPOSITORY_FINDING_SEVERITY = {
  /** The file is not valid YAML/JSON (or repeats a key). */
  SYNTAX_ERROR: 'ERROR',
  /** A field the schema does not know, with "did you mean". */
  UNKNOWN_FIELD: 'ERROR',
  /** A required field is absent. */
  MISSING_FIELD: 'ERROR',
  /** A value of the wrong type. */
  INVALID_TYPE: 'ERROR',
  /** A value of the right type that breaks a rule (pattern, range, allowed values). */
  INVALID_VALUE: 'ERROR',
  /** A user, group, role or policy name that IAM would refuse. */
  INVALID_NAME: 'ERROR',
  /** A path that IAM would refuse (`/`, or `/a/b/`). */
  INVALID_PATH: 'ERROR',
  /** `name` in the file differs from the file's name. */
  NAME_MISMATCH: 'ERROR',
  /** Two files define the same entity (names are unique case-insensitively, across policies/ and boundaries/). */
  DUPLICATE_NAME: 'ERROR',
  /** A reference to a policy, group or user the repository does not define. */
  UNKNOWN_REFERENCE: 'ERROR',
  /** More managed policies, groups or tags than IAM allows on one entity. */
  QUOTA_EXCEEDED: 'ERROR',
  /** A file the layout does not expect (ignored). */
  UNEXPECTED_FILE: 'WARNING',
  /** No `gatehouse.yaml` at the repository root. */
  MISSING_REPOSITORY_FILE: 'WARNING',
  /** A membership declared both on the group and on the user (harmless). */
  DUPLICATE_MEMBERSHIP: 'SUGGESTION',
} as const satisfies Record<string, Severity>;

/** A code of {@link REPOSITORY_FINDING_SEVERITY}. */
export type RepositoryFindingCode = keyof typeof REPOSITORY_FINDING_SEVERITY;

/** Severities from the most to the least severe. */
export const SEVERITIES = ['ERROR', 'SECURITY_WARNING', 'WARNING', 'SUGGESTION'] as const;

/** A finding of `gatehouse validate`: a policy finding or a repository one, located in its file. */
export interface RepositoryFinding {
  readonly severity: Severity;
  readonly code: FindingCode | RepositoryFindingCode | RuleFileErrorCode;
  /**
   * `policy` for @gatehouse/policy's findings, `approval-rules` for @gatehouse/workflow's on the
   * rules file (all errors), `repository` for the repository schema's.
   */
  readonly source: 'policy' | 'approval-rules' | 'repository';
  /** Lowercase start, no trailing period, user input in backticks. */
  readonly message: string;
  readonly help?: string | undefined;
  /** The file, relative to the working directory, with `/` separators. */
  readonly file: string;
  /** 1-based line and column (UTF-16 code units) in the file. */
  readonly line: number;
  readonly column: number;
  /** RFC 6901 pointer to the element within the file. */
  readonly pointer: string;
  /** For policy findings: the pointer within the policy document (as @gatehouse/policy reports it). */
  readonly documentPath?: string | undefined;
}

/** 0 for ERROR ... 3 for SUGGESTION. */
export function severityRank(severity: Severity): number {
  return SEVERITIES.indexOf(severity);
}

/** Orders findings by file, line, column, then code. */
export function compareRepositoryFindings(a: RepositoryFinding, b: RepositoryFinding): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  if (a.line !== b.line) return a.line - b.line;
  if (a.column !== b.column) return a.column - b.column;
  return a.code < b.code ? -1 : a.code > b.code ? 1 : 0;
}

/** The `--fail-on` threshold: a severity, or `none` (never fail). */
export type FailThreshold = Severity | 'NONE';

/** True when a finding is at or above the threshold. */
export function meetsThreshold(severity: Severity, threshold: FailThreshold): boolean {
  return threshold !== 'NONE' && severityRank(severity) <= severityRank(threshold);
}
