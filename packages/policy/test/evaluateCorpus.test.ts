import { describe, expect, it } from '@jest/globals';
import { evaluate } from '../src/index.js';
import { readCorpus } from './corpus/corpusFiles.js';
import { checkEvaluateFile, type EvaluateCase } from './corpus/evaluateCaseSchema.js';

const files = readCorpus('evaluate');

describe('evaluation corpus', () => {
  it('has several hundred cases', () => {
    const count = files.reduce(
      (n, file) => n + ((file.data as { cases?: unknown[] }).cases?.length ?? 0),
      0,
    );
    expect(count).toBeGreaterThanOrEqual(300);
  });

  for (const file of files) {
    describe(file.name, () => {
      const problems = checkEvaluateFile(file.data);
      it('matches the case schema', () => {
        expect(problems).toEqual([]);
      });
      if (problems.length > 0) return;
      for (const testCase of (file.data as { cases: EvaluateCase[] }).cases) {
        it(testCase.note, () => {
          const { note: _note, source: _source, want, ...input } = testCase;
          const result = evaluate(input);
          expect(result).toEqual(want);
        });
      }
    });
  }
});
