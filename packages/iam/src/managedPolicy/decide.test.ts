import { describe, expect, it } from '@jest/globals';
import type { DecideContext } from '../shared/context.js';
import { fold } from '../shared/events.js';
import { isIamError, type IamErrorCode } from '../shared/iamError.js';
import { DEFAULT_LIMITS } from '../shared/quotas.js';
import { SYSTEM_ACTOR } from '../shared/context.js';
import { SequentialIds } from '../testing/sequentialIds.js';
import { allow } from '../testing/documents.js';
import type { ManagedPolicyCommand } from './commands.js';
import { decideCreatePolicy, decideManagedPolicy, decidePolicyUsage } from './decide.js';
import type { ManagedPolicyEvent } from './events.js';
import { managedPolicyEvolver } from './evolve.js';

// The pure decider, given(events).when(command).then(events | error): no store, no service.
const context: DecideContext = {
  now: new Date('2026-11-28T00:00:00Z'),
  accountId: '123456789012',
  ids: new SequentialIds(),
  limits: DEFAULT_LIMITS,
  actor: SYSTEM_ACTOR,
};
const arn = 'arn:gatehouse:iam::123456789012:policy/Read';
const created: ManagedPolicyEvent = {
  type: 'PolicyCreated',
  data: {
    policyId: 'ANPA1',
    policyName: 'Read',
    path: '/',
    arn,
    description: null,
    policyDocument: allow('s3:Get*'),
    versionId: 'v1',
    tags: [],
  },
};
const version = (n: number, setAsDefault = false): ManagedPolicyEvent => ({
  type: 'PolicyVersionCreated',
  data: {
    policyId: 'ANPA1',
    versionId: `v${n}`,
    policyDocument: allow(`s3:Get${n}`),
    setAsDefault,
  },
});

function given(...events: ManagedPolicyEvent[]) {
  const state = fold(
    managedPolicyEvolver,
    events.map((e) => ({ ...e, occurredAt: new Date('2026-11-27T00:00:00Z') })),
  );
  return {
    when(command: ManagedPolicyCommand) {
      const run = () => decideManagedPolicy(command, state, context).events;
      return {
        then: (expected: ManagedPolicyEvent[]) => expect(run()).toEqual(expected),
        thenFails(code: IamErrorCode) {
          let caught: unknown;
          try {
            run();
          } catch (error) {
            caught = error;
          }
          expect(isIamError(caught, code)).toBe(true);
        },
      };
    },
    state,
  };
}

