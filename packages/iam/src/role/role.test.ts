import { beforeEach, describe, expect, it } from '@jest/globals';
import { allow, sizedPolicy, trust } from '../testing/documents.js';
import { Scenario } from '../testing/scenario.js';
import { sortedTypesWritten, typesWritten } from '../testing/fixtures/eventTypes.js';

const ACCOUNT = '123456789012';
const policyArn = (name: string) => `arn:gatehouse:iam::${ACCOUNT}:policy/${name}`;
const aliceArn = `arn:gatehouse:iam::${ACCOUNT}:user/alice`;
const R1 = 'AROAAAAAAAAAAAAAAAAAB';

let t: Scenario;
beforeEach(async () => {
  t = await Scenario.create();
});

describe('roles', () => {
  it('CreateRole stores the trust policy, max session duration, tags and boundary', async () => {
    await t.given({ type: 'CreatePolicy', policyName: 'B', policyDocument: allow('s3:*') });
    const result = await t.run({
      type: 'CreateRole',
      roleName: 'Deployer',
      path: '/ci/',
      assumeRolePolicyDocument: trust(aliceArn),
      description: 'deploys',
      maxSessionDuration: 7200,
      permissionsBoundary: policyArn('B'),
      tags: [{ key: 'env', value: 'prod' }],
    });
    expect(result.role).toMatchObject({
      roleName: 'Deployer',
      roleId: R1,
      arn: `arn:gatehouse:iam::${ACCOUNT}:role/ci/Deployer`,
      maxSessionDuration: 7200,
      description: 'deploys',
      permissionsBoundary: { permissionsBoundaryArn: policyArn('B') },
    });
    const types = t.store.events
      .slice(-3)
      .map((e) => e.type)
      .sort();
    expect(types).toEqual(['NameReserved', 'PolicyAttached', 'RoleCreated']);
  });

  it('defaults the max session duration to one hour', async () => {
    const events = await t.when({
      type: 'CreateRole',
      roleName: 'R',
      assumeRolePolicyDocument: trust(aliceArn),
    });
    expect(events[1]?.data).toMatchObject({
      maxSessionDuration: 3600,
      description: null,
      permissionsBoundary: null,
    });
  });

  it('refuses a trust policy that is not one: no principal, or an identity-policy shape', async () => {
    const error = await t.whenFails(
      { type: 'CreateRole', roleName: 'R', assumeRolePolicyDocument: allow('sts:AssumeRole') },
      'MALFORMED_POLICY_DOCUMENT',
    );
    expect(error.details.findings).toEqual(
      expect.arrayContaining([expect.objectContaining({ code: 'MISSING_PRINCIPAL' })]),
    );
  });

  it('refuses a trust policy over 2,048 characters, a taken name, an unknown boundary', async () => {
    const big = JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { AWS: aliceArn },
          Action: 'sts:AssumeRole',
          Condition: { StringEquals: { 'aws:PrincipalTag/x': 'y'.repeat(2100) } },
        },
      ],
    });
    await t.whenFails(
      { type: 'CreateRole', roleName: 'R', assumeRolePolicyDocument: big },
      'LIMIT_EXCEEDED',
    );
    await t.given({ type: 'CreateRole', roleName: 'R', assumeRolePolicyDocument: trust(aliceArn) });
    await t.whenFails(
      { type: 'CreateRole', roleName: 'r', assumeRolePolicyDocument: trust(aliceArn) },
      'ENTITY_ALREADY_EXISTS',
    );
    await t.whenFails(
      {
        type: 'CreateRole',
        roleName: 'S',
        assumeRolePolicyDocument: trust(aliceArn),
        permissionsBoundary: policyArn('X'),
      },
      'NO_SUCH_ENTITY',
    );
  });

  describe('existing role', () => {
    beforeEach(async () => {
      await t.given({
        type: 'CreateRole',
        roleName: 'R',
        assumeRolePolicyDocument: trust(aliceArn),
      });
    });

    it('UpdateRole changes description and duration; nothing when unchanged; unknown role refused', async () => {
      expect(
        (await t.when({ type: 'UpdateRole', roleName: 'R', maxSessionDuration: 43_200 }))[0]?.data,
      ).toEqual({
        roleId: R1,
        description: null,
        maxSessionDuration: 43_200,
      });
      expect(
        await t.when({ type: 'UpdateRole', roleName: 'R', maxSessionDuration: 43_200 }),
      ).toEqual([]);
      await t.whenFails({ type: 'UpdateRole', roleName: 'Q', description: 'x' }, 'NO_SUCH_ENTITY');
    });

    it('UpdateAssumeRolePolicy replaces the trust policy after validating it', async () => {
      const doc = trust(`arn:gatehouse:iam::${ACCOUNT}:root`);
      expect(
        (await t.when({ type: 'UpdateAssumeRolePolicy', roleName: 'R', policyDocument: doc }))[0]
          ?.data,
      ).toEqual({
        roleId: R1,
        assumeRolePolicyDocument: doc,
      });
      await t.whenFails(
        { type: 'UpdateAssumeRolePolicy', roleName: 'R', policyDocument: '{}' },
        'MALFORMED_POLICY_DOCUMENT',
      );
    });

    it('tags, boundary, inline and managed policies work as for users', async () => {
      await t.given({ type: 'CreatePolicy', policyName: 'P', policyDocument: allow('s3:*') });
      expect(
        await typesWritten(t, { type: 'TagRole', roleName: 'R', tags: [{ key: 'a', value: 'b' }] }),
      ).toEqual(['RoleTagged']);
      expect(await typesWritten(t, { type: 'UntagRole', roleName: 'R', tagKeys: ['A'] })).toEqual([
        'RoleUntagged',
      ]);
      expect(
        await sortedTypesWritten(t, {
          type: 'PutRolePermissionsBoundary',
          roleName: 'R',
          permissionsBoundary: policyArn('P'),
        }),
      ).toEqual(['PolicyAttached', 'RolePermissionsBoundaryPut']);
      expect(
        await sortedTypesWritten(t, { type: 'DeleteRolePermissionsBoundary', roleName: 'R' }),
      ).toEqual(['PolicyDetached', 'RolePermissionsBoundaryDeleted']);
      await t.whenFails({ type: 'DeleteRolePermissionsBoundary', roleName: 'R' }, 'NO_SUCH_ENTITY');
      await t.given({
        type: 'PutRolePolicy',
        roleName: 'R',
        policyName: 'big',
        policyDocument: sizedPolicy(10_000),
      });
      await t.whenFails(
        {
          type: 'PutRolePolicy',
          roleName: 'R',
          policyName: 'more',
          policyDocument: sizedPolicy(300),
        },
        'LIMIT_EXCEEDED',
      );
      expect(
        await typesWritten(t, { type: 'DeleteRolePolicy', roleName: 'R', policyName: 'big' }),
      ).toEqual(['RolePolicyDeleted']);
      await t.whenFails(
        { type: 'DeleteRolePolicy', roleName: 'R', policyName: 'big' },
        'NO_SUCH_ENTITY',
      );
      expect(
        await sortedTypesWritten(t, {
          type: 'AttachRolePolicy',
          roleName: 'R',
          policyArn: policyArn('P'),
        }),
      ).toEqual(['PolicyAttached', 'RolePolicyAttached']);
      expect(
        await t.when({ type: 'AttachRolePolicy', roleName: 'R', policyArn: policyArn('P') }),
      ).toEqual([]);
      await t.whenFails({ type: 'DeleteRole', roleName: 'R' }, 'DELETE_CONFLICT');
      expect(
        await sortedTypesWritten(t, {
          type: 'DetachRolePolicy',
          roleName: 'R',
          policyArn: policyArn('P'),
        }),
      ).toEqual(['PolicyDetached', 'RolePolicyDetached']);
      await t.whenFails(
        { type: 'DetachRolePolicy', roleName: 'R', policyArn: policyArn('P') },
        'NO_SUCH_ENTITY',
      );
    });

    it('DeleteRole releases the name and the boundary', async () => {
      await t.given(
        { type: 'CreatePolicy', policyName: 'B', policyDocument: allow('s3:*') },
        { type: 'PutRolePermissionsBoundary', roleName: 'R', permissionsBoundary: policyArn('B') },
      );
      expect(await sortedTypesWritten(t, { type: 'DeleteRole', roleName: 'R' })).toEqual([
        'NameReleased',
        'PolicyDetached',
        'RoleDeleted',
      ]);
      await t.whenFails({ type: 'DeleteRole', roleName: 'R' }, 'NO_SUCH_ENTITY');
      await t.given({ type: 'DeletePolicy', policyArn: policyArn('B') });
    });
  });
});

