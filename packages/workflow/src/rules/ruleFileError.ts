/** Codes of the rules file's validation errors (stable; tests and tools key on them). */
export type RuleFileErrorCode =
  | 'SYNTAX_ERROR'
  | 'TOO_LARGE'
  | 'UNSUPPORTED_VERSION'
  | 'UNKNOWN_FIELD'
  | 'MISSING_FIELD'
  | 'INVALID_TYPE'
  | 'INVALID_VALUE'
  | 'INVALID_DURATION'
  | 'DURATION_OUT_OF_RANGE'
  | 'DUPLICATE_RULE_NAME'
  | 'AUTO_APPROVE_NOT_LOW_RISK'
  | 'CONFLICTING_FIELDS'
  | 'TOO_COMPLEX'
  | 'NO_RULES';

/** One problem of a rules file, located: a JSON pointer into the document and a 1-based line and column. */
export interface RuleFileError {
  readonly code: RuleFileErrorCode;
  /** Lowercase, no trailing period, user input in backticks. */
  readonly message: string;
  /** RFC 6901 pointer to the offending value, e.g. `/rules/2/reviewers/all_of/0/count`. */
  readonly path: string;
  readonly line: number;
  readonly column: number;
  /** "did you mean `X`?" where a close match exists. */
  readonly help?: string;
}

/** `file:line:column: message [CODE]`, the shape editors and CI logs link. */
export function formatRuleFileError(fileName: string, error: RuleFileError): string {
  const help = error.help === undefined ? '' : ` (${error.help})`;
  return `${fileName}:${error.line}:${error.column}: ${error.message}${help} [${error.code}]`;
}
