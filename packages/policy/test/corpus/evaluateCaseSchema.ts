import type { EvaluationInput, EvaluationResult } from '../../src/index.js';
import {
  checkCaseFile,
  checkChoice,
  checkInteger,
  checkKeys,
  checkText,
  isRecord,
  type Problems,
} from './shapeChecker.js';

/** One evaluation case of `corpus/evaluate/**.yaml` (see corpus/README.md). */
export interface EvaluateCase extends EvaluationInput {
  readonly note: string;
  /** The AWS documentation section (URL) the expectation comes from, or the README section. */
  readonly source: string;
  readonly want: EvaluationResult;
}

const POLICY_ROLES = ['resourcePolicy', 'permissionsBoundary', 'sessionPolicy'] as const;

/** The problems of an evaluation corpus file; empty when it has the documented shape. */
export function checkEvaluateFile(data: unknown): Problems {
  return checkCaseFile(data, (value, path, problems) => {
    checkKeys(
      value,
      path,
      ['note', 'source', 'request', 'identityPolicies', 'want'],
      [...POLICY_ROLES, 'guardrails'],
      problems,
    );
    checkText(value.note, `${path}.note`, problems);
    checkText(value.source, `${path}.source`, problems);
    checkRequest(value.request, `${path}.request`, problems);
    checkPolicyList(value.identityPolicies, `${path}.identityPolicies`, problems);
    for (const role of POLICY_ROLES) {
      if (role in value)
        checkPolicy(value[role], `${path}.${role}`, problems, role === 'resourcePolicy');
    }
    if ('guardrails' in value) checkPolicyList(value.guardrails, `${path}.guardrails`, problems);
    checkWant(value.want, `${path}.want`, problems);
  });
}

function checkRequest(value: unknown, path: string, problems: Problems): void {
  if (!isRecord(value)) {
    problems.push(`${path}: expected a map`);
    return;
  }
  checkKeys(value, path, ['principal', 'action', 'resource'], ['context'], problems);
  for (const key of ['principal', 'action', 'resource'] as const) {
    if (typeof value[key] !== 'string') problems.push(`${path}.${key}: expected a string`);
  }
  if (!('context' in value)) return;
  if (!isRecord(value.context)) {
    problems.push(`${path}.context: expected a map`);
    return;
  }
  for (const [key, item] of Object.entries(value.context)) {
    // `null` is allowed on purpose: cases check that unsupported values count as missing.
    const scalar = (v: unknown): boolean =>
      v === null || ['string', 'number', 'boolean'].includes(typeof v);
    if (!scalar(item) && !(Array.isArray(item) && item.every((v) => typeof v === 'string'))) {
      problems.push(
        `${path}.context.${key}: expected a string, number, boolean or list of strings`,
      );
    }
  }
}

function checkPolicyList(value: unknown, path: string, problems: Problems): void {
  if (!Array.isArray(value)) {
    problems.push(`${path}: expected a list`);
    return;
  }
  value.forEach((item: unknown, index) => {
    checkPolicy(item, `${path}[${index}]`, problems, false);
  });
}

function checkPolicy(value: unknown, path: string, problems: Problems, resource: boolean): void {
  if (!isRecord(value)) {
    problems.push(`${path}: expected a map with \`name\` and \`document\``);
    return;
  }
  checkKeys(value, path, ['name', 'document'], resource ? ['mustAllow'] : [], problems);
  checkText(value.name, `${path}.name`, problems);
  // Documents may be malformed on purpose (robustness cases), but must be present.
  if (value.document === null || value.document === undefined) {
    problems.push(`${path}.document: expected policy text or a map`);
  }
  if ('mustAllow' in value && typeof value.mustAllow !== 'boolean') {
    problems.push(`${path}.mustAllow: expected a boolean`);
  }
}

function checkWant(value: unknown, path: string, problems: Problems): void {
  if (!isRecord(value)) {
    problems.push(`${path}: expected a map`);
    return;
  }
  checkKeys(value, path, ['decision', 'matched'], [], problems);
  checkChoice(
    value.decision,
    `${path}.decision`,
    ['Allowed', 'ExplicitlyDenied', 'ImplicitlyDenied'],
    problems,
  );
  if (!Array.isArray(value.matched)) {
    problems.push(`${path}.matched: expected a list`);
    return;
  }
  value.matched.forEach((item: unknown, index) => {
    const itemPath = `${path}.matched[${index}]`;
    if (!isRecord(item)) {
      problems.push(`${itemPath}: expected a map`);
      return;
    }
    checkKeys(item, itemPath, ['policy', 'statement', 'effect'], ['sid'], problems);
    checkText(item.policy, `${itemPath}.policy`, problems);
    checkInteger(item.statement, `${itemPath}.statement`, 0, problems);
    checkChoice(item.effect, `${itemPath}.effect`, ['Allow', 'Deny'], problems);
    if ('sid' in item) checkText(item.sid, `${itemPath}.sid`, problems);
  });
}
