import { describe, expect, it } from '@jest/globals';
import { compileDocument } from './compiledPolicy.js';

const policy = (...statements: object[]) => ({ Version: '2012-10-17', Statement: statements });

describe('compileDocument', () => {
  it('grants when every statement is understood', () => {
    expect(compileDocument(policy({ Effect: 'Allow', Action: 's3:*', Resource: '*' })).grants).toBe(
      true,
    );
  });

  it.each([
    ['an unknown effect', { Effect: 'Permit', Action: 's3:*', Resource: '*' }],
    [
      'both Action and NotAction',
      { Effect: 'Allow', Action: 's3:*', NotAction: 'iam:*', Resource: '*' },
    ],
    ['no Action', { Effect: 'Allow', Resource: '*' }],
    ['an unknown element', { Effect: 'Allow', Action: 's3:*', Resource: '*', Conditions: {} }],
    [
      'an unknown operator',
      { Effect: 'Allow', Action: 's3:*', Resource: '*', Condition: { Foo: { k: 'v' } } },
    ],
    [
      'an ill-typed value',
      { Effect: 'Allow', Action: 's3:*', Resource: '*', Condition: { DateLessThan: { k: 'v' } } },
    ],
    ['an empty Resource', { Effect: 'Allow', Action: 's3:*', Resource: [] }],
    [
      'an unknown principal type',
      { Effect: 'Allow', Principal: { User: 'x' }, Action: 's3:*', Resource: '*' },
    ],
  ])('does not grant with %s', (_, statement) => {
    expect(compileDocument(policy(statement)).grants).toBe(false);
  });

  it('does not grant with an unknown Version', () => {
    const document = {
      Version: '2013-01-01',
      Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
    };
    expect(compileDocument(document).grants).toBe(false);
  });

  it('indexes statements by action, case-insensitively', () => {
    const compiled = compileDocument(
      policy(
        { Effect: 'Allow', Action: 's3:Get*', Resource: '*' },
        { Effect: 'Deny', NotAction: 's3:*', Resource: '*' },
        { Effect: 'Allow', Action: ['sqs:SendMessage', 's3:GetObject'], Resource: '*' },
      ),
    );
    expect(compiled.statementsFor('s3:getobject').map((s) => s.index)).toEqual([0, 2]);
    expect(compiled.statementsFor('ec2:runinstances').map((s) => s.index)).toEqual([1]);
    expect(compiled.statementsFor('s3:getobject')).toBe(compiled.statementsFor('s3:getobject'));
  });

  it('keeps only Deny statements as candidates of a policy that does not grant', () => {
    const compiled = compileDocument(
      policy(
        { Effect: 'Allow', Action: 's3:*', Resource: '*' },
        { Effect: 'Deny', Action: 's3:*', Resource: '*', Condition: { Nope: {} } },
      ),
    );
    expect(compiled.statementsFor('s3:getobject').map((s) => s.effect)).toEqual(['Deny']);
  });
});
