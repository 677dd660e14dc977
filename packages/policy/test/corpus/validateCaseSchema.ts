import {
  FINDING_SEVERITY,
  POLICY_KINDS,
  SIZE_LIMITS,
  type Finding,
  type PolicyKind,
  type SizeClass,
} from '../../src/index.js';
import {
  checkCaseFile,
  checkChoice,
  checkInteger,
  checkKeys,
  checkText,
  isRecord,
  type Problems,
} from './shapeChecker.js';

/** An expected finding: code and path always, position and help when the case is about them. */
export type ExpectedFinding = Pick<Finding, 'code' | 'path'> &
  Partial<Pick<Finding, 'line' | 'column' | 'help'>>;

/** One validation case of `corpus/validate/**.yaml` (see corpus/README.md). */
export interface ValidateCase {
  readonly note: string;
  readonly source: string;
  readonly kind: PolicyKind;
  readonly sizeClass?: SizeClass;
  readonly sizeLimit?: number;
  readonly parse?: { readonly maxLength?: number; readonly maxDepth?: number };
  readonly document: string | object;
  /** Validate against Gatehouse's catalogue of services. */
  readonly catalogue?: 'gatehouse';
  /** Every finding validation returns, in order. */
  readonly want: { readonly findings: readonly ExpectedFinding[] };
}

/** The problems of a validation corpus file; empty when it has the documented shape. */
export function checkValidateFile(data: unknown): Problems {
  return checkCaseFile(data, (value, path, problems) => {
    checkKeys(
      value,
      path,
      ['note', 'source', 'kind', 'document', 'want'],
      ['sizeClass', 'sizeLimit', 'parse', 'catalogue'],
      problems,
    );
    checkText(value.note, `${path}.note`, problems);
    checkText(value.source, `${path}.source`, problems);
    checkChoice(value.kind, `${path}.kind`, POLICY_KINDS, problems);
    if ('sizeClass' in value) {
      checkChoice(value.sizeClass, `${path}.sizeClass`, Object.keys(SIZE_LIMITS), problems);
    }
    if ('catalogue' in value)
      checkChoice(value.catalogue, `${path}.catalogue`, ['gatehouse'], problems);
    if ('sizeLimit' in value) checkInteger(value.sizeLimit, `${path}.sizeLimit`, 1, problems);
    if ('parse' in value) {
      if (!isRecord(value.parse)) problems.push(`${path}.parse: expected a map`);
      else {
        checkKeys(value.parse, `${path}.parse`, [], ['maxLength', 'maxDepth'], problems);
        for (const [key, limit] of Object.entries(value.parse)) {
          checkInteger(limit, `${path}.parse.${key}`, 1, problems);
        }
      }
    }
    if (typeof value.document !== 'string' && !isRecord(value.document)) {
      problems.push(`${path}.document: expected policy text or a map`);
    }
    checkWant(value.want, `${path}.want`, problems);
  });
}

function checkWant(value: unknown, path: string, problems: Problems): void {
  if (!isRecord(value)) {
    problems.push(`${path}: expected a map`);
    return;
  }
  checkKeys(value, path, ['findings'], [], problems);
  if (!Array.isArray(value.findings)) {
    problems.push(`${path}.findings: expected a list`);
    return;
  }
  value.findings.forEach((item: unknown, index) => {
    const itemPath = `${path}.findings[${index}]`;
    if (!isRecord(item)) {
      problems.push(`${itemPath}: expected a map`);
      return;
    }
    checkKeys(item, itemPath, ['code', 'path'], ['line', 'column', 'help'], problems);
    checkChoice(item.code, `${itemPath}.code`, Object.keys(FINDING_SEVERITY), problems);
    if (typeof item.path !== 'string') problems.push(`${itemPath}.path: expected a string`);
    if ('line' in item) checkInteger(item.line, `${itemPath}.line`, 1, problems);
    if ('column' in item) checkInteger(item.column, `${itemPath}.column`, 1, problems);
    if ('help' in item) checkText(item.help, `${itemPath}.help`, problems);
  });
}
