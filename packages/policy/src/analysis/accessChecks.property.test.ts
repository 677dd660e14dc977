import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { GATEHOUSE_CATALOGUE } from '../catalogue/gatehouseServices.js';
import { evaluate } from '../evaluate/evaluate.js';
import { checkNoNewAccess } from './accessChecks.js';
import { analyzeChange } from './analyzeChange.js';
import { RISK_LEVELS, type Verdict } from './risk/riskFindings.js';

// Small vocabularies so that statements and requests often meet.
const ACCOUNT = '111122223333';
const ACTIONS = [
  'audit:GetEvent',
  'audit:ListEvents',
  'iam:GetUser',
  'iam:PassRole',
  'approvals:GetChangeRequest',
];
const ACTION_PATTERNS = [
  ...ACTIONS,
  'audit:*',
  'audit:Get*',
  'iam:*',
  '*',
  'iam:?etUser',
  'approvals:*Request',
];
const RESOURCES = [
  `arn:gatehouse:iam::${ACCOUNT}:user/alice`,
  `arn:gatehouse:iam::${ACCOUNT}:user/team/bob`,
  `arn:gatehouse:iam::${ACCOUNT}:role/app`,
  `arn:gatehouse:audit::${ACCOUNT}:event/1`,
];
const RESOURCE_PATTERNS = [
  ...RESOURCES,
  '*',
  `arn:gatehouse:iam::${ACCOUNT}:user/*`,
  `arn:gatehouse:iam::${ACCOUNT}:*`,
  `arn:gatehouse:iam::${ACCOUNT}:user/???ce`,
  `arn:gatehouse:*:*:${ACCOUNT}:*`,
  'arn:gatehouse:iam::${aws:PrincipalAccount}:user/${aws:username}',
];
const CONDITIONS = [
  { Bool: { 'aws:SecureTransport': 'true' } },
  { StringEquals: { 'aws:PrincipalTag/team': 'blue' } },
  { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } },
];

const list = <T>(items: readonly T[]) =>
  fc.uniqueArray(fc.constantFrom(...items), { minLength: 1, maxLength: 3 });
const statement = (effect: fc.Arbitrary<'Allow' | 'Deny'>) =>
  fc
    .record({
      effect,
      notAction: fc.integer({ min: 0, max: 4 }),
      actions: list(ACTION_PATTERNS),
      notResource: fc.integer({ min: 0, max: 4 }),
      resources: list(RESOURCE_PATTERNS),
      condition: fc.option(fc.constantFrom(...CONDITIONS), { nil: undefined }),
    })
    .map((s) => ({
      Effect: s.effect,
      [s.notAction === 0 ? 'NotAction' : 'Action']: s.actions,
      [s.notResource === 0 ? 'NotResource' : 'Resource']: s.resources,
      ...(s.condition === undefined ? {} : { Condition: s.condition }),
    }));
const statements = fc.array(statement(fc.constantFrom('Allow', 'Allow', 'Deny')), { maxLength: 5 });
const doc = (Statement: object[]) => ({ Version: '2012-10-17', Statement });
const request = fc.record({
  action: fc.constantFrom(...ACTIONS),
  resource: fc.constantFrom(...RESOURCES),
  context: fc.record({
    'aws:SecureTransport': fc.boolean(),
    'aws:PrincipalTag/team': fc.constantFrom('blue', 'red'),
    'aws:SourceIp': fc.constantFrom('10.1.2.3', '192.0.2.1'),
    'aws:username': fc.constantFrom('alice', 'bob'),
    'aws:PrincipalAccount': fc.constant(ACCOUNT),
  }),
});

describe('checkNoNewAccess properties', () => {
  it('a change that only removes Allow statements passes', () => {
    fc.assert(
      fc.property(
        statements,
        fc.array(fc.boolean(), { minLength: 5, maxLength: 5 }),
        (all, keep) => {
          const proposed = all.filter((s, i) => s.Effect === 'Deny' || keep[i] === true);
          for (const catalogue of [undefined, GATEHOUSE_CATALOGUE]) {
            expect(checkNoNewAccess(doc(all), doc(proposed), { catalogue }).result).toBe('PASS');
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('is sound: after a PASS, no request is allowed that was not allowed before', () => {
    fc.assert(
      fc.property(
        statements,
        statements,
        fc.array(request, { minLength: 1, maxLength: 8 }),
        (before, after, requests) => {
          for (const catalogue of [undefined, GATEHOUSE_CATALOGUE]) {
            if (checkNoNewAccess(doc(before), doc(after), { catalogue }).result !== 'PASS')
              continue;
            for (const r of requests) {
              const ask = (s: object[]) =>
                evaluate({
                  request: { principal: `arn:gatehouse:iam::${ACCOUNT}:user/alice`, ...r },
                  identityPolicies: [{ name: 'p', document: doc(s) }],
                }).decision;
              if (ask(after) === 'Allowed') expect(ask(before)).toBe('Allowed');
            }
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('reports as new what a request shows to be new', () => {
    fc.assert(
      fc.property(statements, statements, request, (before, after, r) => {
        const ask = (s: object[]) =>
          evaluate({
            request: { principal: `arn:gatehouse:iam::${ACCOUNT}:user/alice`, ...r },
            identityPolicies: [{ name: 'p', document: doc(s) }],
          }).decision;
        if (ask(after) === 'Allowed' && ask(before) !== 'Allowed') {
          expect(
            checkNoNewAccess(doc(before), doc(after), { catalogue: GATEHOUSE_CATALOGUE }).result,
          ).toBe('FAIL');
        }
      }),
      { numRuns: 300 },
    );
  });
});

const VERDICT_ORDER: Record<Verdict, number> = { AUTO_APPLY: 0, REQUIRE_APPROVAL: 1, BLOCK: 2 };

describe('analyzeChange properties', () => {
  it('the verdict never gets weaker when access is added', () => {
    const account = {
      accountId: ACCOUNT,
      users: [{ name: 'alice' }, { name: 'bob', groups: ['ops'] }],
      groups: [{ name: 'ops' }],
      roles: [
        {
          name: 'app',
          trustPolicy: doc([
            { Effect: 'Allow', Principal: { AWS: ACCOUNT }, Action: 'sts:AssumeRole' },
          ]),
          inlinePolicies: [
            { name: 'all', document: doc([{ Effect: 'Allow', Action: 'iam:*', Resource: '*' }]) },
          ],
        },
      ],
      policies: [],
    };
    fc.assert(
      // A base policy with at least one statement: an empty one is invalid, and blocked.
      fc.property(
        fc.array(statement(fc.constantFrom('Allow', 'Deny')), { minLength: 1, maxLength: 4 }),
        statement(fc.constant('Allow')),
        fc.constantFrom('user', 'group'),
        (base, extra, kind) => {
          const change = (s: object[]) =>
            analyzeChange({
              account,
              change: {
                kind: 'PutInlinePolicy',
                identity:
                  kind === 'user'
                    ? { kind: 'user', name: 'alice' }
                    : { kind: 'group', name: 'ops' },
                policyName: 'p',
                document: doc(s),
              },
            });
          const a = change(base);
          const b = change([...base, extra]);
          expect(VERDICT_ORDER[b.verdict]).toBeGreaterThanOrEqual(VERDICT_ORDER[a.verdict]);
          if (a.verdict !== 'AUTO_APPLY' && b.verdict === a.verdict) {
            expect(RISK_LEVELS.indexOf(b.risk)).toBeGreaterThanOrEqual(RISK_LEVELS.indexOf(a.risk));
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});
