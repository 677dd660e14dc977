import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { evaluate } from '../evaluate/evaluate.js';
import type { Finding } from '../finding.js';
import { validatePolicy } from '../validate/validatePolicy.js';
import { POLICY_KINDS } from './policyKind.js';
import { parsePolicy } from './parsePolicy.js';

const RUNS = { numRuns: 300 };
const USER = 'arn:aws:iam::111122223333:user/alice';
const request = {
  principal: USER,
  action: 's3:GetObject',
  resource: 'arn:aws:s3:::b/k',
  context: { 'aws:username': 'alice' },
};

const valid = JSON.stringify(
  {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'Read',
        Effect: 'Allow',
        Principal: { AWS: ['111122223333'] },
        Action: ['s3:GetObject', 's3:List*'],
        Resource: 'arn:aws:s3:::b/${aws:username}/*',
        Condition: {
          IpAddress: { 'aws:SourceIp': '10.0.0.0/8' },
          'ForAnyValue:StringLike': { k: ['a*'] },
        },
      },
    ],
  },
  null,
  2,
);

/** Everything a caller can see must work on any input: parse, validate in every kind, evaluate. */
function exercise(document: string | object): Finding[] {
  const parsed = parsePolicy(document);
  expect(Array.isArray(parsed.findings)).toBe(true);
  let all: Finding[] = [];
  for (const kind of POLICY_KINDS) {
    const findings = validatePolicy(document, { kind });
    expect(findings.every((f) => f.code !== 'INTERNAL_ERROR')).toBe(true);
    all = findings;
  }
  const policy = { name: 'fuzz', document };
  const decision = evaluate({
    request,
    identityPolicies: [policy],
    resourcePolicy: policy,
    permissionsBoundary: policy,
    sessionPolicy: policy,
    guardrails: [policy],
  });
  expect(['Allowed', 'ExplicitlyDenied', 'ImplicitlyDenied']).toContain(decision.decision);
  return all;
}

/** Random edits of a text: deletions, insertions and replacements at random places. */
const mutated = fc
  .array(
    fc.record({ at: fc.nat(), remove: fc.nat({ max: 4 }), insert: fc.string({ maxLength: 4 }) }),
    { minLength: 1, maxLength: 6 },
  )
  .map((edits) =>
    edits.reduce((text, edit) => {
      const at = edit.at % (text.length + 1);
      return text.slice(0, at) + edit.insert + text.slice(at + edit.remove);
    }, valid),
  );

const elementValue = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom('*', 'Allow', 'Deny', 's3:*'),
);
const policyShaped = fc.record(
  {
    Version: fc.oneof(fc.constant('2012-10-17'), elementValue),
    Statement: fc.oneof(
      elementValue,
      fc.array(
        fc.dictionary(
          fc.constantFrom(
            'Sid',
            'Effect',
            'Action',
            'NotAction',
            'Resource',
            'NotResource',
            'Principal',
            'NotPrincipal',
            'Condition',
            'Other',
          ),
          elementValue,
        ),
        { maxLength: 3 },
      ),
    ),
  },
  { requiredKeys: [] },
);

describe('fuzzing the parser, validator and evaluator', () => {
  it('never throws on arbitrary strings', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => {
        exercise(text);
      }),
      RUNS,
    );
  });

  it('never throws on arbitrary JSON text', () => {
    fc.assert(
      fc.property(fc.json({ maxDepth: 5 }), (text) => {
        exercise(text);
      }),
      RUNS,
    );
  });

  it('never throws on arbitrary JSON values given as objects', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 5 }), (value) => {
        exercise(value as object);
      }),
      RUNS,
    );
  });

  it('never throws on policy-shaped documents with arbitrary element values', () => {
    fc.assert(
      fc.property(policyShaped, (document) => {
        exercise(document);
      }),
      RUNS,
    );
  });

  it('never throws on randomly edited policy text', () => {
    fc.assert(
      fc.property(mutated, (text) => {
        exercise(text);
      }),
      RUNS,
    );
  });

  it('a policy that does not parse never grants', () => {
    fc.assert(
      fc.property(mutated, (text) => {
        fc.pre(!parsePolicy(text).ok);
        const result = evaluate({
          request,
          identityPolicies: [{ name: 'broken', document: text }],
        });
        expect(result.decision).toBe('ImplicitlyDenied');
      }),
      RUNS,
    );
  });

  it('survives deep nesting and long input with findings', () => {
    const deep = `{"Statement": ${'['.repeat(10_000)}${']'.repeat(10_000)}}`;
    expect(exercise(deep).map((f) => f.code)).toEqual(['DOCUMENT_TOO_DEEP']);
    const long = `{"Id": "${'x'.repeat(200_000)}"}`;
    expect(exercise(long).map((f) => f.code)).toEqual(['DOCUMENT_TOO_LARGE']);
    let nested: unknown = 'leaf';
    for (let i = 0; i < 5_000; i++) nested = [nested];
    expect(exercise({ Statement: nested }).map((f) => f.code)).toEqual(['DOCUMENT_TOO_DEEP']);
  });
});
