// Reading a repository: every finding of the schema, of IAM's rules, of references and of
// @gatehouse/policy, located at the exact line and column of the fixture's files (each position
// below was counted by hand in the fixture).
import { afterEach, describe, expect, it } from '@jest/globals';
import { mkdtemp, rm, writeFile, cp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadRepository } from '../src/index.js';

const packageRoot = path.resolve(import.meta.dirname, '..');
const fixture = 'test/fixtures/findings-repo';

describe('loadRepository', () => {
  it('locates every finding of the fixture repository by file, line and column', async () => {
    const { findings, files } = await loadRepository(fixture, { cwd: packageRoot });
    expect(files).toHaveLength(9);
    expect(
      findings.map((f) => [f.file.slice(fixture.length + 1), f.line, f.column, f.code, f.severity]),
    ).toEqual([
      // `Action: '*'` includes iam:PassRole on `Resource: '*'` (the value, column 15).
      [
        'boundaries/developer-boundary.yaml',
        5,
        15,
        'PASS_ROLE_WITH_STAR_RESOURCE',
        'SECURITY_WARNING',
      ],
      ['boundaries/developer-boundary.yaml', 6, 16, 'PRINCIPAL_NOT_ALLOWED', 'ERROR'],
      ['groups/README.md', 1, 1, 'UNEXPECTED_FILE', 'WARNING'],
      // `members: [alice, bob]`: `bob` at column 18.
      ['groups/analysts.yaml', 2, 18, 'UNKNOWN_REFERENCE', 'ERROR'],
      ['groups/analysts.yaml', 4, 5, 'UNKNOWN_REFERENCE', 'ERROR'],
      ['groups/analysts.yaml', 10, 17, 'UNKNOWN_SERVICE_PREFIX', 'WARNING'],
      ['groups/analysts.yaml', 11, 19, 'INVALID_ARN', 'ERROR'],
      // The second `"Action"` key on line 4 of a bare JSON document.
      ['policies/duplicate-key.json', 4, 51, 'DUPLICATE_KEY', 'ERROR'],
      ['policies/pass-any-role.json', 7, 19, 'PASS_ROLE_WITH_STAR_RESOURCE', 'SECURITY_WARNING'],
      ['policies/read-reports.yaml', 7, 15, 'INVALID_EFFECT', 'ERROR'],
      ['policies/read-reports.yaml', 9, 11, 'UNKNOWN_SERVICE_PREFIX', 'WARNING'],
      ['policies/read-reports.yaml', 11, 7, 'MISSING_ACTION', 'ERROR'],
      ['policies/read-reports.yaml', 12, 7, 'UNKNOWN_ELEMENT', 'ERROR'],
      ['roles/deployer.yaml', 2, 21, 'INVALID_VALUE', 'ERROR'],
      ['roles/deployer.yaml', 6, 7, 'MISSING_PRINCIPAL', 'ERROR'],
      ['users/alice.yaml', 4, 1, 'UNKNOWN_FIELD', 'ERROR'],
      ['users/carol.yaml', 1, 7, 'NAME_MISMATCH', 'ERROR'],
      ['users/carol.yaml', 2, 7, 'INVALID_PATH', 'ERROR'],
    ]);
  });

  it('says what is wrong and suggests the close name', async () => {
    const { findings } = await loadRepository(fixture, { cwd: packageRoot });
    const byCode = (code: string, file: string) =>
      findings.find((f) => f.code === code && f.file.endsWith(file));
    expect(byCode('UNKNOWN_FIELD', 'alice.yaml')).toMatchObject({
      message: 'unknown field `grups`',
      help: 'did you mean `groups`?',
      source: 'repository',
      pointer: '/grups',
    });
    expect(byCode('UNKNOWN_REFERENCE', 'analysts.yaml')?.message).toBe('no user `bob` in `users/`');
    expect(byCode('INVALID_EFFECT', 'read-reports.yaml')).toMatchObject({
      source: 'policy',
      help: 'did you mean `Allow`?',
      pointer: '/document/Statement/0/Effect',
    });
  });

  it('reads the example repository into its model without findings', async () => {
    const { model, findings } = await loadRepository('examples/repository', { cwd: packageRoot });
    expect(findings).toEqual([]);
    expect(model.config).toMatchObject({ account: '314159265358', ignore: ['user/break-glass-*'] });
    expect(model.users.map((u) => u.name)).toEqual(['alice', 'bob']);
    expect(model.users[0]).toMatchObject({
      path: '/eng/',
      permissionsBoundary: 'developer-boundary',
    });
    expect(model.roles[0]).toMatchObject({ name: 'deployer', maxSessionDuration: 7200 });
    expect(model.policies.map((p) => [p.name, p.usage])).toEqual([
      ['read-iam', 'policy'],
      ['developer-boundary', 'boundary'],
    ]);
    expect(model.approvalRules?.file).toBe('approval-rules.yaml');
    expect(model.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  describe('on a scratch copy', () => {
    let dir: string;
    const scratch = async (files: Record<string, string>) => {
      dir = await mkdtemp(path.join(os.tmpdir(), 'gatehouse-repo-'));
      await cp(path.join(packageRoot, 'examples/repository'), dir, { recursive: true });
      for (const [name, text] of Object.entries(files)) await writeFile(path.join(dir, name), text);
      return dir;
    };
    afterEach(async () => rm(dir, { recursive: true, force: true }));

    it('reports the approval rules with @gatehouse/workflow’s located errors', async () => {
      const root = await scratch({
        'approval-rules.yaml':
          'version: 1\nrules:\n  - name: Bad Name\n    reviewrs: { anyone: 1 }\n',
      });
      const { findings, model } = await loadRepository(root, { cwd: root });
      expect(model.approvalRules).toBeUndefined();
      expect(findings.map((f) => [f.file, f.line, f.column, f.code, f.source])).toEqual([
        ['approval-rules.yaml', 3, 11, 'INVALID_VALUE', 'approval-rules'],
        ['approval-rules.yaml', 4, 5, 'UNKNOWN_FIELD', 'approval-rules'],
      ]);
    });

    it('locates YAML syntax errors and refuses a .json file that is only YAML', async () => {
      const root = await scratch({
        'users/alice.yaml': 'path: /eng/\ntags: [unclosed\n',
        'groups/readers.json': "{ 'members': ['alice'] }",
      });
      const { findings } = await loadRepository(root, { cwd: root });
      const syntax = findings.filter((f) => f.code === 'SYNTAX_ERROR');
      expect(syntax.map((f) => f.file).sort()).toEqual(['groups/readers.json', 'users/alice.yaml']);
      expect(syntax.find((f) => f.file === 'groups/readers.json')?.message).toMatch(
        /^not valid JSON/,
      );
    });

    it('refuses a path that is not a directory with a usage error', async () => {
      await expect(
        loadRepository('examples/repository/gatehouse.yaml', { cwd: packageRoot }),
      ).rejects.toMatchObject({
        code: 'USAGE',
      });
    });
  });
});
