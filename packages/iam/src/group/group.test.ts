import { beforeEach, describe, expect, it } from '@jest/globals';
import { allow, sizedPolicy } from '../testing/documents.js';
import { Scenario } from '../testing/scenario.js';
import { sortedTypesWritten } from '../testing/fixtures/eventTypes.js';

const policyArn = (name: string) => `arn:gatehouse:iam::123456789012:policy/${name}`;
const G1 = 'AGPAAAAAAAAAAAAAAAAAB';

let t: Scenario;
beforeEach(async () => {
  t = await Scenario.create();
  await t.given({ type: 'CreateUser', userName: 'alice' });
});

describe('groups', () => {
  it('CreateGroup reserves the name; a taken name is refused', async () => {
    const events = await t.when({ type: 'CreateGroup', groupName: 'Devs', path: '/eng/' });
    expect(events.map((e) => [e.streamId, e.type])).toEqual([
      [`iam-group-${G1}`, 'GroupCreated'],
      ['iam-name-group-devs', 'NameReserved'],
    ]);
    expect(events[0]?.data).toEqual({
      groupId: G1,
      groupName: 'Devs',
      path: '/eng/',
      arn: 'arn:gatehouse:iam::123456789012:group/eng/Devs',
    });
    await t.whenFails({ type: 'CreateGroup', groupName: 'devs' }, 'ENTITY_ALREADY_EXISTS');
  });

  it('UpdateGroup renames and moves; refuses taken names and unknown groups', async () => {
    await t.given(
      { type: 'CreateGroup', groupName: 'devs' },
      { type: 'CreateGroup', groupName: 'ops' },
    );
    expect(
      await sortedTypesWritten(t, {
        type: 'UpdateGroup',
        groupName: 'devs',
        newGroupName: 'engineers',
        newPath: '/x/',
      }),
    ).toEqual(['GroupUpdated', 'NameReleased', 'NameReserved']);
    await t.whenFails(
      { type: 'UpdateGroup', groupName: 'engineers', newGroupName: 'OPS' },
      'ENTITY_ALREADY_EXISTS',
    );
    await t.whenFails({ type: 'UpdateGroup', groupName: 'devs', newPath: '/y/' }, 'NO_SUCH_ENTITY');
  });

  it('AddUserToGroup writes the user and the group stream in one commit, once', async () => {
    await t.given({ type: 'CreateGroup', groupName: 'devs' });
    const events = await t.when({ type: 'AddUserToGroup', groupName: 'devs', userName: 'alice' });
    expect(events.map((e) => [e.streamId.split('-')[1], e.type]).sort()).toEqual([
      ['group', 'GroupMemberAdded'],
      ['user', 'UserAddedToGroup'],
    ]);
    expect(new Set(t.store.events.slice(-2).map((e) => e.transactionId)).size).toBe(1);
    expect(await t.when({ type: 'AddUserToGroup', groupName: 'devs', userName: 'alice' })).toEqual(
      [],
    );
  });

  it('AddUserToGroup refuses unknown groups and users, and an 11th group', async () => {
    await t.whenFails(
      { type: 'AddUserToGroup', groupName: 'nope', userName: 'alice' },
      'NO_SUCH_ENTITY',
    );
    await t.given({ type: 'CreateGroup', groupName: 'devs' });
    await t.whenFails(
      { type: 'AddUserToGroup', groupName: 'devs', userName: 'nobody' },
      'NO_SUCH_ENTITY',
    );
    for (let i = 0; i < 10; i += 1) {
      await t.given(
        { type: 'CreateGroup', groupName: `g${i}` },
        { type: 'AddUserToGroup', groupName: `g${i}`, userName: 'alice' },
      );
    }
    await t.whenFails(
      { type: 'AddUserToGroup', groupName: 'devs', userName: 'alice' },
      'LIMIT_EXCEEDED',
    );
  });

  it('RemoveUserFromGroup removes; refuses a user who is not a member', async () => {
    await t.given(
      { type: 'CreateGroup', groupName: 'devs' },
      { type: 'AddUserToGroup', groupName: 'devs', userName: 'alice' },
    );
    expect(
      await sortedTypesWritten(t, {
        type: 'RemoveUserFromGroup',
        groupName: 'devs',
        userName: 'alice',
      }),
    ).toEqual(['GroupMemberRemoved', 'UserRemovedFromGroup']);
    await t.whenFails(
      { type: 'RemoveUserFromGroup', groupName: 'devs', userName: 'alice' },
      'NO_SUCH_ENTITY',
    );
  });

  it('DeleteGroup refuses while it has members or policies, then deletes', async () => {
    await t.given(
      { type: 'CreateGroup', groupName: 'devs' },
      { type: 'AddUserToGroup', groupName: 'devs', userName: 'alice' },
    );
    expect(
      (await t.whenFails({ type: 'DeleteGroup', groupName: 'devs' }, 'DELETE_CONFLICT')).details
        .conflicts,
    ).toEqual(['members']);
    await t.given(
      { type: 'RemoveUserFromGroup', groupName: 'devs', userName: 'alice' },
      { type: 'PutGroupPolicy', groupName: 'devs', policyName: 'p', policyDocument: allow('s3:*') },
    );
    await t.whenFails({ type: 'DeleteGroup', groupName: 'devs' }, 'DELETE_CONFLICT');
    await t.given({ type: 'DeleteGroupPolicy', groupName: 'devs', policyName: 'p' });
    expect(await sortedTypesWritten(t, { type: 'DeleteGroup', groupName: 'devs' })).toEqual([
      'GroupDeleted',
      'NameReleased',
    ]);
    await t.whenFails({ type: 'DeleteGroup', groupName: 'devs' }, 'NO_SUCH_ENTITY');
  });

  it('inline policies: put, 5,120-character aggregate, delete, unknown', async () => {
    await t.given({ type: 'CreateGroup', groupName: 'devs' });
    await t.given({
      type: 'PutGroupPolicy',
      groupName: 'devs',
      policyName: 'a',
      policyDocument: sizedPolicy(4000),
    });
    await t.whenFails(
      {
        type: 'PutGroupPolicy',
        groupName: 'devs',
        policyName: 'b',
        policyDocument: sizedPolicy(1500),
      },
      'LIMIT_EXCEEDED',
    );
    await t.whenFails(
      { type: 'PutGroupPolicy', groupName: 'devs', policyName: 'b', policyDocument: '[]' },
      'MALFORMED_POLICY_DOCUMENT',
    );
    await t.whenFails(
      { type: 'DeleteGroupPolicy', groupName: 'devs', policyName: 'zz' },
      'NO_SUCH_ENTITY',
    );
    await t.whenFails(
      { type: 'PutGroupPolicy', groupName: 'x', policyName: 'b', policyDocument: allow('s3:*') },
      'NO_SUCH_ENTITY',
    );
  });

  it('managed policies: attach (limit 10), detach, unknown', async () => {
    await t.given(
      { type: 'CreateGroup', groupName: 'devs' },
      { type: 'CreatePolicy', policyName: 'P', policyDocument: allow('s3:*') },
    );
    expect(
      await sortedTypesWritten(t, {
        type: 'AttachGroupPolicy',
        groupName: 'devs',
        policyArn: policyArn('P'),
      }),
    ).toEqual(['GroupPolicyAttached', 'PolicyAttached']);
    await t.whenFails({ type: 'DeletePolicy', policyArn: policyArn('P') }, 'DELETE_CONFLICT');
    expect(
      await sortedTypesWritten(t, {
        type: 'DetachGroupPolicy',
        groupName: 'devs',
        policyArn: policyArn('P'),
      }),
    ).toEqual(['GroupPolicyDetached', 'PolicyDetached']);
    await t.whenFails(
      { type: 'DetachGroupPolicy', groupName: 'devs', policyArn: policyArn('P') },
      'NO_SUCH_ENTITY',
    );
    for (let i = 0; i < 10; i += 1) {
      await t.given(
        { type: 'CreatePolicy', policyName: `P${i}`, policyDocument: allow('s3:*') },
        { type: 'AttachGroupPolicy', groupName: 'devs', policyArn: policyArn(`P${i}`) },
      );
    }
    await t.whenFails(
      { type: 'AttachGroupPolicy', groupName: 'devs', policyArn: policyArn('P') },
      'LIMIT_EXCEEDED',
    );
    await t.whenFails(
      { type: 'AttachGroupPolicy', groupName: 'nope', policyArn: policyArn('P') },
      'NO_SUCH_ENTITY',
    );
  });
});
