import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { parseApprovalRules } from './parseApprovalRules.js';
import { ownersOf, selectRule } from './selectRule.js';

const example = readFileSync(
  path.resolve(import.meta.dirname, '../../rules/approval-rules.yaml'),
  'utf8',
);

describe('parseApprovalRules', () => {
  it('reads the example rules file', () => {
    const result = parseApprovalRules(example);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    const [prod, payments, role, high, readOnly, rest] = result.ruleSet.rules;
    expect(prod).toEqual({
      name: 'production-admin',
      description: 'production admin groups need security AND two SREs, with MFA',
      match: {
        actions: ['iam:AddUserToGroup'],
        resources: ['arn:gatehouse:iam::*:group/prod-admin*'],
      },
      reviewers: {
        kind: 'all_of',
        of: [
          { kind: 'group', group: 'security', count: 1 },
          { kind: 'group', group: 'sre', count: 2 },
        ],
      },
      autoApprove: false,
      requireMfa: true,
      maxMfaAgeSeconds: 900,
      maxDurationSeconds: 8 * 3600,
      pendingTimeoutSeconds: 24 * 3600,
      breakGlass: { maxDurationSeconds: 3600 },
    });
    expect(payments?.reviewers).toEqual({
      kind: 'any_of',
      of: [
        { kind: 'owner', count: 1 },
        { kind: 'group', group: 'payments-leads', count: 2 },
      ],
    });
    expect(payments?.pendingTimeoutSeconds).toBe(72 * 3600);
    expect(role?.maxDurationSeconds).toBe(12 * 3600);
    expect(high?.requireMfa).toBe(true);
    expect(readOnly).toMatchObject({ autoApprove: true, reviewers: null });
    expect(rest?.maxDurationSeconds).toBeNull();
    expect(result.ruleSet.owners).toEqual([
      {
        resources: ['arn:gatehouse:iam::*:group/payments-*'],
        principals: ['arn:gatehouse:iam::123456789012:user/carol'],
      },
    ]);
  });

  it('reads the same rules as JSON', () => {
    const json = JSON.stringify({
      version: 1,
      rules: [{ name: 'j', reviewers: { all_of: [{ group: 'a' }, { group: 'b', count: 2 }] } }],
    });
    const result = parseApprovalRules(json, { format: 'json' });
    expect(result.ok && result.ruleSet.rules[0]?.reviewers).toEqual({
      kind: 'all_of',
      of: [
        { kind: 'group', group: 'a', count: 1 },
        { kind: 'group', group: 'b', count: 2 },
      ],
    });
  });

  it('refuses aliases (no alias bombs)', () => {
    const result = parseApprovalRules(
      'version: 1\nrules:\n  - &r { name: a, reviewers: { anyone: 1 } }\n  - *r\n',
    );
    expect(result.ok).toBe(false);
  });
});

describe('selectRule', () => {
  const parsed = parseApprovalRules(example);
  if (!parsed.ok) throw new Error('example does not parse');
  const rules = parsed.ruleSet;
  const facts = {
    action: 'iam:AddUserToGroup',
    resource: 'arn:gatehouse:iam::123456789012:group/prod-admins',
    risk: 'HIGH' as const,
    requesterGroups: [],
  };

  it('takes the first matching rule in file order', () => {
    expect(selectRule(rules, facts)?.name).toBe('production-admin');
    expect(selectRule(rules, { ...facts, action: 'IAM:addusertogroup' })?.name).toBe(
      'production-admin',
    );
    expect(
      selectRule(rules, { ...facts, resource: 'arn:gatehouse:iam::1:group/other' })?.name,
    ).toBe('high-risk');
    expect(
      selectRule(rules, { ...facts, resource: 'arn:gatehouse:iam::1:group/other', risk: 'LOW' })
        ?.name,
    ).toBe('read-only');
    expect(
      selectRule(rules, { ...facts, resource: 'arn:gatehouse:iam::1:group/x', risk: 'MEDIUM' })
        ?.name,
    ).toBe('everything-else');
  });

  it('matches resources case-sensitively and actions case-insensitively', () => {
    expect(
      selectRule(rules, { ...facts, resource: 'arn:gatehouse:iam::1:group/PROD-admins' })?.name,
    ).toBe('high-risk');
  });

  it('names owners by resource pattern', () => {
    expect(ownersOf(rules, 'arn:gatehouse:iam::123456789012:group/payments-ops')).toEqual([
      'arn:gatehouse:iam::123456789012:user/carol',
    ]);
    expect(ownersOf(rules, 'arn:gatehouse:iam::123456789012:group/other')).toEqual([]);
  });
});
