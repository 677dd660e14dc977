import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { parseCheckpoint, type EventConsumer } from '@gatehouse/event-store';
import type { IamService } from '../src/commandHandling/iamService.js';
import {
  createIamReadModelProjection,
  IAM_READ_MODEL_TABLES,
} from '../src/projections/iamReadModels.js';
import { IamQueries } from '../src/queries/iamQueries.js';
import { ANONYMOUS_ACTOR } from '../src/shared/context.js';
import { allow, trust } from '../src/testing/documents.js';
import { ACCOUNT, createHarness, ROOT_PASSWORD, type PgHarness } from './support/postgres.js';

let h: PgHarness;
let iam: IamService;
let projection: EventConsumer;
let queries: IamQueries;
const root = () => ({ actor: iam.rootPrincipal() });
const policyArn = (name: string) => `arn:gatehouse:iam::${ACCOUNT}:policy/${name}`;

async function dump(): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const table of IAM_READ_MODEL_TABLES) {
    out[table] = (await h.pool.query(`SELECT * FROM ${table} ORDER BY 1, 2`)).rows;
  }
  return out;
}

let last = '0:0';
async function run(command: Parameters<IamService['execute']>[0], actor = root()): Promise<void> {
  const result = await iam.execute(command, actor);
  if (result.checkpoint !== null) last = result.checkpoint;
}

beforeAll(async () => {
  h = await createHarness();
  iam = h.service();
  await iam.start();
  await iam.bootstrap({
    accountId: ACCOUNT,
    rootEmail: 'root@example.com',
    rootPassword: ROOT_PASSWORD,
  });
  projection = createIamReadModelProjection(h.events, { pollIntervalMs: 50 });
  await projection.start();
  queries = new IamQueries(h.pool);

  for (let i = 0; i < 7; i += 1)
    await run({
      type: 'CreateUser',
      userName: `user${i}`,
      path: i % 2 === 0 ? '/even/' : '/odd/',
      tags: [{ key: 'n', value: `${i}` }],
    });
  await run({ type: 'CreateGroup', groupName: 'devs' });
  await run({ type: 'AddUserToGroup', groupName: 'devs', userName: 'user1' });
  await run({ type: 'AddUserToGroup', groupName: 'devs', userName: 'user2' });
  await run({ type: 'CreatePolicy', policyName: 'Read', policyDocument: allow('s3:Get*') });
  await run({
    type: 'CreatePolicyVersion',
    policyArn: policyArn('Read'),
    policyDocument: allow('s3:List*'),
    setAsDefault: true,
  });
  await run({ type: 'AttachGroupPolicy', groupName: 'devs', policyArn: policyArn('Read') });
  await run({ type: 'AttachUserPolicy', userName: 'user3', policyArn: policyArn('Read') });
  await run({
    type: 'PutUserPermissionsBoundary',
    userName: 'user4',
    permissionsBoundary: policyArn('Read'),
  });
  await run({
    type: 'PutUserPolicy',
    userName: 'user1',
    policyName: 'own',
    policyDocument: allow('sqs:*'),
  });
  await run({
    type: 'CreateRole',
    roleName: 'Deployer',
    assumeRolePolicyDocument: trust(`arn:gatehouse:iam::${ACCOUNT}:root`),
    tags: [{ key: 'a', value: 'b' }],
  });
  await run({ type: 'TagUser', userName: 'user0', tags: [{ key: 'N', value: 'zero' }] });
  await run({ type: 'UpdateUser', userName: 'user6', newUserName: 'renamed' });
  await run({ type: 'CreateAccessKey', userName: 'user1' });
  await run({ type: 'CreateLoginProfile', userName: 'user1', password: 'User1-Password' });
  await run({ type: 'CreateVirtualMFADevice', virtualMFADeviceName: 'spare' });
  const signIn = await iam.execute(
    { type: 'SignIn', userName: 'user1', password: 'User1-Password' },
    { actor: ANONYMOUS_ACTOR, sourceIp: '192.0.2.1' },
  );
  last = signIn.checkpoint ?? last;
  await run({ type: 'RevokeSession', sessionId: signIn.sessionId });
  await run({ type: 'UpdateAccountPasswordPolicy', minimumPasswordLength: 10 });
  await projection.waitFor(parseCheckpoint(last));
});