describe('managed policies through the service', () => {
  it('CreatePolicy, versions and DeletePolicy (which releases the name)', async () => {
    const created = await t.run({
      type: 'CreatePolicy',
      policyName: 'P',
      path: '/team/',
      policyDocument: allow('s3:*'),
      description: 'd',
    });
    expect(created.policy).toMatchObject({
      arn: `arn:gatehouse:iam::${ACCOUNT}:policy/team/P`,
      defaultVersionId: 'v1',
      attachmentCount: 0,
    });
    await t.whenFails(
      { type: 'CreatePolicy', policyName: 'p', policyDocument: allow('s3:*') },
      'ENTITY_ALREADY_EXISTS',
    );
    const arn = created.policy.arn;
    const v2 = await t.run({
      type: 'CreatePolicyVersion',
      policyArn: arn,
      policyDocument: allow('s3:Get*'),
      setAsDefault: true,
    });
    expect(v2.policyVersion).toMatchObject({ versionId: 'v2', isDefaultVersion: true });
    await t.whenFails({ type: 'DeletePolicy', policyArn: arn }, 'DELETE_CONFLICT');
    await t.given({ type: 'DeletePolicyVersion', policyArn: arn, versionId: 'v1' });
    expect(await typesWritten(t, { type: 'DeletePolicy', policyArn: arn })).toEqual([
      'NameReleased',
      'PolicyDeleted',
    ]);
    await t.whenFails(
      { type: 'CreatePolicyVersion', policyArn: arn, policyDocument: allow('s3:*') },
      'NO_SUCH_ENTITY',
    );
    await t.given({ type: 'CreatePolicy', policyName: 'P', policyDocument: allow('s3:*') });
  });

  it('refuses a managed policy over 6,144 characters and with a principal', async () => {
    await t.whenFails(
      { type: 'CreatePolicy', policyName: 'Big', policyDocument: sizedPolicy(6200) },
      'LIMIT_EXCEEDED',
    );
    await t.whenFails(
      { type: 'CreatePolicy', policyName: 'T', policyDocument: trust(aliceArn) },
      'MALFORMED_POLICY_DOCUMENT',
    );
  });
});
