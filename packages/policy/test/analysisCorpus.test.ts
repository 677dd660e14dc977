import { describe, expect, it } from '@jest/globals';
import {
  analyzeChange,
  buildEscalationGraph,
  checkAccessNotGranted,
  checkNoNewAccess,
  GATEHOUSE_CATALOGUE,
  type AccessEntry,
  type AccountChange,
  type AccountSnapshot,
  type PermissionsInput,
} from '../src/index.js';
import { checkAnalysisFile, type AnalysisCase } from './corpus/analysisCaseSchema.js';
import { readCorpus } from './corpus/corpusFiles.js';

const files = readCorpus('analysis');

/** Cases name accounts without ARNs and ids; the runner fills in the conventions. */
function accountOf(value: Record<string, unknown>): AccountSnapshot {
  return {
    accountId: '111122223333',
    users: [],
    groups: [],
    roles: [],
    policies: [],
    ...value,
  };
}

/** An entry reduced to the keys the expectation gives, so cases state only what they are about. */
function project(entry: AccessEntry, wanted: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(wanted))
    out[key] = (entry as unknown as Record<string, unknown>)[key] ?? null;
  return out;
}

function sortByJson<T>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
}

function expectEntries(actual: readonly AccessEntry[], wanted: unknown): void {
  const list = wanted as Record<string, unknown>[];
  const shape = list[0] ?? { action: true, resource: true };
  expect(sortByJson(actual.map((e) => project(e, shape)))).toEqual(sortByJson(list));
}

function run(testCase: AnalysisCase): void {
  const want = testCase.want;
  switch (testCase.check) {
    case 'noNewAccess': {
      const catalogue = testCase.catalogue === 'gatehouse' ? GATEHOUSE_CATALOGUE : undefined;
      const result = checkNoNewAccess(
        testCase.existing as PermissionsInput,
        testCase.proposed as PermissionsInput,
        { catalogue },
      );
      if ('result' in want) expect(result.result).toBe(want.result);
      if ('newAccess' in want) expectEntries(result.newAccess, want.newAccess);
      return;
    }
    case 'accessNotGranted': {
      const catalogue = testCase.catalogue === 'gatehouse' ? GATEHOUSE_CATALOGUE : undefined;
      const result = checkAccessNotGranted(
        testCase.policy as PermissionsInput,
        testCase.access ?? { actions: [] },
        {
          catalogue,
        },
      );
      if ('result' in want) expect(result.result).toBe(want.result);
      if ('granted' in want) expectEntries(result.granted, want.granted);
      return;
    }
    case 'escalation': {
      const graph = buildEscalationGraph(accountOf(testCase.account ?? {}));
      const short = (arn: string) => arn.slice(arn.lastIndexOf(':') + 1);
      if ('edges' in want) {
        expect(
          sortByJson(
            graph.edges.map((e) => ({ from: short(e.from), to: short(e.to), kind: e.kind })),
          ),
        ).toEqual(sortByJson(want.edges as unknown[]));
      }
      if ('adminEquivalent' in want) {
        expect(
          graph.nodes
            .filter((n) => n.kind !== 'group' && n.adminEquivalent)
            .map((n) => short(n.arn))
            .sort(),
        ).toEqual([...(want.adminEquivalent as string[])].sort());
      }
      return;
    }
    case 'change': {
      const result = analyzeChange({
        account: accountOf(testCase.account ?? {}),
        change: testCase.change as AccountChange | AccountChange[],
        breakGlass: testCase.breakGlass,
      });
      if ('verdict' in want) expect(result.verdict).toBe(want.verdict);
      if ('risk' in want) expect(result.risk).toBe(want.risk);
      if ('findings' in want) {
        expect([...new Set(result.findings.map((f) => f.code))].sort()).toEqual(
          [...(want.findings as string[])].sort(),
        );
      }
      if ('escalationPaths' in want) {
        const short = (arn: string) => arn.slice(arn.lastIndexOf(':') + 1);
        expect(
          sortByJson(
            result.escalationPaths.map((p) => ({
              from: short(p.from),
              to: short(p.to),
              steps: p.steps.map((s) => s.kind),
            })),
          ),
        ).toEqual(sortByJson(want.escalationPaths as unknown[]));
      }
      if ('newAccess' in want) expectEntries(result.newAccess, want.newAccess);
      return;
    }
  }
}

describe('analysis corpus', () => {
  for (const file of files) {
    describe(file.name, () => {
      const problems = checkAnalysisFile(file.data);
      it('matches the case schema', () => {
        expect(problems).toEqual([]);
      });
      if (problems.length > 0) return;
      for (const testCase of (file.data as { cases: AnalysisCase[] }).cases) {
        it(testCase.note, () => {
          run(testCase);
        });
      }
    });
  }
});
