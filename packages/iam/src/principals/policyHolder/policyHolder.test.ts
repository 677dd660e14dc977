import { describe, expect, it } from '@jest/globals';
import { GROUP_POLICY_HOLDER } from '../../group/events.js';
import { groupEvolver } from '../../group/evolve.js';
import { ROLE_POLICY_HOLDER } from '../../role/events.js';
import { roleEvolver } from '../../role/evolve.js';
import { SYSTEM_ACTOR, type DecideContext } from '../../shared/context.js';
import { isIamError } from '../../shared/iamError.js';
import { DEFAULT_LIMITS } from '../../shared/quotas.js';
import { allow, sizedPolicy } from '../../testing/documents.js';
import { SequentialIds } from '../../testing/sequentialIds.js';
import { USER_POLICY_HOLDER } from '../../user/events.js';
import { userEvolver } from '../../user/evolve.js';
import {
  assertHolderDeletable,
  decideAttachPolicy,
  decideDeleteInlinePolicy,
  decideDeletePermissionsBoundary,
  decideDetachPolicy,
  decidePutInlinePolicy,
  type PrincipalHolder,
} from './decide.js';
import { holderChange, holderEvent, isHolderEvent, type HolderChange } from './events.js';

const context: DecideContext = {
  now: new Date('2026-11-28T09:00:00Z'),
  accountId: '123456789012',
  ids: new SequentialIds(),
  limits: DEFAULT_LIMITS,
  actor: SYSTEM_ACTOR,
};
const ref = { policyId: 'ANPA1', policyArn: 'arn:gatehouse:iam::123456789012:policy/P' };

/** One change of every fact, with the data the log stores for it. */
const EVERY_FACT: HolderChange[] = [
  { fact: 'PolicyPut', data: { policyName: 'p', policyDocument: '{}', size: 2 } },
  { fact: 'PolicyDeleted', data: { policyName: 'p' } },
  { fact: 'PolicyAttached', data: ref },
  { fact: 'PolicyDetached', data: ref },
  { fact: 'PermissionsBoundaryPut', data: ref },
  { fact: 'PermissionsBoundaryDeleted', data: ref },
  { fact: 'Tagged', data: { tags: [{ key: 'team', value: 'core' }] } },
  { fact: 'Untagged', data: { tagKeys: ['team'] } },
];

/** The error `decide` throws. */
function errorOf(decide: () => unknown): { code: string; message: string; details: object } {
  try {
    decide();
  } catch (error) {
    if (isIamError(error)) return error;
  }
  throw new Error('expected an IamError');
}

describe('policy-holder events', () => {
  it('keep the type names and data the log stores them under', () => {
    const types = (prefixed: typeof USER_POLICY_HOLDER | typeof ROLE_POLICY_HOLDER) =>
      EVERY_FACT.map((change) => holderEvent(prefixed, 'ID', change).type);
    expect(types(USER_POLICY_HOLDER)).toEqual([
      'UserPolicyPut',
      'UserPolicyDeleted',
      'UserPolicyAttached',
      'UserPolicyDetached',
      'UserPermissionsBoundaryPut',
      'UserPermissionsBoundaryDeleted',
      'UserTagged',
      'UserUntagged',
    ]);
    expect(types(ROLE_POLICY_HOLDER)).toEqual([
      'RolePolicyPut',
      'RolePolicyDeleted',
      'RolePolicyAttached',
      'RolePolicyDetached',
      'RolePermissionsBoundaryPut',
      'RolePermissionsBoundaryDeleted',
      'RoleTagged',
      'RoleUntagged',
    ]);
    expect(
      EVERY_FACT.slice(0, 4).map((change) => holderEvent(GROUP_POLICY_HOLDER, 'ID', change).type),
    ).toEqual([
      'GroupPolicyPut',
      'GroupPolicyDeleted',
      'GroupPolicyAttached',
      'GroupPolicyDetached',
    ]);
    expect(
      JSON.stringify(
        holderEvent(USER_POLICY_HOLDER, 'AIDA1', {
          fact: 'PolicyPut',
          data: { policyName: 'p', policyDocument: '{}', size: 2 },
        }),
      ),
    ).toBe(
      '{"type":"UserPolicyPut","data":{"userId":"AIDA1","policyName":"p","policyDocument":"{}","size":2}}',
    );
    expect(holderEvent(ROLE_POLICY_HOLDER, 'AROA1', EVERY_FACT[6]!).data).toEqual({
      roleId: 'AROA1',
      tags: [{ key: 'team', value: 'core' }],
    });
  });

  it('are told apart from the aggregate’s own events and read back as the fact they record', () => {
    for (const change of EVERY_FACT) {
      const event = holderEvent(USER_POLICY_HOLDER, 'AIDA1', change);
      expect(isHolderEvent(USER_POLICY_HOLDER, event)).toBe(true);
      expect(holderChange(USER_POLICY_HOLDER, event)).toEqual({
        fact: change.fact,
        data: { userId: 'AIDA1', ...change.data },
      });
    }
    for (const type of ['UserCreated', 'UserAddedToGroup', 'UserPasswordChanged', 'RoleTagged']) {
      expect(isHolderEvent(USER_POLICY_HOLDER, { type, data: {} })).toBe(false);
    }
    expect(isHolderEvent(GROUP_POLICY_HOLDER, { type: 'GroupMemberAdded', data: {} })).toBe(false);
  });

  it('fold the same way into users, groups and roles', () => {
    const put = { fact: 'PolicyPut', data: { policyName: 'p', policyDocument: '{}', size: 2 } };
    const at = '2026-11-28T09:00:00.000Z';
    const user = [
      holderEvent(USER_POLICY_HOLDER, 'AIDA1', put as HolderChange<'PolicyPut'>),
      holderEvent(USER_POLICY_HOLDER, 'AIDA1', { fact: 'PolicyAttached', data: ref }),
      holderEvent(USER_POLICY_HOLDER, 'AIDA1', { fact: 'PermissionsBoundaryPut', data: ref }),
    ].reduce((state, event) => userEvolver.evolve(state, event, at), userEvolver.initialState);
    const role = [
      holderEvent(ROLE_POLICY_HOLDER, 'AROA1', put as HolderChange<'PolicyPut'>),
      holderEvent(ROLE_POLICY_HOLDER, 'AROA1', { fact: 'PolicyAttached', data: ref }),
      holderEvent(ROLE_POLICY_HOLDER, 'AROA1', { fact: 'PermissionsBoundaryPut', data: ref }),
    ].reduce((state, event) => roleEvolver.evolve(state, event, at), roleEvolver.initialState);
    const group = [
      holderEvent(GROUP_POLICY_HOLDER, 'AGPA1', put as HolderChange<'PolicyPut'>),
      holderEvent(GROUP_POLICY_HOLDER, 'AGPA1', { fact: 'PolicyAttached', data: ref }),
    ].reduce((state, event) => groupEvolver.evolve(state, event, at), groupEvolver.initialState);
    for (const state of [user, role, group]) {
      expect(state.inlinePolicies).toEqual([{ policyName: 'p', policyDocument: '{}', size: 2 }]);
      expect(state.attachedPolicies).toEqual([ref]);
    }
    expect(user.permissionsBoundary).toEqual(ref);
    expect(role.permissionsBoundary).toEqual(ref);
  });
});

