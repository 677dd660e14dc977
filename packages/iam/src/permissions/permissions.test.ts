import { beforeEach, describe, expect, it } from '@jest/globals';
import type { Principal } from '../shared/principal.js';
import { allow, deny, trust } from '../testing/documents.js';
import { Scenario } from '../testing/scenario.js';

const ACCOUNT = '123456789012';
const aliceArn = `arn:gatehouse:iam::${ACCOUNT}:user/alice`;
const policyArn = (name: string) => `arn:gatehouse:iam::${ACCOUNT}:policy/${name}`;

/** `PutUserPolicy` for alice. */
const putAlicePolicy = (policyName: string, policyDocument: string) => ({
  type: 'PutUserPolicy' as const,
  userName: 'alice',
  policyName,
  policyDocument,
});

let t: Scenario;
beforeEach(async () => {
  t = await Scenario.create();
  await t.given(
    { type: 'CreateUser', userName: 'alice' },
    { type: 'CreateGroup', groupName: 'devs' },
    { type: 'AddUserToGroup', groupName: 'devs', userName: 'alice' },
    { type: 'CreatePolicy', policyName: 'S3Read', policyDocument: allow('s3:Get*') },
    { type: 'CreatePolicy', policyName: 'Ec2', policyDocument: allow('ec2:*') },
  );
});

const decide = (action: string, resource = '*', principal: Principal | string = aliceArn) =>
  t.iam.authorize({ principal, action, resource }).decision;

