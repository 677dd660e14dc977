// SARIF output: valid against the SARIF 2.1.0 schema, one rule per code with its level, one
// result per finding at its file, line and column.
import { describe, expect, it } from '@jest/globals';
import path from 'node:path';
import { loadRepository, toSarif, type RepositoryFinding } from '../src/index.js';
import { sarifSchemaErrors } from './support/sarifSchema.js';

const packageRoot = path.resolve(import.meta.dirname, '..');

describe('toSarif', () => {
  it('writes the fixture findings as a SARIF 2.1.0 log that the schema accepts', async () => {
    const { findings } = await loadRepository('test/fixtures/findings-repo', { cwd: packageRoot });
    const log = toSarif(findings, { toolVersion: '1.2.3' });
    expect(sarifSchemaErrors(log)).toEqual([]);
    // The schema check can fail: a wrong version or a line 0 is refused.
    expect(sarifSchemaErrors({ ...log, version: '2.0.0' })).not.toEqual([]);
    const lineZero = JSON.parse(
      JSON.stringify(log).replace('"startLine":4', '"startLine":0'),
    ) as unknown;
    expect(sarifSchemaErrors(lineZero)).not.toEqual([]);
    const run = log.runs[0]!;
    expect(run.tool.driver).toMatchObject({ name: 'gatehouse', version: '1.2.3' });
    expect(run.results).toHaveLength(findings.length);
    const duplicate = run.results.find((r) => r.ruleId === 'DUPLICATE_KEY');
    expect(duplicate).toMatchObject({
      level: 'error',
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: 'test/fixtures/findings-repo/policies/duplicate-key.json' },
            region: { startLine: 4, startColumn: 51 },
          },
        },
      ],
    });
    // Every result points at its rule.
    for (const result of run.results) {
      expect(run.tool.driver.rules[result.ruleIndex]?.id).toBe(result.ruleId);
    }
  });

  it('maps severities to levels and tags security findings for code scanning', () => {
    const finding = (code: string, severity: RepositoryFinding['severity']): RepositoryFinding => ({
      severity,
      code: code as RepositoryFinding['code'],
      source: 'policy',
      message: `a ${code}`,
      file: 'policies/p.json',
      line: 1,
      column: 1,
      pointer: '/Statement/0',
    });
    const log = toSarif(
      [
        finding('INVALID_EFFECT', 'ERROR'),
        finding('PASS_ROLE_WITH_STAR_RESOURCE', 'SECURITY_WARNING'),
        finding('UNKNOWN_SERVICE_PREFIX', 'WARNING'),
        finding('REDUNDANT_ACTION', 'SUGGESTION'),
      ],
      { toolVersion: '0.0.0' },
    );
    expect(sarifSchemaErrors(log)).toEqual([]);
    expect(log.runs[0]!.results.map((r) => r.level)).toEqual([
      'error',
      'warning',
      'warning',
      'note',
    ]);
    const passRole = log.runs[0]!.tool.driver.rules.find(
      (r) => r.id === 'PASS_ROLE_WITH_STAR_RESOURCE',
    );
    expect(passRole).toMatchObject({
      properties: { tags: ['security', 'policy'], 'security-severity': '7.0' },
    });
  });

  it('keeps a finding’s fingerprint when its line moves, and changes it for another element', () => {
    const base: RepositoryFinding = {
      severity: 'ERROR',
      code: 'INVALID_ARN',
      source: 'policy',
      message: 'm',
      file: 'groups/g.yaml',
      line: 3,
      column: 5,
      pointer: '/inlinePolicies/P/Statement/0/Resource',
    };
    const fingerprint = (f: RepositoryFinding) =>
      toSarif([f], { toolVersion: '0' }).runs[0]!.results[0]!.partialFingerprints[
        'gatehouseFinding/v1'
      ];
    expect(fingerprint({ ...base, line: 9 })).toBe(fingerprint(base));
    expect(fingerprint({ ...base, pointer: '/inlinePolicies/Q/Statement/0/Resource' })).not.toBe(
      fingerprint(base),
    );
  });
});
