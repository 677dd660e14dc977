import { describe, expect, it } from '@jest/globals';
import { evaluate } from './evaluate.js';
import type { EvaluationInput } from './evaluationTypes.js';

const USER = 'arn:aws:iam::111122223333:user/alice';
const request = { principal: USER, action: 's3:GetObject', resource: 'arn:aws:s3:::b/k' };
const allowAll = {
  Version: '2012-10-17',
  Statement: [{ Sid: 'All', Effect: 'Allow', Action: '*', Resource: '*' }],
};

describe('evaluate', () => {
  it('denies implicitly without policies', () => {
    expect(evaluate({ request, identityPolicies: [] })).toEqual({
      decision: 'ImplicitlyDenied',
      matched: [],
    });
  });

  it('reports the deciding statements with policy name, index, sid and effect', () => {
    expect(
      evaluate({ request, identityPolicies: [{ name: 'admin', document: allowAll }] }),
    ).toEqual({
      decision: 'Allowed',
      matched: [{ policy: 'admin', statement: 0, sid: 'All', effect: 'Allow' }],
    });
  });

  it('accepts documents as text and as objects alike', () => {
    const text = JSON.stringify(allowAll);
    expect(evaluate({ request, identityPolicies: [{ name: 'p', document: text }] }).decision).toBe(
      'Allowed',
    );
  });

  it('never throws on inputs of the wrong shape', () => {
    const odd = [
      { request: null, identityPolicies: [] },
      { request: { principal: 1, action: {}, resource: [] }, identityPolicies: [] },
      {
        request: { ...request, context: 'x' },
        identityPolicies: [{ name: 'p', document: allowAll }],
      },
      { request, identityPolicies: undefined },
      { request, identityPolicies: [{ name: 'p', document: 5 }] },
    ] as unknown as EvaluationInput[];
    for (const input of odd) {
      expect(() => evaluate(input)).not.toThrow();
    }
  });

  it('lets policy entries of the wrong shape grant nothing', () => {
    const odd = [
      { request, identityPolicies: [null, 'x', { name: 'p' }] },
      { request, identityPolicies: {} },
      { request, identityPolicies: [{ name: 'p', document: allowAll }], guardrails: [null] },
      { request, identityPolicies: [{ name: 'p', document: allowAll }], permissionsBoundary: 'x' },
    ] as unknown as EvaluationInput[];
    for (const input of odd) {
      expect(evaluate(input).decision).toBe('ImplicitlyDenied');
    }
  });

  it('is not changed by the compile cache: the same input gives the same result', () => {
    const input = {
      request,
      identityPolicies: [{ name: 'p', document: JSON.stringify(allowAll) }],
    };
    expect(evaluate(input)).toEqual(evaluate(input));
  });
});
