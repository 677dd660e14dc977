import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { parsePolicy } from './parsePolicy.js';
import type { PolicyAst } from './policyAst.js';
import { printPolicy } from './printPolicy.js';
import { stripLocations } from './stripLocations.js';

function parse(document: string | object): PolicyAst {
  const result = parsePolicy(document);
  if (!result.ok) throw new Error(`unexpected failure: ${JSON.stringify(result.findings)}`);
  return result.policy;
}

describe('printPolicy', () => {
  it('prints elements in canonical order with two-space indentation', () => {
    const text = printPolicy(
      parse(
        '{"Statement": {"Resource": "*", "Action": "s3:*", "Effect": "Allow"}, "Version": "2012-10-17"}',
      ),
    );
    expect(text).toBe(
      [
        '{',
        '  "Version": "2012-10-17",',
        '  "Statement": {',
        '    "Effect": "Allow",',
        '    "Action": "s3:*",',
        '    "Resource": "*"',
        '  }',
        '}',
      ].join('\n'),
    );
  });

  it('keeps string and array forms and the JSON types of condition values', () => {
    const document = {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { AWS: ['111122223333'], Service: 'ec2.amazonaws.com' },
          Action: ['s3:GetObject'],
          Resource: 'arn:aws:s3:::b/*',
          Condition: {
            NumericLessThan: { 's3:max-keys': 1.5 },
            Bool: { 'aws:SecureTransport': [true] },
            StringEquals: { 'aws:username': 'alice' },
          },
        },
      ],
    };
    expect(JSON.parse(printPolicy(parse(document)))).toEqual(document);
  });

  it('prints numbers exactly as written', () => {
    const text = '{"Statement": {"Condition": {"NumericEquals": {"n": 1.50}}}}';
    expect(printPolicy(parse(text))).toContain('"n": 1.50');
  });

  it('round-trips: parsing the printed tree gives the same tree', () => {
    const word = fc.stringMatching(/^[A-Za-z0-9:*?/${}' .-]{0,12}$/);
    const list = fc.oneof(word, fc.array(word, { maxLength: 3 }));
    const scalar = fc.oneof(
      word,
      fc.integer(),
      fc.boolean(),
      fc.double({ noNaN: true, noDefaultInfinity: true }),
    );
    const principal = fc.oneof(
      fc.constant('*'),
      fc.dictionary(fc.constantFrom('AWS', 'Service', 'Federated'), list, { minKeys: 1 }),
    );
    const condition = fc.dictionary(
      fc.constantFrom('StringEquals', 'StringLike', 'NumericLessThan', 'Bool', 'Null'),
      fc.dictionary(word, fc.oneof(scalar, fc.array(scalar, { maxLength: 3 }))),
    );
    const statement = fc.record(
      {
        Sid: word,
        Effect: fc.constantFrom('Allow', 'Deny'),
        Principal: principal,
        NotPrincipal: principal,
        Action: list,
        NotAction: list,
        Resource: list,
        NotResource: list,
        Condition: condition,
      },
      { requiredKeys: [] },
    );
    const policy = fc.record(
      {
        Version: fc.constantFrom('2012-10-17', '2008-10-17'),
        Id: word,
        Statement: fc.oneof(statement, fc.array(statement, { maxLength: 4 })),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(policy, (document) => {
        const tree = parse(document);
        expect(stripLocations(parse(printPolicy(tree)))).toEqual(stripLocations(tree));
      }),
      { numRuns: 300 },
    );
  });
});