describe('policy-holder decisions', () => {
  const bob = (
    state: Partial<PrincipalHolder<'User', 'userId'>['state']> = {},
  ): PrincipalHolder<'User', 'userId'> => ({
    kind: USER_POLICY_HOLDER,
    id: 'AIDA1',
    name: 'bob',
    state: {
      inlinePolicies: [],
      attachedPolicies: [],
      permissionsBoundary: null,
      tags: [],
      ...state,
    },
  });

  it('keep IAM’s messages, quotas and details', () => {
    const big = decidePutInlinePolicy(bob(), 'a', sizedPolicy(1200), context).events[0]!.data;
    expect(
      errorOf(() =>
        decidePutInlinePolicy(bob({ inlinePolicies: [big] }), 'b', sizedPolicy(1000), context),
      ),
    ).toMatchObject({
      code: 'LIMIT_EXCEEDED',
      message:
        'maximum policy size of 2048 characters exceeded for user `bob` (all inline policies together)',
      details: { quota: 'InlineUserPolicySize', limit: 2048 },
    });
    expect(errorOf(() => decideDeleteInlinePolicy(bob(), 'p'))).toMatchObject({
      code: 'NO_SUCH_ENTITY',
      message: 'the user policy with name `p` cannot be found',
      details: { entity: 'InlinePolicy', name: 'p', user: 'bob' },
    });
    const ten = Array.from({ length: 10 }, (_, i) => ({ ...ref, policyId: `ANPA${i + 2}` }));
    expect(
      errorOf(() => decideAttachPolicy(bob({ attachedPolicies: ten }), ref, context)),
    ).toMatchObject({
      code: 'LIMIT_EXCEEDED',
      message: 'cannot exceed quota for PoliciesPerUser: 10',
      details: { quota: 'ManagedPoliciesPerPrincipal', limit: 10 },
    });
    expect(decideAttachPolicy(bob({ attachedPolicies: [ref] }), ref, context)).toEqual([]);
    expect(errorOf(() => decideDetachPolicy(bob(), ref))).toMatchObject({
      code: 'NO_SUCH_ENTITY',
      message: `policy \`${ref.policyArn}\` was not found attached to user \`bob\``,
      details: { entity: 'PolicyAttachment', arn: ref.policyArn },
    });
    expect(errorOf(() => decideDeletePermissionsBoundary(bob()))).toMatchObject({
      code: 'NO_SUCH_ENTITY',
      message: 'user `bob` has no permissions boundary',
      details: { entity: 'PermissionsBoundary', user: 'bob' },
    });
    expect(
      errorOf(() =>
        assertHolderDeletable(
          bob({ inlinePolicies: [{ policyName: 'p', policyDocument: allow('s3:*'), size: 1 }] }),
          [false, 'access keys'],
        ),
      ),
    ).toMatchObject({
      code: 'DELETE_CONFLICT',
      message: 'cannot delete user `bob`: it still has inline policies, access keys',
      details: { conflicts: ['inline policies', 'access keys'] },
    });
  });
});
