import { describe, expect, it } from '@jest/globals';
import { parsePolicy } from '../document/parsePolicy.js';
import type { PrincipalNode } from '../document/policyAst.js';
import { compilePrincipal, principalScope } from './principalMatcher.js';
import { parseRequestPrincipal } from './requestPrincipal.js';

const USER = 'arn:aws:iam::111122223333:user/alice';
const SESSION = 'arn:aws:sts::111122223333:assumed-role/app/s1';
const ROLE = 'arn:aws:iam::111122223333:role/team/app';

function principalNode(principal: unknown): PrincipalNode {
  const parsed = parsePolicy({ Statement: { Principal: principal } });
  const node = parsed.ok ? parsed.policy.statement?.items[0]?.principal : undefined;
  if (node === undefined) throw new Error('no principal');
  return node;
}

function scope(
  principal: unknown,
  requester: string,
  negated = false,
  effect: 'Allow' | 'Deny' = 'Allow',
) {
  const { matcher } = compilePrincipal(principalNode(principal), negated);
  return principalScope(matcher, parseRequestPrincipal(requester), effect);
}

describe('principalScope', () => {
  it.each([
    ['*', USER, 'everyone'],
    [{ AWS: '*' }, USER, 'everyone'],
    [{ AWS: USER }, USER, 'named'],
    [{ AWS: 'arn:aws:iam::111122223333:user/bob' }, USER, undefined],
    [{ AWS: '111122223333' }, USER, 'account'],
    [{ AWS: 'arn:aws:iam::111122223333:root' }, SESSION, 'account'],
    [{ AWS: 'arn:aws-cn:iam::111122223333:root' }, USER, undefined],
    [{ AWS: '444455556666' }, USER, undefined],
    [{ AWS: ROLE }, SESSION, 'role'],
    [{ AWS: ROLE }, ROLE, 'named'],
    [{ AWS: SESSION }, SESSION, 'named'],
    [{ AWS: ['111122223333', SESSION] }, SESSION, 'named'],
    [{ Service: 'ec2.amazonaws.com' }, 'ec2.amazonaws.com', 'named'],
    [{ Service: 'ec2.amazonaws.com' }, USER, undefined],
  ])('%j covers %s as %j', (principal, requester, expected) => {
    expect(scope(principal, requester)).toBe(expected);
  });

  it('marks unknown principal types and bare strings other than * as invalid', () => {
    expect(compilePrincipal(principalNode({ aws: USER }), false).valid).toBe(false);
    expect(compilePrincipal(principalNode(USER), false).valid).toBe(false);
    expect(compilePrincipal(principalNode({}), false).valid).toBe(false);
  });

  describe('NotPrincipal', () => {
    it('with Deny exempts only when the account, role and session are all listed', () => {
      const all = { AWS: [SESSION, ROLE, '111122223333'] };
      expect(scope(all, SESSION, true, 'Deny')).toBeUndefined();
      expect(scope({ AWS: [SESSION, '111122223333'] }, SESSION, true, 'Deny')).toBe('everyone');
      expect(scope({ AWS: [USER] }, USER, true, 'Deny')).toBe('everyone');
      expect(scope({ AWS: [USER, '111122223333'] }, USER, true, 'Deny')).toBeUndefined();
    });

    it('with Allow leaves out the requester as soon as one of its identities is listed', () => {
      expect(scope({ AWS: '111122223333' }, USER, true, 'Allow')).toBeUndefined();
      expect(scope({ AWS: 'arn:aws:iam::111122223333:user/bob' }, USER, true, 'Allow')).toBe(
        'everyone',
      );
    });
  });
});