describe('managed policy decider', () => {
  it('CreatePolicy makes v1 the default and validates the document', () => {
    const { events } = decideCreatePolicy(
      { type: 'CreatePolicy', policyName: 'Read', policyDocument: allow('s3:Get*') },
      'ANPA1',
      context,
    );
    expect(events).toEqual([created]);
    expect(() =>
      decideCreatePolicy(
        { type: 'CreatePolicy', policyName: 'Bad', policyDocument: '{"Statement":[]}' },
        'ANPA2',
        context,
      ),
    ).toThrow(/not valid/);
  });

  it('CreatePolicyVersion numbers versions after the highest ever made', () => {
    given(created)
      .when({ type: 'CreatePolicyVersion', policyArn: arn, policyDocument: allow('s3:Get2') })
      .then([version(2)]);
    given(created, version(2), version(3), {
      type: 'PolicyVersionDeleted',
      data: { policyId: 'ANPA1', versionId: 'v3' },
    })
      .when({
        type: 'CreatePolicyVersion',
        policyArn: arn,
        policyDocument: allow('s3:Get4'),
        setAsDefault: true,
      })
      .then([version(4, true)]);
  });

  it('CreatePolicyVersion refuses a sixth version', () => {
    given(created, version(2), version(3), version(4), version(5))
      .when({ type: 'CreatePolicyVersion', policyArn: arn, policyDocument: allow('s3:Get6') })
      .thenFails('LIMIT_EXCEEDED');
  });

  it('CreatePolicyVersion refuses a malformed document', () => {
    given(created)
      .when({
        type: 'CreatePolicyVersion',
        policyArn: arn,
        policyDocument: '{"Version":"2012-10-17","Statement":[{"Effect":"Maybe"}]}',
      })
      .thenFails('MALFORMED_POLICY_DOCUMENT');
  });

  it('SetDefaultPolicyVersion switches the default, is a no-op on the current one, refuses unknown versions', () => {
    given(created, version(2))
      .when({ type: 'SetDefaultPolicyVersion', policyArn: arn, versionId: 'v2' })
      .then([
        {
          type: 'DefaultPolicyVersionSet',
          data: { policyId: 'ANPA1', versionId: 'v2', previousVersionId: 'v1' },
        },
      ]);
    given(created)
      .when({ type: 'SetDefaultPolicyVersion', policyArn: arn, versionId: 'v1' })
      .then([]);
    given(created)
      .when({ type: 'SetDefaultPolicyVersion', policyArn: arn, versionId: 'v9' })
      .thenFails('NO_SUCH_ENTITY');
  });

  it('DeletePolicyVersion deletes a non-default version and refuses the default', () => {
    given(created, version(2))
      .when({ type: 'DeletePolicyVersion', policyArn: arn, versionId: 'v2' })
      .then([{ type: 'PolicyVersionDeleted', data: { policyId: 'ANPA1', versionId: 'v2' } }]);
    given(created, version(2))
      .when({ type: 'DeletePolicyVersion', policyArn: arn, versionId: 'v1' })
      .thenFails('DELETE_CONFLICT');
    given(created)
      .when({ type: 'DeletePolicyVersion', policyArn: arn, versionId: 'v7' })
      .thenFails('NO_SUCH_ENTITY');
  });

  it('DeletePolicy refuses while attached, used as a boundary, or with other versions', () => {
    const attached: ManagedPolicyEvent = {
      type: 'PolicyAttached',
      data: {
        policyId: 'ANPA1',
        entityType: 'User',
        entityId: 'AIDA1',
        usage: 'PermissionsPolicy',
      },
    };
    const boundary: ManagedPolicyEvent = {
      type: 'PolicyAttached',
      data: {
        policyId: 'ANPA1',
        entityType: 'Role',
        entityId: 'AROA1',
        usage: 'PermissionsBoundary',
      },
    };
    given(created, attached)
      .when({ type: 'DeletePolicy', policyArn: arn })
      .thenFails('DELETE_CONFLICT');
    given(created, boundary)
      .when({ type: 'DeletePolicy', policyArn: arn })
      .thenFails('DELETE_CONFLICT');
    given(created, version(2))
      .when({ type: 'DeletePolicy', policyArn: arn })
      .thenFails('DELETE_CONFLICT');
    given(created, attached, { type: 'PolicyDetached', data: attached.data })
      .when({ type: 'DeletePolicy', policyArn: arn })
      .then([{ type: 'PolicyDeleted', data: { policyId: 'ANPA1', policyName: 'Read', arn } }]);
  });

  it('every command refuses a policy that does not exist or was deleted', () => {
    given().when({ type: 'DeletePolicy', policyArn: arn }).thenFails('NO_SUCH_ENTITY');
    given(created, { type: 'PolicyDeleted', data: { policyId: 'ANPA1', policyName: 'Read', arn } })
      .when({ type: 'TagPolicy', policyArn: arn, tags: [{ key: 'a', value: 'b' }] })
      .thenFails('NO_SUCH_ENTITY');
  });

  it('TagPolicy and UntagPolicy keep at most 50 tags and ignore absent keys', () => {
    given(created)
      .when({ type: 'TagPolicy', policyArn: arn, tags: [{ key: 'team', value: 'core' }] })
      .then([
        {
          type: 'PolicyTagged',
          data: { policyId: 'ANPA1', tags: [{ key: 'team', value: 'core' }] },
        },
      ]);
    const many = Array.from({ length: 50 }, (_, i) => ({ key: `k${i}`, value: '' }));
    given({ ...created, data: { ...created.data, tags: many } })
      .when({ type: 'TagPolicy', policyArn: arn, tags: [{ key: 'one-more', value: '' }] })
      .thenFails('LIMIT_EXCEEDED');
    given(created)
      .when({ type: 'UntagPolicy', policyArn: arn, tagKeys: ['absent'] })
      .then([]);
  });

  it('usage is recorded once per entity and usage kind', () => {
    const { state } = given(created);
    const events = decidePolicyUsage(state, 'attach', 'Group', 'AGPA1', 'PermissionsPolicy');
    expect(events).toHaveLength(1);
    const after = given(created, ...events).state;
    expect(decidePolicyUsage(after, 'attach', 'Group', 'AGPA1', 'PermissionsPolicy')).toEqual([]);
    expect(decidePolicyUsage(after, 'detach', 'Group', 'AGPA1', 'PermissionsBoundary')).toEqual([]);
    expect(decidePolicyUsage(after, 'detach', 'Group', 'AGPA1', 'PermissionsPolicy')).toHaveLength(
      1,
    );
  });
});
