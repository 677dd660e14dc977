import { describe, expect, it } from '@jest/globals';
import {
  FINDING_SEVERITY,
  GATEHOUSE_CATALOGUE,
  validatePolicy,
  type Finding,
  type FindingCode,
} from '../src/index.js';
import { readCorpus } from './corpus/corpusFiles.js';
import {
  checkValidateFile,
  type ExpectedFinding,
  type ValidateCase,
} from './corpus/validateCaseSchema.js';

const files = readCorpus('validate');
const allCases = files.flatMap((file) => (file.data as { cases?: ValidateCase[] }).cases ?? []);

/** A finding reduced to what the case specifies, so cases state only what they are about. */
function project(finding: Finding, expected: ExpectedFinding | undefined): ExpectedFinding {
  const result: { -readonly [K in keyof ExpectedFinding]: ExpectedFinding[K] } = {
    code: finding.code,
    path: finding.path,
  };
  if (expected?.line !== undefined && finding.line !== undefined) result.line = finding.line;
  if (expected?.column !== undefined && finding.column !== undefined)
    result.column = finding.column;
  if (expected?.help !== undefined && finding.help !== undefined) result.help = finding.help;
  return result;
}

describe('validation corpus', () => {
  it('exercises every finding code but INTERNAL_ERROR', () => {
    const seen = new Set<FindingCode>();
    for (const testCase of allCases) {
      for (const finding of testCase.want.findings) seen.add(finding.code);
    }
    const codes = (Object.keys(FINDING_SEVERITY) as FindingCode[]).filter(
      (c) => c !== 'INTERNAL_ERROR',
    );
    expect(codes.filter((code) => !seen.has(code))).toEqual([]);
  });

  for (const file of files) {
    describe(file.name, () => {
      const problems = checkValidateFile(file.data);
      it('matches the case schema', () => {
        expect(problems).toEqual([]);
      });
      if (problems.length > 0) return;
      for (const testCase of (file.data as { cases: ValidateCase[] }).cases) {
        it(testCase.note, () => {
          const findings = validatePolicy(testCase.document, {
            kind: testCase.kind,
            sizeClass: testCase.sizeClass,
            sizeLimit: testCase.sizeLimit,
            parse: testCase.parse,
            catalogue: testCase.catalogue === 'gatehouse' ? GATEHOUSE_CATALOGUE : undefined,
          });
          const wanted = testCase.want.findings;
          expect(findings.map((finding, i) => project(finding, wanted[i]))).toEqual(wanted);
        });
      }
    });
  }
});
