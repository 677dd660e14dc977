// The seed's story over HTTP against PostgreSQL: root signs in with MFA, creates
// a group with a policy and users; the users gain exactly the group's access; a
// role is assumed and the user's own permissions are gone for that session; a
// deny wins.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  ANALYSIS,
  SIGN_IN,
  createUserWithPassword,
  errorCode,
  nextCode,
  ok,
  policy,
  policyArn,
  roleArn,
  twoCodes,
  userArn,
  userToken,
} from './support/operations.js';
import {
  ACCOUNT_ID,
  ROOT_EMAIL,
  ROOT_PASSWORD,
  startTestGateway,
  type TestGateway,
} from './support/testGateway.js';

let gw: TestGateway;
let root = '';
let seed = '';
const ALICE_PASSWORD = 'Alice-Password-1!';
const BOB_PASSWORD = 'Bob-Password-1!';

beforeAll(async () => {
  gw = await startTestGateway();
});

afterAll(async () => {
  await gw.close();
});

describe('the seed story', () => {
  it('root signs in, is warned, and enables MFA', async () => {
    const first = await gw.gql<{ signIn: { sessionToken: string; rootSignIn: boolean } }>(SIGN_IN, {
      rootEmail: ROOT_EMAIL,
      password: ROOT_PASSWORD,
    });
    expect(ok(first).signIn.rootSignIn).toBe(true);
    expect(first.extensions?.warnings?.join(' ')).toMatch(/root user/);
    expect(first.extensions?.warnings?.join(' ')).toMatch(/no MFA device/);
    const token = ok(first).signIn.sessionToken;

    const device = ok(
      await gw.gql<{ createVirtualMfaDevice: { serialNumber: string; base32StringSeed: string } }>(
        `mutation { createVirtualMfaDevice(virtualMfaDeviceName: "root-phone") { serialNumber base32StringSeed } }`,
        {},
        { token },
      ),
    ).createVirtualMfaDevice;
    seed = device.base32StringSeed;
    const [code1, code2] = twoCodes(gw, seed);
    ok(
      await gw.gql(
        `mutation($s: String!, $c1: String!, $c2: String!) {
           enableMfaDevice(serialNumber: $s, authenticationCode1: $c1, authenticationCode2: $c2) { checkpoint }
         }`,
        { s: device.serialNumber, c1: code1, c2: code2 },
        { token },
      ),
    );

    const withoutCode = await gw.gql(SIGN_IN, { rootEmail: ROOT_EMAIL, password: ROOT_PASSWORD });
    expect(errorCode(withoutCode)).toBe('UNAUTHENTICATED');
    expect(withoutCode.errors?.[0]?.extensions?.details?.reason).toBe('MFA_REQUIRED');

    const withCode = await gw.gql<{
      signIn: { sessionToken: string; principal: { mfaAuthenticated: boolean } };
    }>(SIGN_IN, {
      rootEmail: ROOT_EMAIL,
      password: ROOT_PASSWORD,
      code: nextCode(gw, seed),
    });
    expect(ok(withCode).signIn.principal.mfaAuthenticated).toBe(true);
    expect(withCode.extensions?.warnings?.join(' ')).not.toMatch(/no MFA device/);
    root = ok(withCode).signIn.sessionToken;
  });

  it('root creates a group with a policy and two users', async () => {
    const group = await gw.gql(
      `mutation { createGroup(groupName: "readers") { status group { arn } } }`,
      {},
      { token: root },
    );
    ok(group);
    // Every call with root credentials carries the warning.
    expect(group.extensions?.warnings?.join(' ')).toMatch(/root user credentials were used/);
    const created = ok(
      await gw.gql<{ createPolicy: { status: string; policy: { arn: string } } }>(
        `mutation($d: String!) { createPolicy(policyName: "ReadUsers", policyDocument: $d) { status policy { arn } } }`,
        { d: policy('Allow', ['iam:GetUser', 'iam:ListUsers']) },
        { token: root },
      ),
    );
    expect(created.createPolicy.policy.arn).toBe(policyArn('ReadUsers'));
    const attached = ok(
      await gw.gql<{ attachGroupPolicy: { status: string; analysis: { verdict: string } } }>(
        `mutation($p: String!) { attachGroupPolicy(groupName: "readers", policyArn: $p) { ${ANALYSIS} } }`,
        { p: policyArn('ReadUsers') },
        { token: root },
      ),
    );
    // Nobody is in the group yet: nothing new is granted.
    expect(attached.attachGroupPolicy).toMatchObject({
      status: 'APPLIED',
      analysis: { verdict: 'AUTO_APPLY' },
    });

    await createUserWithPassword(gw, root, 'alice', ALICE_PASSWORD);
    await createUserWithPassword(gw, root, 'bob', BOB_PASSWORD);
    const listed = ok(
      await gw.gql<{ listUsers: { edges: { node: { userName: string } }[] } }>(
        `{ listUsers(first: 10) { edges { node { userName } } } }`,
        {},
        { token: root },
      ),
    );
    expect(listed.listUsers.edges.map((e) => e.node.userName)).toEqual(['alice', 'bob']);
  });

  it('a user gains exactly the group access (analysed, applied by root with a warning)', async () => {
    const before = await userToken(gw, 'alice', ALICE_PASSWORD);
    expect(
      errorCode(await gw.gql(`{ getUser(userName: "bob") { userName } }`, {}, { token: before })),
    ).toBe('FORBIDDEN');

    const added = await gw.gql<{
      addUserToGroup: {
        status: string;
        analysis: { verdict: string; newAccess: { principal: string; action: string }[] };
      };
    }>(
      `mutation { addUserToGroup(groupName: "readers", userName: "alice") { ${ANALYSIS} } }`,
      {},
      { token: root },
    );
    expect(ok(added).addUserToGroup.status).toBe('APPLIED');
    expect(ok(added).addUserToGroup.analysis.verdict).toBe('REQUIRE_APPROVAL');
    expect(ok(added).addUserToGroup.analysis.newAccess.map((a) => a.principal)).toContain(
      userArn('alice'),
    );
    expect(added.extensions?.warnings?.join(' ')).toMatch(/requires approval/);

    const alice = await userToken(gw, 'alice', ALICE_PASSWORD);
    const bob = ok(
      await gw.gql<{ getUser: { arn: string } }>(
        `{ getUser(userName: "bob") { arn } }`,
        {},
        { token: alice },
      ),
    );
    expect(bob.getUser.arn).toBe(userArn('bob'));
    expect(
      errorCode(
        await gw.gql(
          `mutation { createUser(userName: "mallory") { status } }`,
          {},
          { token: alice },
        ),
      ),
    ).toBe('FORBIDDEN');
    // Bob is not in the group: still nothing.
    const bobToken = await userToken(gw, 'bob', BOB_PASSWORD);
    expect(
      errorCode(await gw.gql(`{ getUser(userName: "alice") { arn } }`, {}, { token: bobToken })),
    ).toBe('FORBIDDEN');

    const simulated = ok(
      await gw.gql<{ simulatePrincipalPolicy: { action: string; decision: string }[] }>(
        `query($p: String!) { simulatePrincipalPolicy(policySourceArn: $p, actionNames: ["iam:GetUser", "iam:ListUsers", "iam:CreateUser", "iam:DeleteUser"]) { action decision } }`,
        { p: userArn('alice') },
        { token: root },
      ),
    );
    expect(simulated.simulatePrincipalPolicy.map((s) => [s.action, s.decision])).toEqual([
      ['iam:GetUser', 'Allowed'],
      ['iam:ListUsers', 'Allowed'],
      ['iam:CreateUser', 'ImplicitlyDenied'],
      ['iam:DeleteUser', 'ImplicitlyDenied'],
    ]);
  });

  it("a role is assumed and the user's own permissions are gone for that session", async () => {
    const trust = JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Principal: { AWS: userArn('alice') }, Action: 'sts:AssumeRole' },
      ],
    });
    const role = ok(
      await gw.gql<{ createRole: { status: string; role: { arn: string } } }>(
        `mutation($t: String!) { createRole(roleName: "RoleReader", assumeRolePolicyDocument: $t) { status role { arn } } }`,
        { t: trust },
        { token: root },
      ),
    );
    expect(role.createRole.role.arn).toBe(roleArn('RoleReader'));
    ok(
      await gw.gql(
        `mutation($d: String!) { putRolePolicy(roleName: "RoleReader", policyName: "ListRoles", policyDocument: $d) { status } }`,
        { d: policy('Allow', ['iam:ListRoles', 'iam:GetRole']) },
        { token: root },
      ),
    );

    const alice = await userToken(gw, 'alice', ALICE_PASSWORD);
    expect(
      errorCode(
        await gw.gql(`{ listRoles { edges { node { roleName } } } }`, {}, { token: alice }),
      ),
    ).toBe('FORBIDDEN');
    const assumed = ok(
      await gw.gql<{
        assumeRole: { credentials: { sessionToken: string }; assumedRoleUser: { arn: string } };
      }>(
        `mutation($r: String!) { assumeRole(roleArn: $r, roleSessionName: "alice-audit") { credentials { sessionToken } assumedRoleUser { arn } } }`,
        { r: roleArn('RoleReader') },
        { token: alice },
      ),
    );
    expect(assumed.assumeRole.assumedRoleUser.arn).toBe(
      `arn:gatehouse:sts::${ACCOUNT_ID}:assumed-role/RoleReader/alice-audit`,
    );
    const session = assumed.assumeRole.credentials.sessionToken;
    const roles = ok(
      await gw.gql<{ listRoles: { edges: { node: { roleName: string } }[] } }>(
        `{ listRoles { edges { node { roleName } } } }`,
        {},
        { token: session },
      ),
    );
    expect(roles.listRoles.edges.map((e) => e.node.roleName)).toEqual(['RoleReader']);
    // Alice's own (group) permission does not apply to the role session.
    expect(
      errorCode(await gw.gql(`{ getUser(userName: "bob") { arn } }`, {}, { token: session })),
    ).toBe('FORBIDDEN');
    const identity = ok(
      await gw.gql<{ getCallerIdentity: { arn: string; principalType: string } }>(
        `{ getCallerIdentity { arn principalType } }`,
        {},
        { token: session },
      ),
    );
    expect(identity.getCallerIdentity.principalType).toBe('AssumedRole');
  });

  it('a deny wins over the group allow', async () => {
    const put = ok(
      await gw.gql<{ putUserPolicy: { status: string; analysis: { verdict: string } } }>(
        `mutation($d: String!) { putUserPolicy(userName: "alice", policyName: "NoBob", policyDocument: $d) { ${ANALYSIS} } }`,
        { d: policy('Deny', ['iam:GetUser'], [userArn('bob')]) },
        { token: root },
      ),
    );
    expect(put.putUserPolicy).toMatchObject({
      status: 'APPLIED',
      analysis: { verdict: 'AUTO_APPLY' },
    });
    const alice = await userToken(gw, 'alice', ALICE_PASSWORD);
    const denied = await gw.gql(`{ getUser(userName: "bob") { arn } }`, {}, { token: alice });
    expect(errorCode(denied)).toBe('FORBIDDEN');
    expect(denied.errors?.[0]?.extensions?.details).toMatchObject({
      action: 'iam:GetUser',
      decision: 'ExplicitlyDenied',
    });
    // The rest of the group's access stays.
    ok(await gw.gql(`{ getUser(userName: "alice") { arn } }`, {}, { token: alice }));
  });

  it('logs every decision with its principal and outcome', async () => {
    await gw.gateway.decisionLog.flush();
    const { rows } = await gw.pool.query<{
      principal_arn: string;
      action: string;
      decision: string;
    }>(
      `SELECT principal_arn, action, decision FROM authorization_decisions WHERE principal_arn = $1 ORDER BY id`,
      [userArn('alice')],
    );
    expect(rows).toContainEqual({
      principal_arn: userArn('alice'),
      action: 'iam:GetUser',
      decision: 'ExplicitlyDenied',
    });
    expect(rows).toContainEqual({
      principal_arn: userArn('alice'),
      action: 'iam:GetUser',
      decision: 'Allowed',
    });
    expect(rows).toContainEqual({
      principal_arn: userArn('alice'),
      action: 'iam:CreateUser',
      decision: 'ImplicitlyDenied',
    });
  });
});
