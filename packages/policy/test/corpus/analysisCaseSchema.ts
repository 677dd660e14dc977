import {
  checkCaseFile,
  checkChoice,
  checkKeys,
  checkText,
  isRecord,
  type Problems,
} from './shapeChecker.js';

/** The checks an analysis case can run (see corpus/README.md). */
export const ANALYSIS_CHECKS = ['noNewAccess', 'accessNotGranted', 'escalation', 'change'] as const;

/** One analysis case of `corpus/analysis/<topic>/*.yaml`; inputs depend on `check`. */
export interface AnalysisCase {
  readonly note: string;
  readonly source: string;
  readonly check: (typeof ANALYSIS_CHECKS)[number];
  /** `gatehouse` (default for escalation and change), or `none` (default for the checks). */
  readonly catalogue?: 'gatehouse' | 'none';
  readonly existing?: unknown;
  readonly proposed?: unknown;
  readonly policy?: unknown;
  readonly access?: { readonly actions: string[]; readonly resources?: string[] };
  readonly account?: Record<string, unknown>;
  readonly change?: unknown;
  readonly breakGlass?: boolean;
  readonly want: Record<string, unknown>;
}

const INPUTS: Record<
  AnalysisCase['check'],
  { required: string[]; optional: string[]; want: string[] }
> = {
  noNewAccess: { required: ['existing', 'proposed'], optional: [], want: ['result', 'newAccess'] },
  accessNotGranted: { required: ['policy', 'access'], optional: [], want: ['result', 'granted'] },
  escalation: { required: ['account'], optional: [], want: ['edges', 'adminEquivalent'] },
  change: {
    required: ['account', 'change'],
    optional: ['breakGlass'],
    want: ['verdict', 'risk', 'findings', 'escalationPaths', 'newAccess'],
  },
};

/** The problems of an analysis corpus file; empty when it has the documented shape. */
export function checkAnalysisFile(data: unknown): Problems {
  return checkCaseFile(data, (value, path, problems) => {
    checkChoice(value.check, `${path}.check`, ANALYSIS_CHECKS, problems);
    const inputs = INPUTS[value.check as AnalysisCase['check']] as
      (typeof INPUTS)['change'] | undefined;
    if (inputs === undefined) return;
    checkKeys(
      value,
      path,
      ['note', 'source', 'check', 'want', ...inputs.required],
      ['catalogue', ...inputs.optional],
      problems,
    );
    checkText(value.note, `${path}.note`, problems);
    checkText(value.source, `${path}.source`, problems);
    if ('catalogue' in value)
      checkChoice(value.catalogue, `${path}.catalogue`, ['gatehouse', 'none'], problems);
    if (!isRecord(value.want)) {
      problems.push(`${path}.want: expected a map`);
      return;
    }
    checkKeys(value.want, `${path}.want`, [], inputs.want, problems);
    if (Object.keys(value.want).length === 0)
      problems.push(`${path}.want: expected at least one expectation`);
    if ('account' in value && !isRecord(value.account))
      problems.push(`${path}.account: expected a map`);
  });
}
