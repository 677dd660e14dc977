// The invalid rules files of test/rules-corpus/invalid: each names its first
// expected error in its first line (`# want: CODE line:column /pointer`).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { formatRuleFileError, parseApprovalRules } from '../src/index.js';

const dir = path.resolve(import.meta.dirname, 'rules-corpus/invalid');
const yamlCases = readdirSync(dir).filter((f) => f.endsWith('.yaml'));

describe('invalid rules files are rejected with their location', () => {
  it.each(yamlCases)('%s', (file) => {
    const text = readFileSync(path.join(dir, file), 'utf8');
    const want = /^# want: (\w+) (\d+):(\d+)(?: (\S+))?/.exec(text);
    expect(want).not.toBeNull();
    const [, code, line, column, pointer] = want!;
    const result = parseApprovalRules(text);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const first = result.errors[0]!;
    expect({ code: first.code, line: first.line, column: first.column }).toEqual({
      code,
      line: Number(line),
      column: Number(column),
    });
    if (pointer !== undefined) expect(first.path).toBe(pointer);
    expect(formatRuleFileError(file, first)).toMatch(new RegExp(`^${file}:${line}:${column}: `));
    // Messages follow the style guide: lowercase start, no trailing period.
    for (const error of result.errors) {
      expect(error.message).toMatch(/^[a-z`]/);
      expect(error.message).not.toMatch(/\.$/);
    }
  });

  it('a JSON file with an unknown field, with a suggestion', () => {
    const text = readFileSync(path.join(dir, 'json-unknown.json'), 'utf8');
    const result = parseApprovalRules(text, { format: 'json' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual([
      {
        code: 'UNKNOWN_FIELD',
        message: 'unknown field `requireMFA` in a rule',
        path: '/rules/0/requireMFA',
        line: 3,
        column: 58,
        help: 'did you mean `requireMfa`?',
      },
    ]);
  });

  it('a YAML syntax error, located', () => {
    const result = parseApprovalRules(
      'version: 1\nrules:\n  - name: r\n    reviewers: { anyone: 1\n',
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors[0]).toMatchObject({ code: 'SYNTAX_ERROR', line: 5, column: 1 });
  });

  it('reports every error, sorted by position', () => {
    const result = parseApprovalRules(
      'version: 1\nrules:\n  - name: A\n    reviewers: { anyone: 0 }\n    maxDuration: soon\n',
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => [e.code, e.line])).toEqual([
      ['INVALID_VALUE', 3],
      ['INVALID_VALUE', 4],
      ['INVALID_DURATION', 5],
    ]);
  });

  it('refuses a file over the size limit', () => {
    const result = parseApprovalRules(`version: 1\n# ${'x'.repeat(70_000)}\n`);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[0]?.code).toBe('TOO_LARGE');
  });
});
