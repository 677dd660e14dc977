import { describe, expect, it } from '@jest/globals';
import { GATEHOUSE_CATALOGUE } from '../../catalogue/gatehouseServices.js';
import { FINDING_SEVERITY, type FindingCode } from '../../finding.js';
import { PARSER_CODES, runRule, type HarnessOptions } from '../testing/fixtures/ruleHarness.js';
import { VALIDATION_RULES } from './index.js';

type Case = readonly [note: string, document: object, expected: string[], options?: HarnessOptions];

const V = '2012-10-17';
const s = (extra: object = {}) => ({
  Effect: 'Allow',
  Action: 's3:GetObject',
  Resource: 'arn:aws:s3:::b/*',
  ...extra,
});
const p = (...statements: object[]) => ({ Version: V, Statement: statements });
const r = (extra: object = {}) => s({ Principal: { AWS: '111122223333' }, ...extra });

/** Per rule: documents, and exactly what that rule alone reports on them. */
const CASES: Record<string, Case[]> = {
  'size-limit': [
    ['under the limit', p(s()), []],
    ['over an explicit limit', p(s()), ['POLICY_SIZE_EXCEEDED '], { sizeLimit: 20 }],
    [
      'resource policies have no default limit',
      p(r({ Resource: Array(400).fill('arn:aws:s3:::b/*') })),
      [],
      { kind: 'resource' },
    ],
  ],
  version: [
    ['current', p(s()), []],
    ['missing', { Statement: [s()] }, ['MISSING_VERSION ']],
    ['old', { Version: '2008-10-17', Statement: [s()] }, ['OLD_VERSION /Version']],
    ['invalid', { Version: '2012', Statement: [s()] }, ['INVALID_VERSION /Version']],
    ['malformed is not also missing', { Version: 7, Statement: [s()] }, []],
  ],
  statement: [
    ['present', p(s()), []],
    ['missing', { Version: V }, ['MISSING_STATEMENT ']],
    ['empty', { Version: V, Statement: [] }, ['EMPTY_ELEMENT /Statement']],
    ['only malformed entries is not also empty', { Version: V, Statement: [1] }, []],
  ],
  sid: [
    ['alphanumeric', p(s({ Sid: 'Read1' })), []],
    [
      'with a dash in an identity policy',
      p(s({ Sid: 'read-1' })),
      ['INVALID_SID /Statement/0/Sid'],
    ],
    ['with a dash in a resource policy', p(r({ Sid: 'read-1' })), [], { kind: 'resource' }],
    [
      'repeated',
      p(s({ Sid: 'A' }), s({ Sid: 'B' }), s({ Sid: 'A' })),
      ['DUPLICATE_SID /Statement/2/Sid'],
    ],
  ],
  effect: [
    ['Allow', p(s()), []],
    ['missing', p({ Action: '*', Resource: '*' }), ['MISSING_EFFECT /Statement/0']],
    ['invalid', p(s({ Effect: 'allow' })), ['INVALID_EFFECT /Statement/0/Effect']],
  ],
  'action-element': [
    ['Action', p(s()), []],
    ['neither', p({ Effect: 'Allow', Resource: '*' }), ['MISSING_ACTION /Statement/0']],
    ['both', p(s({ NotAction: 'iam:*' })), ['ACTION_AND_NOT_ACTION /Statement/0/NotAction']],
    [
      'empty NotAction',
      p({ Effect: 'Deny', NotAction: [], Resource: '*' }),
      ['EMPTY_ELEMENT /Statement/0/NotAction'],
    ],
  ],
  'action-name': [
    ['valid forms', p(s({ Action: ['*', 's3:*', 'execute-api:Invoke', 'iam:*AccessKey?'] })), []],
    ['no prefix', p(s({ Action: 'GetObject' })), ['INVALID_ACTION /Statement/0/Action']],
    ['space', p(s({ Action: ['s3:Get Object'] })), ['INVALID_ACTION /Statement/0/Action/0']],
  ],
  'resource-element': [
    ['Resource', p(s()), []],
    ['missing in identity', p({ Effect: 'Allow', Action: '*' }), ['MISSING_RESOURCE /Statement/0']],
    [
      'missing in trust',
      p({ Effect: 'Allow', Principal: '*', Action: 'sts:AssumeRole' }),
      [],
      { kind: 'trust' },
    ],
    ['both', p(s({ NotResource: '*' })), ['RESOURCE_AND_NOT_RESOURCE /Statement/0/NotResource']],
    ['empty', p(s({ Resource: [] })), ['EMPTY_ELEMENT /Statement/0/Resource']],
  ],
  'resource-arn': [
    [
      'valid forms',
      p(s({ Resource: ['*', 'arn:aws:s3:::b', 'arn:aws-cn:iam::1:role/*', 'arn:*:sqs:*:*:q'] })),
      [],
    ],
    ['not an ARN', p(s({ Resource: 'b/*' })), ['INVALID_ARN /Statement/0/Resource']],
    [
      'variable in the service',
      p(s({ Resource: 'arn:aws:${x}:::b' })),
      ['INVALID_ARN /Statement/0/Resource'],
    ],
  ],
  'principal-placement': [
    ['no principal in identity', p(s()), []],
    [
      'principal in identity',
      p(s({ Principal: '*' })),
      ['PRINCIPAL_NOT_ALLOWED /Statement/0/Principal'],
    ],
    ['principal in resource', p(r()), [], { kind: 'resource' }],
    ['missing in resource', p(s()), ['MISSING_PRINCIPAL /Statement/0'], { kind: 'resource' }],
    [
      'both in trust',
      p(s({ Principal: '*', NotPrincipal: '*' })),
      ['PRINCIPAL_AND_NOT_PRINCIPAL /Statement/0/NotPrincipal'],
      { kind: 'trust' },
    ],
  ],
  'principal-value': [
    [
      'valid',
      p(
        r({
          Principal: {
            AWS: ['*', 'arn:aws:iam::111122223333:user/a.b@c'],
            Service: 'x.amazonaws.com',
            Federated: 'cognito-identity.amazonaws.com',
            CanonicalUser: 'abc',
          },
        }),
      ),
      [],
      { kind: 'resource' },
    ],
    [
      'bare ARN string',
      p(r({ Principal: 'arn:aws:iam::1:root' })),
      ['INVALID_PRINCIPAL /Statement/0/Principal'],
      { kind: 'resource' },
    ],
    [
      'unknown type',
      p(r({ Principal: { User: 'a' } })),
      ['INVALID_PRINCIPAL /Statement/0/Principal/User'],
      { kind: 'resource' },
    ],
    [
      'wildcard in a service',
      p(r({ Principal: { Service: '*.amazonaws.com' } })),
      ['INVALID_PRINCIPAL /Statement/0/Principal/Service'],
      { kind: 'resource' },
    ],
    [
      'short account id',
      p(r({ Principal: { AWS: '12345' } })),
      ['INVALID_PRINCIPAL /Statement/0/Principal/AWS'],
      { kind: 'resource' },
    ],
    [
      'empty values',
      p(r({ Principal: { AWS: [] } })),
      ['EMPTY_ELEMENT /Statement/0/Principal/AWS'],
      { kind: 'resource' },
    ],
  ],
  'condition-operator': [
    ['known', p(s({ Condition: { 'ForAllValues:StringLikeIfExists': { k: 'v' } } })), []],
    [
      'unknown',
      p(s({ Condition: { StringMatches: { k: 'v' } } })),
      ['UNKNOWN_CONDITION_OPERATOR /Statement/0/Condition/StringMatches'],
    ],
    [
      'NullIfExists',
      p(s({ Condition: { NullIfExists: { k: 'true' } } })),
      ['IF_EXISTS_ON_NULL /Statement/0/Condition/NullIfExists'],
    ],
    [
      'empty operator',
      p(s({ Condition: { Bool: {} } })),
      ['EMPTY_ELEMENT /Statement/0/Condition/Bool'],
    ],
  ],
  'condition-value': [
    [
      'values that fit',
      p(s({ Condition: { DateLessThan: { t: '1700000000' }, NumericEquals: { n: -1.5 } } })),
      [],
    ],
    [
      'variable values are not type-checked',
      p(s({ Condition: { ArnLike: { a: '${aws:SourceArn}' } } })),
      [],
    ],
    [
      'a date that does not fit',
      p(s({ Condition: { DateEquals: { t: '2024-02-30' } } })),
      ['INVALID_CONDITION_VALUE /Statement/0/Condition/DateEquals/t'],
    ],
    [
      'an empty key',
      p(s({ Condition: { StringEquals: { ' ': 'v' } } })),
      ['INVALID_CONDITION_KEY /Statement/0/Condition/StringEquals/ '],
    ],
    [
      'no values',
      p(s({ Condition: { StringEquals: { k: [] } } })),
      ['EMPTY_ELEMENT /Statement/0/Condition/StringEquals/k'],
    ],
  ],
  'policy-variable': [
    [
      'supported places',
      p(
        s({
          Resource: 'arn:aws:s3:::b/${aws:username}',
          Condition: { StringLike: { k: '${aws:username}*' }, Bool: { b: '${x}' } },
        }),
      ),
      [],
    ],
    ['in Sid', p(s({ Sid: '${x}' })), ['POLICY_VARIABLE_NOT_SUPPORTED /Statement/0/Sid']],
    [
      'in an Effect',
      p(s({ Effect: '${x}' })),
      ['POLICY_VARIABLE_NOT_SUPPORTED /Statement/0/Effect'],
    ],
    [
      'in a Date value',
      p(s({ Condition: { DateLessThan: { t: '${x}' } } })),
      ['POLICY_VARIABLE_NOT_SUPPORTED /Statement/0/Condition/DateLessThan/t'],
    ],
    [
      'in the region',
      p(s({ Resource: 'arn:aws:s3:${aws:region}::b' })),
      ['POLICY_VARIABLE_NOT_SUPPORTED /Statement/0/Resource'],
    ],
    [
      'malformed',
      p(s({ Resource: 'arn:aws:s3:::b/${a b}' })),
      ['INVALID_POLICY_VARIABLE /Statement/0/Resource'],
    ],
    [
      'old version',
      { Statement: [s({ Resource: 'arn:aws:s3:::${aws:username}' })] },
      ['POLICY_VARIABLE_REQUIRES_VERSION /Statement/0/Resource'],
    ],
  ],
  'mfa-bool-false': [
    [
      'BoolIfExists',
      p(s({ Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } } })),
      [],
    ],
    [
      'Bool false, key in another case',
      p(s({ Condition: { Bool: { 'AWS:multifactorauthpresent': false } } })),
      ['MFA_PRESENT_BOOL_FALSE /Statement/0/Condition/Bool/AWS:multifactorauthpresent'],
    ],
    ['another key', p(s({ Condition: { Bool: { 'aws:SecureTransport': 'false' } } })), []],
  ],
  'allow-with-not-action': [
    ['deny', p({ Effect: 'Deny', NotAction: 'iam:*', Resource: '*' }), []],
    [
      'allow',
      p({ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }),
      ['ALLOW_WITH_NOT_ACTION /Statement/0/NotAction'],
    ],
  ],
  'allow-with-not-resource': [
    ['deny', p({ Effect: 'Deny', Action: '*', NotResource: '*' }), []],
    [
      'allow',
      p({ Effect: 'Allow', Action: '*', NotResource: 'arn:aws:s3:::b' }),
      ['ALLOW_WITH_NOT_RESOURCE /Statement/0/NotResource'],
    ],
  ],
  'allow-with-not-principal': [
    [
      'deny',
      p({ Effect: 'Deny', NotPrincipal: { AWS: '1' }, Action: '*', Resource: '*' }),
      [],
      { kind: 'resource' },
    ],
    [
      'allow',
      p({ Effect: 'Allow', NotPrincipal: { AWS: '1' }, Action: '*', Resource: '*' }),
      ['ALLOW_WITH_NOT_PRINCIPAL /Statement/0/NotPrincipal'],
      { kind: 'resource' },
    ],
  ],
  'allow-all-principals': [
    ['named principals', p(r()), [], { kind: 'resource' }],
    [
      'everyone in a trust policy',
      p({ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole' }),
      ['ALLOW_ALL_PRINCIPALS /Statement/0/Principal'],
      { kind: 'trust' },
    ],
    ["everyone in an identity policy is another rule's business", p(s({ Principal: '*' })), []],
  ],
  'pass-role': [
    ['other actions on star', p(s({ Action: 'iam:GetRole', Resource: '*' })), []],
    [
      'PassRole on star',
      p(s({ Action: 'IAM:passrole', Resource: '*' })),
      ['PASS_ROLE_WITH_STAR_RESOURCE /Statement/0/Resource'],
    ],
    [
      'NotAction leaving PassRole, NotResource',
      p({ Effect: 'Allow', NotAction: 's3:*', NotResource: 'arn:aws:iam::1:role/admin' }),
      ['PASS_ROLE_WITH_STAR_RESOURCE /Statement/0/NotResource'],
    ],
    ['deny', p({ Effect: 'Deny', Action: 'iam:PassRole', Resource: '*' }), []],
  ],
  'for-all-values-with-allow': [
    ['ForAnyValue', p(s({ Condition: { 'ForAnyValue:StringEquals': { k: 'v' } } })), []],
    [
      'ForAllValues in a deny',
      p({
        Effect: 'Deny',
        Action: '*',
        Resource: '*',
        Condition: { 'ForAllValues:StringEquals': { k: 'v' } },
      }),
      [],
    ],
    [
      'ForAllValues in an allow',
      p(s({ Condition: { 'ForAllValues:StringEquals': { k: 'v' } } })),
      ['ALLOW_WITH_FOR_ALL_VALUES /Statement/0/Condition/ForAllValues:StringEquals/k'],
    ],
  ],
  'redundant-entry': [
    ['distinct', p(s({ Action: ['s3:Get*', 's3:Put*'] })), []],
    [
      'covered action',
      p(s({ Action: ['s3:GetObject', 's3:Get*'] })),
      ['REDUNDANT_ACTION /Statement/0/Action/0'],
    ],
    [
      'covered NotResource entry',
      p({ Effect: 'Deny', Action: '*', NotResource: ['arn:aws:s3:::b/*', 'arn:aws:s3:::b/k'] }),
      ['REDUNDANT_RESOURCE /Statement/0/NotResource/1'],
    ],
  ],
  'redundant-statement': [
    ['different effects', p(s(), { ...s(), Effect: 'Deny' }), []],
    ['covered', p(s({ Action: '*' }), s()), ['REDUNDANT_STATEMENT /Statement/1']],
    [
      'different principals',
      p(r({ Principal: { AWS: '1' } }), r({ Principal: { AWS: '2' } })),
      [],
      { kind: 'resource' },
    ],
    [
      'NotAction is never claimed to cover',
      p({ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }, s()),
      [],
    ],
  ],
  'catalogue-action': [
    ['no catalogue, no check', p(s({ Action: 'nope:Nothing' })), []],
    [
      'known actions and patterns',
      p(s({ Action: ['iam:CreateUser', 'IAM:get*', 'approvals:*'] })),
      [],
      { catalogue: GATEHOUSE_CATALOGUE },
    ],
    [
      'unknown prefix',
      p(s({ Action: 's3:GetObject' })),
      ['UNKNOWN_SERVICE_PREFIX /Statement/0/Action'],
      { catalogue: GATEHOUSE_CATALOGUE },
    ],
    [
      'unknown action and a pattern matching nothing',
      p(s({ Action: ['iam:CreateUsr', 'iam:Nothing*'] })),
      ['UNKNOWN_ACTION /Statement/0/Action/0', 'UNKNOWN_ACTION /Statement/0/Action/1'],
      { catalogue: GATEHOUSE_CATALOGUE },
    ],
  ],
  'catalogue-condition-key': [
    [
      'global and action keys',
      p(
        s({
          Action: 'iam:PassRole',
          Condition: { StringEquals: { 'iam:PassedToService': 'x', 'aws:PrincipalTag/team': 'a' } },
        }),
      ),
      [],
      { catalogue: GATEHOUSE_CATALOGUE },
    ],
    [
      'a key of another action',
      p(
        s({
          Action: 'iam:CreateUser',
          Condition: { StringEquals: { 'iam:PassedToService': 'x' } },
        }),
      ),
      ['UNKNOWN_CONDITION_KEY_FOR_ACTION /Statement/0/Condition/StringEquals/iam:PassedToService'],
      { catalogue: GATEHOUSE_CATALOGUE },
    ],
    [
      'actions outside the catalogue are not judged',
      p(s({ Action: 's3:GetObject', Condition: { StringEquals: { 'nope:key': 'x' } } })),
      [],
      { catalogue: GATEHOUSE_CATALOGUE },
    ],
  ],
  'unreachable-statement': [
    [
      'deny of something else',
      p(s(), { Effect: 'Deny', Action: 's3:PutObject', Resource: '*' }),
      [],
    ],
    [
      'deny of everything',
      p(s(), { Effect: 'Deny', Action: '*', Resource: '*' }),
      ['UNREACHABLE_STATEMENT /Statement/0'],
    ],
  ],
};

describe('validation rules', () => {
  it('have a case table each', () => {
    expect(VALIDATION_RULES.map((rule) => rule.name).sort()).toEqual(Object.keys(CASES).sort());
  });

  it('together with the parser declare every finding code', () => {
    const declared = new Set<FindingCode>([
      ...PARSER_CODES,
      ...VALIDATION_RULES.flatMap((rule) => rule.codes),
    ]);
    expect(
      (Object.keys(FINDING_SEVERITY) as FindingCode[]).filter((code) => !declared.has(code)),
    ).toEqual([]);
  });

  for (const rule of VALIDATION_RULES) {
    describe(rule.name, () => {
      for (const [note, document, expected, options] of CASES[rule.name] ?? []) {
        it(note, () => {
          expect(runRule(rule, document, options)).toEqual(expected);
        });
      }
    });
  }
});
