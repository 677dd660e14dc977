import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import type { JsonNode } from './jsonAst.js';
import { parseJson, type JsonParseResult } from './parseJson.js';

const limits = { maxLength: 10_000, maxDepth: 32 };

function value(node: JsonNode): unknown {
  switch (node.kind) {
    case 'object':
      return Object.fromEntries(node.members.map((m) => [m.key, value(m.value)]));
    case 'array':
      return node.items.map(value);
    case 'string':
      return node.value;
    case 'number':
      return Number(node.text);
    case 'boolean':
      return node.value;
    case 'null':
      return null;
  }
}

function parsed(text: string): JsonNode {
  const result = parseJson(text, limits);
  if (!result.ok) throw new Error(`unexpected failure: ${result.failure.message}`);
  return result.value;
}

function failure(result: JsonParseResult): { kind: string; offset: number; message: string } {
  if (result.ok) throw new Error('expected a failure');
  return result.failure;
}

describe('parseJson', () => {
  it('keeps the offset of every value and key', () => {
    const root = parsed('{ "a": [1, "x"] }');
    expect(root).toMatchObject({ kind: 'object', offset: 0 });
    if (root.kind !== 'object') throw new Error('object expected');
    const member = root.members[0];
    expect(member).toMatchObject({ key: 'a', keyOffset: 2 });
    expect(member?.value).toMatchObject({ kind: 'array', offset: 7 });
    if (member?.value.kind !== 'array') throw new Error('array expected');
    expect(member.value.items.map((item) => item.offset)).toEqual([8, 11]);
  });

  it('keeps numbers as their source text', () => {
    expect(parsed('1.50')).toEqual({ kind: 'number', offset: 0, text: '1.50' });
    expect(parsed('-0e+10')).toEqual({ kind: 'number', offset: 0, text: '-0e+10' });
  });

  it('keeps duplicate keys, which JSON allows and IAM rejects', () => {
    const root = parsed('{"a": 1, "a": 2}');
    expect(root.kind === 'object' && root.members.map((m) => m.key)).toEqual(['a', 'a']);
  });

  it('decodes escapes', () => {
    expect(parsed(String.raw`"\"\\\/\b\f\n\r\t\u00e9"`)).toMatchObject({
      value: '"\\/\b\f\n\r\té',
    });
  });

  it.each([
    ['01', 'invalid number `01`'],
    ['1.', 'invalid number `1.`'],
    ['-', 'invalid number `-`'],
    ['.5', 'unexpected `.`, expected a value'],
    ['tru', 'unexpected `tru`, expected a value'],
    ['"a\\x"', 'invalid escape `\\x` in a string'],
    ['"\\u12"', 'invalid `\\u` escape in a string'],
    ['"a\nb"', 'a control character in a string must be escaped'],
    ['"abc', 'unterminated string'],
    ['{"a" 1}', 'unexpected `1`, expected `:`'],
    ['{"a": 1 "b": 2}', 'unexpected `"`, expected `,` or `}`'],
    ['[1 2]', 'unexpected `2`, expected `,` or `]`'],
    ['{1: 2}', 'unexpected `1`, expected a string key'],
    ['', 'the document is empty'],
    ['{} {}', 'unexpected `{` after the end of the document'],
  ])('rejects %j with %j', (text, message) => {
    const result = failure(parseJson(text, limits));
    expect(result.kind).toBe('syntax');
    expect(result.message).toBe(message);
  });

  it('points a syntax error at the offending character', () => {
    expect(failure(parseJson('[1,, 2]', limits)).offset).toBe(3);
  });

  it('bounds nesting depth', () => {
    expect(parseJson('['.repeat(32) + ']'.repeat(32), limits).ok).toBe(true);
    const tooDeep = failure(parseJson('['.repeat(33) + ']'.repeat(33), limits));
    expect(tooDeep.kind).toBe('too-deep');
    expect(tooDeep.offset).toBe(32);
  });

  it('bounds the length before reading anything', () => {
    expect(failure(parseJson(' '.repeat(101), { maxLength: 100, maxDepth: 4 })).kind).toBe(
      'too-large',
    );
  });

  it('measures size without whitespace between tokens but with whitespace in strings', () => {
    const result = parseJson('{ "a b" :\n\t[ 1 , 2 ] }', limits);
    expect(result.ok && result.significantLength).toBe('{"a b":[1,2]}'.length);
  });

  it('skips a byte-order mark', () => {
    expect(parsed('\uFEFF{}')).toMatchObject({ kind: 'object', offset: 1 });
  });

  it('agrees with JSON.parse on any JSON text', () => {
    fc.assert(
      fc.property(fc.json({ depthSize: 'small' }), (text) => {
        expect(value(parsed(text))).toEqual(JSON.parse(text));
      }),
      { numRuns: 300 },
    );
  });

  it('rejects what JSON.parse rejects', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 20 }), (text) => {
        let valid = true;
        try {
          JSON.parse(text);
        } catch {
          valid = false;
        }
        // JSON.parse accepts a leading BOM-free text only; both must agree otherwise.
        fc.pre(!text.startsWith('\uFEFF'));
        expect(parseJson(text, limits).ok).toBe(valid);
      }),
      { numRuns: 500 },
    );
  });
});
