import { describe, expect, it } from '@jest/globals';
import { compileEntry, missingKeyResult } from './compileCondition.js';
import { parseConditionOperator, type ConditionOperator } from './operators.js';
import { RequestContext, type RequestContextInput } from './requestContext.js';

function operator(name: string): ConditionOperator {
  const parsed = parseConditionOperator(name);
  if (!parsed.ok) throw new Error(`not an operator: ${name}`);
  return parsed.operator;
}

function holds(name: string, values: string[], context: RequestContextInput): boolean {
  const compiled = compileEntry(operator(name), 'k', values, true);
  if (compiled === undefined) throw new Error('did not compile');
  return compiled.test(new RequestContext(context));
}

describe('missing keys', () => {
  it.each([
    ['StringEquals', false],
    ['StringNotEquals', true],
    ['StringEqualsIfExists', true],
    ['StringNotEqualsIfExists', true],
    ['NumericLessThan', false],
    ['NotIpAddress', true],
    ['ArnNotLike', true],
    ['ForAllValues:StringEquals', true],
    ['ForAllValues:StringNotEquals', true],
    ['ForAnyValue:StringEquals', false],
    ['ForAnyValue:StringNotEquals', false],
    ['ForAnyValue:StringEqualsIfExists', true],
  ])('%s holds: %j', (name, expected) => {
    const value = name.includes('Ip')
      ? '10.0.0.0/8'
      : name.includes('Arn')
        ? 'arn:aws:s3:::b'
        : '1';
    expect(missingKeyResult(operator(name))).toBe(expected);
    expect(holds(name, [value], {})).toBe(expected);
  });
});

describe('value-by-value combination', () => {
  const request = { k: ['a', 'b'] };
  it.each([
    ['StringEquals', ['a'], true],
    ['StringEquals', ['c'], false],
    ['StringNotEquals', ['a'], false],
    ['StringNotEquals', ['c'], true],
    ['ForAllValues:StringEquals', ['a'], false],
    ['ForAllValues:StringEquals', ['a', 'b'], true],
    ['ForAllValues:StringNotEquals', ['c'], true],
    ['ForAllValues:StringNotEquals', ['a'], false],
    ['ForAnyValue:StringEquals', ['b'], true],
    ['ForAnyValue:StringEquals', ['c'], false],
    ['ForAnyValue:StringNotEquals', ['a'], true],
    ['ForAnyValue:StringNotEquals', ['a', 'b'], false],
  ])('%s %j against [a, b]: %j', (name, values, expected) => {
    expect(holds(name, values, request)).toBe(expected);
  });
});

describe('compileEntry', () => {
  it.each([
    ['NumericEquals', ['ten']],
    ['DateLessThan', ['soon']],
    ['Bool', ['yes']],
    ['BinaryEquals', ['!']],
    ['IpAddress', ['1.2.3.4/40']],
    ['ArnLike', ['topic']],
    ['Null', ['maybe']],
    ['StringEquals', []],
  ])('refuses %s with %j', (name, values) => {
    expect(compileEntry(operator(name), 'k', values, true)).toBeUndefined();
  });

  it('resolves variables per request, not once', () => {
    const compiled = compileEntry(operator('StringEquals'), 'k', ['${aws:username}'], true);
    expect(compiled?.test(new RequestContext({ k: 'alice', 'aws:username': 'alice' }))).toBe(true);
    expect(compiled?.test(new RequestContext({ k: 'alice', 'aws:username': 'bob' }))).toBe(false);
    expect(compiled?.test(new RequestContext({ k: 'bob', 'aws:username': 'bob' }))).toBe(true);
  });

  it('does not substitute variables when they are disabled (old Version)', () => {
    const compiled = compileEntry(operator('StringEquals'), 'k', ['${aws:username}'], false);
    expect(compiled?.test(new RequestContext({ k: '${aws:username}', 'aws:username': 'x' }))).toBe(
      true,
    );
  });

  it('evaluates Null on presence only', () => {
    const compiled = compileEntry(operator('Null'), 'k', ['false'], true);
    expect(compiled?.test(new RequestContext({ k: '' }))).toBe(true);
    expect(compiled?.test(new RequestContext({}))).toBe(false);
  });
});
