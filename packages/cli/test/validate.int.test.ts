// `gatehouse validate` as users run it (the built bin, a child process, offline): the fixture's
// findings at their exact file:line:column, exit codes by threshold, and SARIF output that the
// SARIF 2.1.0 schema (from @microsoft/jest-sarif) accepts.
import { describe, expect, it } from '@jest/globals';
import path from 'node:path';
import { runGatehouse } from './support/runCli.js';
import { sarifSchemaErrors } from './support/sarifSchema.js';

const cwd = path.resolve(import.meta.dirname, '..');
const fixture = 'test/fixtures/findings-repo';

describe('gatehouse validate', () => {
  it('prints each finding as file:line:column and exits 1 on errors', async () => {
    const run = await runGatehouse(['validate', fixture], { cwd });
    expect(run.code).toBe(1);
    const located = run.stdout
      .split('\n')
      .filter((line) => line.startsWith(fixture))
      .map((line) => /^(\S+?):(\d+):(\d+): [a-z ]+: .* \[([A-Z_]+)\]$/.exec(line)?.slice(1));
    expect(located).toContainEqual([
      `${fixture}/policies/duplicate-key.json`,
      '4',
      '51',
      'DUPLICATE_KEY',
    ]);
    expect(located).toContainEqual([
      `${fixture}/policies/read-reports.yaml`,
      '7',
      '15',
      'INVALID_EFFECT',
    ]);
    expect(located).toContainEqual([`${fixture}/users/alice.yaml`, '4', '1', 'UNKNOWN_FIELD']);
    expect(located).toContainEqual([
      `${fixture}/groups/analysts.yaml`,
      '2',
      '18',
      'UNKNOWN_REFERENCE',
    ]);
    expect(located).toHaveLength(18);
    expect(run.stdout).toContain('13 errors, 2 security warnings, 3 warnings in 9 files');
  });

  it('exits by the --fail-on threshold', async () => {
    expect((await runGatehouse(['validate', fixture, '--fail-on', 'none'], { cwd })).code).toBe(0);
    expect(
      (await runGatehouse(['validate', 'examples/repository', '--fail-on', 'suggestion'], { cwd }))
        .code,
    ).toBe(0);
  });

  it('writes SARIF 2.1.0 that the schema accepts, with every finding located', async () => {
    const run = await runGatehouse(['validate', fixture, '-o', 'sarif'], { cwd });
    expect(run.code).toBe(1);
    const log = JSON.parse(run.stdout) as {
      runs: {
        results: {
          ruleId: string;
          locations: {
            physicalLocation: {
              artifactLocation: { uri: string };
              region: { startLine: number; startColumn: number };
            };
          }[];
        }[];
      }[];
    };
    expect(sarifSchemaErrors(log)).toEqual([]);
    const results = log.runs[0]?.results ?? [];
    expect(results).toHaveLength(18);
    expect(
      results.map((r) => {
        const { artifactLocation, region } = r.locations[0]!.physicalLocation;
        return `${artifactLocation.uri}:${region.startLine}:${region.startColumn} ${r.ruleId}`;
      }),
    ).toContain(`${fixture}/roles/deployer.yaml:6:7 MISSING_PRINCIPAL`);
  });

  it('writes JSON with the counts per severity', async () => {
    const run = await runGatehouse(['validate', fixture, '-o', 'json'], { cwd });
    expect(JSON.parse(run.stdout)).toMatchObject({
      files: 9,
      failed: true,
      summary: { ERROR: 13, SECURITY_WARNING: 2, WARNING: 3, SUGGESTION: 0 },
    });
  });
});
