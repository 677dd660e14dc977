import { describe, expect, it } from '@jest/globals';
import { parsePolicy, type ParseSuccess } from './parsePolicy.js';

function success(document: string | object): ParseSuccess {
  const result = parsePolicy(document);
  if (!result.ok) throw new Error(`unexpected failure: ${JSON.stringify(result.findings)}`);
  return result;
}

const text = `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "Read",
      "Effect": "Allow",
      "Action": ["s3:GetObject", "s3:ListBucket"],
      "Resource": "*",
      "Condition": {"NumericLessThan": {"s3:max-keys": 10}}
    }
  ]
}`;

describe('parsePolicy', () => {
  it('builds the tree with locations and JSON pointers', () => {
    const { policy } = success(text);
    const statement = policy.statement?.items[0];
    expect(policy.version).toMatchObject({ value: '2012-10-17', path: '/Version' });
    expect(policy.version?.loc).toMatchObject({ line: 2, column: 14 });
    expect(statement?.effect).toMatchObject({ value: 'Allow', path: '/Statement/0/Effect' });
    expect(statement?.effect?.loc).toMatchObject({ line: 6, column: 17 });
    expect(statement?.action?.items.map((i) => [i.value, i.path, i.loc.column])).toEqual([
      ['s3:GetObject', '/Statement/0/Action/0', 18],
      ['s3:ListBucket', '/Statement/0/Action/1', 34],
    ]);
    expect(statement?.resource).toMatchObject({ form: 'string', path: '/Statement/0/Resource' });
    const condition = statement?.condition?.operators[0]?.entries[0];
    expect(condition?.key).toMatchObject({ value: 's3:max-keys', loc: { line: 9, column: 41 } });
    expect(condition?.values.items).toMatchObject([{ type: 'number', text: '10' }]);
  });

  it('reads a single statement object at index 0 with pointer /Statement', () => {
    const { policy } = success({ Statement: { Effect: 'Deny', Action: '*', Resource: '*' } });
    expect(policy.statement?.form).toBe('object');
    expect(policy.statement?.items[0]).toMatchObject({ index: 0, path: '/Statement' });
  });

  it('renders object documents with two-space indentation and locates findings there', () => {
    const result = success({ Version: '2012-10-17', Statement: [] });
    expect(result.text).toBe('{\n  "Version": "2012-10-17",\n  "Statement": []\n}');
    expect(result.policy.version?.loc).toMatchObject({ line: 2, column: 14 });
  });

  it('reports the size IAM measures: characters without whitespace', () => {
    expect(success('{ "Statement" : [ ] }').size).toBe('{"Statement":[]}'.length);
  });

  it('leaves malformed elements out of the tree and names them', () => {
    const result = success({
      Version: 1,
      Statement: [{ Effect: 'Allow', Action: ['s3:GetObject', 5], Resource: { arn: 'x' } }, 'x'],
    });
    const statement = result.policy.statement?.items[0];
    expect(result.policy.malformed).toEqual(['Version', 'Statement']);
    expect(statement?.malformed).toEqual(['Action', 'Resource']);
    expect(statement?.action?.items.map((i) => i.value)).toEqual(['s3:GetObject']);
    expect(statement?.resource).toBeUndefined();
    expect(result.findings.map((f) => [f.code, f.path])).toEqual([
      ['INVALID_ELEMENT_TYPE', '/Version'],
      ['INVALID_ELEMENT_TYPE', '/Statement/0/Action/1'],
      ['INVALID_ELEMENT_TYPE', '/Statement/0/Resource'],
      ['INVALID_ELEMENT_TYPE', '/Statement/1'],
    ]);
  });

  it('keeps the last of duplicate keys, as JSON.parse does, and reports the repetition', () => {
    const result = success('{"Statement": {"Effect": "Allow", "Effect": "Deny"}}');
    expect(result.policy.statement?.items[0]?.effect?.value).toBe('Deny');
    expect(result.findings).toMatchObject([
      { code: 'DUPLICATE_KEY', path: '/Statement/Effect', line: 1, column: 35 },
    ]);
  });

  it('reports unknown elements with a suggestion', () => {
    expect(success({ Statment: [] }).findings).toMatchObject([
      { code: 'UNKNOWN_ELEMENT', path: '/Statment', help: 'did you mean `Statement`?' },
    ]);
  });

  it.each([
    ['a number', 42],
    ['null', null],
    ['an array', []],
    ['undefined', undefined],
  ])('returns a finding for %s instead of throwing', (_, input) => {
    const result = parsePolicy(input as unknown as object);
    expect(result.ok).toBe(false);
    expect(result.findings.map((f) => f.code)).toEqual(['DOCUMENT_NOT_OBJECT']);
  });

  it('returns a finding for an object that has no JSON form', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    const result = parsePolicy(cyclic);
    expect(result.ok).toBe(false);
    expect(result.findings.map((f) => f.code)).toEqual(['JSON_SYNTAX_ERROR']);
  });

  it('applies the input bounds', () => {
    expect(parsePolicy('{"Statement": []}', { maxLength: 5 }).findings[0]?.code).toBe(
      'DOCUMENT_TOO_LARGE',
    );
    expect(parsePolicy('{"a": [[]]}', { maxDepth: 2 }).findings[0]?.code).toBe('DOCUMENT_TOO_DEEP');
  });
});
