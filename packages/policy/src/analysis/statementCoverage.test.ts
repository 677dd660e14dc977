import { describe, expect, it } from '@jest/globals';
import { parsePolicy } from '../document/parsePolicy.js';
import type { StatementNode } from '../document/policyAst.js';
import { statementCovers } from './statementCoverage.js';

function statements(...items: object[]): StatementNode[] {
  const parsed = parsePolicy({ Version: '2012-10-17', Statement: items });
  if (!parsed.ok) throw new Error('does not parse');
  return [...(parsed.policy.statement?.items ?? [])];
}

function covers(outer: object, inner: object): boolean {
  const [a, b] = statements(outer, inner);
  if (a === undefined || b === undefined) throw new Error('two statements expected');
  return statementCovers(a, b);
}

const base = { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/k' };

describe('statementCovers', () => {
  it('covers a narrower statement', () => {
    expect(covers({ ...base, Action: 's3:*', Resource: '*' }, base)).toBe(true);
  });

  it('does not cover a broader one', () => {
    expect(covers(base, { ...base, Action: 's3:*' })).toBe(false);
  });

  it('needs no condition, or exactly the same one in any order', () => {
    const condition = { Bool: { a: 'true' }, StringEquals: { b: ['x', 'y'] } };
    const reordered = { StringEquals: { b: ['y', 'x'] }, Bool: { a: 'true' } };
    expect(covers({ ...base, Condition: condition }, { ...base, Condition: reordered })).toBe(true);
    expect(covers({ ...base, Condition: condition }, base)).toBe(false);
    expect(covers(base, { ...base, Condition: condition })).toBe(true);
  });

  it('compares principals', () => {
    const alice = { ...base, Principal: { AWS: 'arn:aws:iam::1:user/alice' } };
    expect(covers({ ...base, Principal: '*' }, alice)).toBe(true);
    expect(covers(alice, { ...base, Principal: { AWS: 'arn:aws:iam::1:user/bob' } })).toBe(false);
    expect(covers(base, alice)).toBe(false);
  });

  it('never claims coverage with NotAction or NotResource in the outer statement', () => {
    expect(covers({ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }, base)).toBe(false);
    expect(covers({ ...base, Resource: undefined, NotResource: 'arn:aws:s3:::x' }, base)).toBe(
      false,
    );
  });
});
