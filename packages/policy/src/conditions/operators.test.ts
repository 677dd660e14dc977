import { describe, expect, it } from '@jest/globals';
import { parseConditionOperator } from './operators.js';

describe('parseConditionOperator', () => {
  it('reads qualifier, base and IfExists', () => {
    const parsed = parseConditionOperator('ForAnyValue:StringNotLikeIfExists');
    expect(parsed).toEqual({
      ok: true,
      operator: {
        name: 'ForAnyValue:StringNotLikeIfExists',
        base: 'StringNotLike',
        family: 'String',
        comparison: 'like',
        negated: true,
        ifExists: true,
        qualifier: 'ForAnyValue',
      },
    });
  });

  it('knows that ArnEquals behaves as ArnLike', () => {
    const equals = parseConditionOperator('ArnEquals');
    expect(equals.ok && equals.operator.comparison).toBe('like');
  });

  it.each([
    ['StringEqualz', 'unknown', 'did you mean `StringEquals`?'],
    ['stringequals', 'unknown', 'did you mean `StringEquals`?'],
    ['ForAllValue:StringEquals', 'unknown', 'did you mean `ForAllValues:StringEquals`?'],
    [
      'NullIfExists',
      'if-exists-on-null',
      '`Null` already tests whether the key exists; use `Null` alone',
    ],
    ['ForAllValues:Null', 'qualifier-on-null', 'use `Null` alone'],
  ])('rejects %j as %s', (name, reason, help) => {
    const parsed = parseConditionOperator(name);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.problem).toMatchObject({ reason, help });
  });

  it('does not accept inherited object keys as operators', () => {
    expect(parseConditionOperator('toString').ok).toBe(false);
    expect(parseConditionOperator('__proto__').ok).toBe(false);
  });
});