afterAll(async () => {
  await projection.stop();
  await h.close();
});

describe('IAM read models', () => {
  it('hold users with paths, tags and renames; pages follow cursors, at most 100', async () => {
    const page1 = await queries.listUsers({}, { first: 3 });
    expect(page1.edges.map((e) => e.node.userName)).toEqual(['renamed', 'user0', 'user1']);
    expect(page1.pageInfo.hasNextPage).toBe(true);
    const page2 = await queries.listUsers({}, { first: 3, after: page1.pageInfo.endCursor ?? '' });
    expect(page2.edges.map((e) => e.node.userName)).toEqual(['user2', 'user3', 'user4']);
    const page3 = await queries.listUsers({}, { first: 3, after: page2.pageInfo.endCursor ?? '' });
    expect(page3.edges.map((e) => e.node.userName)).toEqual(['user5']);
    expect(page3.pageInfo.hasNextPage).toBe(false);
    expect(
      (await queries.listUsers({ pathPrefix: '/even/' })).edges.map((e) => e.node.userName),
    ).toEqual(['renamed', 'user0', 'user2', 'user4']);
    expect((await queries.getUser('USER0'))?.tags).toEqual([{ key: 'N', value: 'zero' }]);
    expect((await queries.getUser('user4'))?.permissionsBoundaryArn).toBe(policyArn('Read'));
    await expect(queries.listUsers({}, { first: 101 })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
    await expect(queries.listUsers({}, { after: 'garbage!' })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
  });

  it('hold memberships, attachments with counts, versions and inline policies', async () => {
    expect((await queries.listGroupMembers('devs')).edges.map((e) => e.node.userName)).toEqual([
      'user1',
      'user2',
    ]);
    expect((await queries.listGroupsForUser('user1')).edges.map((e) => e.node.groupName)).toEqual([
      'devs',
    ]);
    const read = await queries.getPolicy(policyArn('Read'));
    expect(read).toMatchObject({
      defaultVersionId: 'v2',
      attachmentCount: 2,
      permissionsBoundaryUsageCount: 1,
    });
    expect(
      (await queries.listPolicyVersions(policyArn('Read'))).map((v) => [
        v.versionId,
        v.isDefaultVersion,
      ]),
    ).toEqual([
      ['v2', true],
      ['v1', false],
    ]);
    expect(
      (await queries.listAttachedPolicies('Group', 'devs')).edges.map((e) => e.node.policyName),
    ).toEqual(['Read']);
    const entities = await queries.listEntitiesForPolicy(policyArn('Read'));
    expect(
      entities.edges.map((e) => [e.node.entityType, e.node.entityName, e.node.usage]).sort(),
    ).toEqual([
      ['Group', 'devs', 'PermissionsPolicy'],
      ['User', 'user3', 'PermissionsPolicy'],
      ['User', 'user4', 'PermissionsBoundary'],
    ]);
    expect(
      (await queries.listEntitiesForPolicy(policyArn('Read'), { usage: 'PermissionsBoundary' }))
        .edges,
    ).toHaveLength(1);
    expect(
      (await queries.listInlinePolicies('User', 'user1')).edges.map((e) => e.node.policyName),
    ).toEqual(['own']);
    expect((await queries.listPolicies({ onlyAttached: true })).edges).toHaveLength(1);
  });

  it('hold credentials and sessions as metadata only', async () => {
    const keys = await queries.listAccessKeys('user1');
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatchObject({ status: 'Active', userName: 'user1', lastUsedDate: null });
    expect((await queries.getUser('user1'))?.hasPassword).toBe(true);
    const devices = await queries.listMfaDevices({ assignmentStatus: 'Unassigned' });
    expect(devices.edges.map((e) => e.node.deviceName)).toEqual(['spare']);
    const sessions = await queries.listSessions({
      principalArn: `arn:gatehouse:iam::${ACCOUNT}:user/odd/user1`,
    });
    expect(sessions.edges).toHaveLength(1);
    expect(sessions.edges[0]?.node).toMatchObject({
      kind: 'SignIn',
      revokeReason: 'Revoked',
      sourceIp: '192.0.2.1',
    });
    expect((await queries.listSessions({ activeAt: new Date() })).edges).toHaveLength(0);
    expect((await queries.getAccount()).passwordPolicy?.minimumPasswordLength).toBe(10);
    expect((await queries.getRole('deployer'))?.tags).toEqual([{ key: 'a', value: 'b' }]);
  });

  it('a rebuild from zero gives identical tables', async () => {
    const before = await dump();
    expect(before.iam_users).toHaveLength(7);
    await projection.rebuild();
    await projection.waitFor(parseCheckpoint(last));
    expect(await dump()).toEqual(before);
  });

  it('follow renames, untagging, boundaries and policies removed, deletes; a rebuild agrees', async () => {
    await run({
      type: 'UpdateGroup',
      groupName: 'devs',
      newGroupName: 'engineers',
      newPath: '/eng/',
    });
    await run({ type: 'DeleteUserPermissionsBoundary', userName: 'user4' });
    await run({ type: 'DeleteUserPolicy', userName: 'user1', policyName: 'own' });
    await run({
      type: 'PutRolePermissionsBoundary',
      roleName: 'Deployer',
      permissionsBoundary: policyArn('Read'),
    });
    await run({
      type: 'PutRolePolicy',
      roleName: 'Deployer',
      policyName: 'deploy',
      policyDocument: allow('ecs:*'),
    });
    await run({ type: 'UntagRole', roleName: 'Deployer', tagKeys: ['A'] });
    await run({ type: 'TagRole', roleName: 'Deployer', tags: [{ key: 'env', value: 'prod' }] });
    h.clock.advanceSeconds(60);
    await run({ type: 'DeletePolicyVersion', policyArn: policyArn('Read'), versionId: 'v1' });
    await projection.waitFor(parseCheckpoint(last));

    expect(await queries.getGroup('devs')).toBeNull();
    expect(await queries.getGroup('ENGINEERS')).toMatchObject({
      groupName: 'engineers',
      path: '/eng/',
      arn: `arn:gatehouse:iam::${ACCOUNT}:group/eng/engineers`,
    });
    expect((await queries.getUser('user0'))?.tags).toEqual([{ key: 'N', value: 'zero' }]);
    await run({ type: 'UntagUser', userName: 'user0', tagKeys: ['N'] });
    expect((await queries.getUser('user4'))?.permissionsBoundaryArn).toBeNull();
    expect((await queries.listInlinePolicies('User', 'user1')).edges).toHaveLength(0);
    expect(await queries.getRole('Deployer')).toMatchObject({
      permissionsBoundaryArn: policyArn('Read'),
      tags: [{ key: 'env', value: 'prod' }],
    });
    expect(
      (await queries.listInlinePolicies('Role', 'Deployer')).edges.map((e) => e.node.policyName),
    ).toEqual(['deploy']);
    const read = await queries.getPolicy(policyArn('Read'));
    expect(read?.updateDate).not.toBe(read?.createDate);
    expect((await queries.listPolicyVersions(policyArn('Read'))).map((v) => v.versionId)).toEqual([
      'v2',
    ]);

    await run({ type: 'DeleteRolePolicy', roleName: 'Deployer', policyName: 'deploy' });
    await run({ type: 'DeleteRolePermissionsBoundary', roleName: 'Deployer' });
    await run({ type: 'DeleteRole', roleName: 'Deployer' });
    await run({ type: 'RemoveUserFromGroup', groupName: 'engineers', userName: 'user2' });
    await run({ type: 'DeleteUser', userName: 'user2' });
    await run({ type: 'RemoveUserFromGroup', groupName: 'engineers', userName: 'user1' });
    await run({ type: 'DetachGroupPolicy', groupName: 'engineers', policyArn: policyArn('Read') });
    await run({ type: 'DeleteGroup', groupName: 'engineers' });
    await projection.waitFor(parseCheckpoint(last));
    expect((await queries.getUser('user0'))?.tags).toEqual([]);
    expect(await queries.getRole('Deployer')).toBeNull();
    expect(await queries.getUser('user2')).toBeNull();
    expect(await queries.getGroup('engineers')).toBeNull();
    expect(await queries.getPolicy(policyArn('Read'))).toMatchObject({
      attachmentCount: 1,
      permissionsBoundaryUsageCount: 0,
    });

    const before = await dump();
    expect(before.iam_inline_policies).toEqual([]);
    await projection.rebuild();
    await projection.waitFor(parseCheckpoint(last));
    expect(await dump()).toEqual(before);
  });
});
