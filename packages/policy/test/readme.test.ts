import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { FINDING_SEVERITY, type FindingCode } from '../src/index.js';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

describe('README', () => {
  it('documents every finding code with its severity', () => {
    const rows = new Map<string, string>();
    for (const match of readme.matchAll(/^\| `([A-Z_]+)`\s*\| ([A-Z_]+)\s*\|/gm)) {
      rows.set(match[1] ?? '', match[2] ?? '');
    }
    const expected = Object.entries(FINDING_SEVERITY) as [FindingCode, string][];
    expect(expected.filter(([code, severity]) => rows.get(code) !== severity)).toEqual([]);
    expect([...rows.keys()].filter((code) => !(code in FINDING_SEVERITY))).toEqual([]);
  });
});