describe('effective permissions', () => {
  it('a user has no permissions by default', () => {
    expect(decide('s3:GetObject')).toBe('ImplicitlyDenied');
  });

  it('come from user inline, user managed (default version), group inline and group managed policies', async () => {
    await t.given(
      putAlicePolicy('own', allow('sqs:SendMessage')),
      { type: 'AttachUserPolicy', userName: 'alice', policyArn: policyArn('S3Read') },
      {
        type: 'PutGroupPolicy',
        groupName: 'devs',
        policyName: 'team',
        policyDocument: allow('sns:Publish'),
      },
      { type: 'AttachGroupPolicy', groupName: 'devs', policyArn: policyArn('Ec2') },
    );
    const resolved = await t.iam.resolvePrincipalPolicies(aliceArn);
    expect(resolved.identityPolicies.map((p) => p.name)).toEqual([
      `${aliceArn}#own`,
      policyArn('S3Read'),
      `arn:gatehouse:iam::${ACCOUNT}:group/devs#team`,
      policyArn('Ec2'),
    ]);
    for (const action of ['sqs:SendMessage', 's3:GetObject', 'sns:Publish', 'ec2:RunInstances'])
      expect(decide(action)).toBe('Allowed');
    expect(
      t.iam.authorize({ principal: aliceArn, action: 's3:GetObject', resource: '*' }).matched,
    ).toEqual([{ policy: policyArn('S3Read'), statement: 0, effect: 'Allow' }]);
  });

  it('follow the default version of managed policies', async () => {
    await t.given(
      { type: 'AttachUserPolicy', userName: 'alice', policyArn: policyArn('S3Read') },
      {
        type: 'CreatePolicyVersion',
        policyArn: policyArn('S3Read'),
        policyDocument: allow('s3:List*'),
      },
    );
    expect(decide('s3:GetObject')).toBe('Allowed');
    await t.given({
      type: 'SetDefaultPolicyVersion',
      policyArn: policyArn('S3Read'),
      versionId: 'v2',
    });
    expect(decide('s3:GetObject')).toBe('ImplicitlyDenied');
    expect(decide('s3:ListBucket')).toBe('Allowed');
  });

  it('are capped by the permissions boundary and lost when the user leaves the group', async () => {
    await t.given(
      { type: 'AttachGroupPolicy', groupName: 'devs', policyArn: policyArn('Ec2') },
      { type: 'AttachUserPolicy', userName: 'alice', policyArn: policyArn('S3Read') },
    );
    await t.given({
      type: 'PutUserPermissionsBoundary',
      userName: 'alice',
      permissionsBoundary: policyArn('S3Read'),
    });
    expect(decide('ec2:RunInstances')).toBe('ImplicitlyDenied');
    expect(decide('s3:GetObject')).toBe('Allowed');
    await t.given({ type: 'DeleteUserPermissionsBoundary', userName: 'alice' });
    expect(decide('ec2:RunInstances')).toBe('Allowed');
    await t.given({ type: 'RemoveUserFromGroup', groupName: 'devs', userName: 'alice' });
    expect(decide('ec2:RunInstances')).toBe('ImplicitlyDenied');
  });

  it('an explicit deny in any policy wins', async () => {
    await t.given(
      { type: 'AttachUserPolicy', userName: 'alice', policyArn: policyArn('Ec2') },
      {
        type: 'PutGroupPolicy',
        groupName: 'devs',
        policyName: 'no-terminate',
        policyDocument: deny('ec2:TerminateInstances'),
      },
    );
    expect(decide('ec2:RunInstances')).toBe('Allowed');
    expect(decide('ec2:TerminateInstances')).toBe('ExplicitlyDenied');
  });

  it('policy variables and principal tags resolve from the principal', async () => {
    await t.given(
      { type: 'TagUser', userName: 'alice', tags: [{ key: 'team', value: 'blue' }] },
      putAlicePolicy(
        'home',
        JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Action: 's3:GetObject',
              Resource: 'arn:aws:s3:::home/${aws:username}/*',
            },
            {
              Effect: 'Allow',
              Action: 's3:PutObject',
              Resource: '*',
              Condition: { StringEquals: { 'aws:PrincipalTag/team': 'blue' } },
            },
          ],
        }),
      ),
    );
    expect(decide('s3:GetObject', 'arn:aws:s3:::home/alice/x')).toBe('Allowed');
    expect(decide('s3:GetObject', 'arn:aws:s3:::home/bob/x')).toBe('ImplicitlyDenied');
    const alice = await t.iam.authenticateSessionToken((await signInAlice()).sessionToken);
    expect(
      t.iam.authorize({
        principal: alice,
        action: 's3:PutObject',
        resource: '*',
        context: { 'aws:PrincipalTag/team': 'red' },
      }).decision,
    ).toBe('Allowed');
  });

  it('MFA conditions see how the principal authenticated', async () => {
    await t.given(
      putAlicePolicy(
        'mfa',
        JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Action: 'iam:*',
              Resource: '*',
              Condition: {
                Bool: { 'aws:MultiFactorAuthPresent': 'true' },
                NumericLessThan: { 'aws:MultiFactorAuthAge': '3600' },
              },
            },
          ],
        }),
      ),
    );
    const session = await t.iam.authenticateSessionToken((await signInAlice()).sessionToken);
    expect(decide('iam:ListUsers', '*', session)).toBe('ImplicitlyDenied');
    const withMfa: Principal = {
      ...session,
      mfaAuthenticated: true,
      mfaAuthenticatedAt: t.clock.now(),
    };
    expect(decide('iam:ListUsers', '*', withMfa)).toBe('Allowed');
    t.clock.advanceSeconds(3600);
    expect(decide('iam:ListUsers', '*', withMfa)).toBe('ImplicitlyDenied');
  });

  it('root has complete access without policies, represented explicitly', async () => {
    const root = await t.iam.resolvePrincipalPolicies(`arn:gatehouse:iam::${ACCOUNT}:root`);
    expect(root).toMatchObject({ root: true, principalType: 'Root', identityPolicies: [] });
    const result = t.iam.authorize({
      principal: t.root,
      action: 'iam:DeleteUser',
      resource: aliceArn,
    });
    expect(result).toMatchObject({ decision: 'Allowed', root: true });
  });

  it('unknown, other-account and deleted principals get nothing', async () => {
    expect(decide('s3:GetObject', '*', `arn:gatehouse:iam::${ACCOUNT}:user/ghost`)).toBe(
      'ImplicitlyDenied',
    );
    expect(decide('s3:GetObject', '*', 'arn:gatehouse:iam::999999999999:root')).toBe(
      'ImplicitlyDenied',
    );
    expect(decide('s3:GetObject', '*', `arn:gatehouse:iam::${ACCOUNT}:user/other-path/alice`)).toBe(
      'ImplicitlyDenied',
    );
    await t.given(putAlicePolicy('p', allow('*')));
    expect(decide('s3:GetObject')).toBe('Allowed');
    await t.given(
      { type: 'DeleteUserPolicy', userName: 'alice', policyName: 'p' },
      { type: 'RemoveUserFromGroup', groupName: 'devs', userName: 'alice' },
      { type: 'DeleteUser', userName: 'alice' },
      { type: 'CreateUser', userName: 'alice' },
    );
    expect(decide('s3:GetObject')).toBe('ImplicitlyDenied');
  });

  it('resolves as of a point in time (who could do X then)', async () => {
    await t.given(putAlicePolicy('p', allow('s3:*')));
    const then = t.clock.now();
    t.clock.advanceSeconds(60);
    await t.given({ type: 'DeleteUserPolicy', userName: 'alice', policyName: 'p' });
    expect((await t.iam.resolvePrincipalPolicies(aliceArn)).identityPolicies).toHaveLength(0);
    expect(
      (await t.iam.resolvePrincipalPolicies(aliceArn, { time: then })).identityPolicies,
    ).toHaveLength(1);
  });

  it('a role session without a session object resolves to the role', async () => {
    await t.given(
      { type: 'CreateRole', roleName: 'R', assumeRolePolicyDocument: trust(aliceArn) },
      { type: 'AttachRolePolicy', roleName: 'R', policyArn: policyArn('Ec2') },
    );
    expect(decide('ec2:RunInstances', '*', `arn:gatehouse:sts::${ACCOUNT}:assumed-role/R/x`)).toBe(
      'Allowed',
    );
  });
});

async function signInAlice(): Promise<{ sessionToken: string }> {
  if (!t.store.events.some((e) => e.type === 'LoginProfileCreated')) {
    await t.given({ type: 'CreateLoginProfile', userName: 'alice', password: 'Alice-Password-1' });
  }
  return await t.run(
    { type: 'SignIn', userName: 'alice', password: 'Alice-Password-1' },
    { principalType: 'Anonymous', principalArn: 'anonymous' },
  );
}
