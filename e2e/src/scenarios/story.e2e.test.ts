// The seed's story against the gateway as a separate process, over HTTP, on a
// real PostgreSQL: root signs in with MFA, creates a group with a policy and
// users; a user gains exactly the group's access; a role is assumed and the
// user's own permissions are gone for that session; a deny wins. Then a
// principal without permissions is refused everything it tries, and the process
// stops cleanly.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mfaCode } from '@gatehouse/iam/testing';
import {
  ACCOUNT_ID,
  ROOT_EMAIL,
  ROOT_PASSWORD,
  startGatewayProcess,
  type GatewayUnderTest,
} from './gatewayProcess.js';

let gw: GatewayUnderTest | undefined;
let root = '';

const SIGN_IN = `mutation($u: String, $e: String, $p: String!, $c: String) {
  signIn(userName: $u, rootEmail: $e, password: $p, authenticationCode: $c) { sessionToken principal { mfaAuthenticated } }
}`;
const arn = (kind: string, name: string) => `arn:gatehouse:iam::${ACCOUNT_ID}:${kind}/${name}`;
const allow = (actions: string[], resources = ['*']) =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action: actions, Resource: resources }],
  });

async function call(query: string, variables: Record<string, unknown> = {}, token?: string) {
  const response = await gw!.call<Record<string, unknown>>(query, variables, token);
  return { ...response, code: response.body.errors?.[0]?.extensions?.code };
}

async function must<T>(
  query: string,
  variables: Record<string, unknown> = {},
  token?: string,
): Promise<T> {
  const response = await gw!.call<T>(query, variables, token);
  if (response.body.errors !== undefined || response.body.data === undefined) {
    throw new Error(`${query}\n${JSON.stringify(response.body.errors)}`);
  }
  return response.body.data;
}

async function signIn(user: { u?: string; e?: string; p: string; c?: string }): Promise<string> {
  return (await must<{ signIn: { sessionToken: string } }>(SIGN_IN, user)).signIn.sessionToken;
}

beforeAll(async () => {
  gw = await startGatewayProcess();
});

afterAll(async () => {
  await gw?.stop();
});

describe('the gateway process', () => {
  it('root signs in, enables MFA, and signs in with it', async () => {
    const first = await signIn({ e: ROOT_EMAIL, p: ROOT_PASSWORD });
    const device = (
      await must<{ createVirtualMfaDevice: { serialNumber: string; base32StringSeed: string } }>(
        `mutation { createVirtualMfaDevice(virtualMfaDeviceName: "root-e2e") { serialNumber base32StringSeed } }`,
        {},
        first,
      )
    ).createVirtualMfaDevice;
    // Real time here: the previous and the current code enable it, the next one signs in.
    const now = new Date();
    await must(
      `mutation($s: String!, $a: String!, $b: String!) { enableMfaDevice(serialNumber: $s, authenticationCode1: $a, authenticationCode2: $b) { checkpoint } }`,
      {
        s: device.serialNumber,
        a: mfaCode(device.base32StringSeed, now, -1),
        b: mfaCode(device.base32StringSeed, now),
      },
      first,
    );
    expect((await call(SIGN_IN, { e: ROOT_EMAIL, p: ROOT_PASSWORD })).code).toBe('UNAUTHENTICATED');
    const withMfa = await must<{
      signIn: { sessionToken: string; principal: { mfaAuthenticated: boolean } };
    }>(SIGN_IN, {
      e: ROOT_EMAIL,
      p: ROOT_PASSWORD,
      c: mfaCode(device.base32StringSeed, now, 1),
    });
    expect(withMfa.signIn.principal.mfaAuthenticated).toBe(true);
    root = withMfa.signIn.sessionToken;
  });

  it('root creates a group with a policy and users; a member gains exactly the group access', async () => {
    await must(`mutation { createGroup(groupName: "readers") { status } }`, {}, root);
    await must(
      `mutation($d: String!) { createPolicy(policyName: "ReadUsers", policyDocument: $d) { status } }`,
      { d: allow(['iam:GetUser', 'iam:ListUsers']) },
      root,
    );
    await must(
      `mutation($p: String!) { attachGroupPolicy(groupName: "readers", policyArn: $p) { status } }`,
      { p: arn('policy', 'ReadUsers') },
      root,
    );
    for (const name of ['alice', 'bob']) {
      await must(
        `mutation($u: String!) { createUser(userName: $u) { status } }`,
        { u: name },
        root,
      );
      await must(
        `mutation($u: String!, $p: String!) { createLoginProfile(userName: $u, password: $p) { userName } }`,
        { u: name, p: `${name}-Password-1!` },
        root,
      );
    }
    const added = await call(
      `mutation { addUserToGroup(groupName: "readers", userName: "alice") { status analysis { verdict } } }`,
      {},
      root,
    );
    expect(added.body.data?.addUserToGroup).toEqual({
      status: 'APPLIED',
      analysis: { verdict: 'REQUIRE_APPROVAL' },
    });

    const alice = await signIn({ u: 'alice', p: 'alice-Password-1!' });
    const bob = await signIn({ u: 'bob', p: 'bob-Password-1!' });
    expect((await call(`{ getUser(userName: "bob") { arn } }`, {}, alice)).code).toBeUndefined();
    expect(
      (await call(`{ listUsers { edges { node { userName } } } }`, {}, alice)).code,
    ).toBeUndefined();
    expect(
      (await call(`mutation { createUser(userName: "eve") { status } }`, {}, alice)).code,
    ).toBe('FORBIDDEN');
    expect((await call(`{ getUser(userName: "alice") { arn } }`, {}, bob)).code).toBe('FORBIDDEN');
  });

  it("a role is assumed and the user's own permissions are gone for that session", async () => {
    const trust = JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Principal: { AWS: arn('user', 'alice') }, Action: 'sts:AssumeRole' },
      ],
    });
    await must(
      `mutation($t: String!) { createRole(roleName: "Lister", assumeRolePolicyDocument: $t) { status } }`,
      { t: trust },
      root,
    );
    await must(
      `mutation($d: String!) { putRolePolicy(roleName: "Lister", policyName: "ListRoles", policyDocument: $d) { status } }`,
      { d: allow(['iam:ListRoles']) },
      root,
    );
    const alice = await signIn({ u: 'alice', p: 'alice-Password-1!' });
    const session = (
      await must<{ assumeRole: { credentials: { sessionToken: string } } }>(
        `mutation($r: String!) { assumeRole(roleArn: $r, roleSessionName: "e2e") { credentials { sessionToken } } }`,
        { r: arn('role', 'Lister') },
        alice,
      )
    ).assumeRole.credentials.sessionToken;
    expect(
      (await call(`{ listRoles { edges { node { roleName } } } }`, {}, session)).code,
    ).toBeUndefined();
    expect((await call(`{ getUser(userName: "bob") { arn } }`, {}, session)).code).toBe(
      'FORBIDDEN',
    );
    expect((await call(`{ listRoles { edges { node { roleName } } } }`, {}, alice)).code).toBe(
      'FORBIDDEN',
    );
  });

  it('a deny wins', async () => {
    const deny = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Deny', Action: 'iam:GetUser', Resource: arn('user', 'bob') }],
    });
    await must(
      `mutation($d: String!) { putUserPolicy(userName: "alice", policyName: "NoBob", policyDocument: $d) { status } }`,
      { d: deny },
      root,
    );
    const alice = await signIn({ u: 'alice', p: 'alice-Password-1!' });
    const denied = await call(`{ getUser(userName: "bob") { arn } }`, {}, alice);
    expect(denied.code).toBe('FORBIDDEN');
    expect(denied.body.errors?.[0]?.message).toMatch(/explicit deny/);
  });

  it('refuses a principal without permissions every mutation it tries, appending nothing', async () => {
    const bob = await signIn({ u: 'bob', p: 'bob-Password-1!' });
    const attempts = [
      `mutation { createUser(userName: "x") { status } }`,
      `mutation { deleteUser(userName: "alice") { checkpoint } }`,
      `mutation { addUserToGroup(groupName: "readers", userName: "bob") { status } }`,
      `mutation($p: String!) { attachUserPolicy(userName: "bob", policyArn: $p) { status } }`,
      `mutation { createAccessKey(userName: "alice") { accessKeyId } }`,
      `mutation { updateRootEmail(rootEmail: "x@example.com") { checkpoint } }`,
    ];
    const before = await gw!.eventCount();
    for (const attempt of attempts) {
      expect({
        attempt,
        code: (await call(attempt, { p: arn('policy', 'ReadUsers') }, bob)).code,
      }).toEqual({ attempt, code: 'FORBIDDEN' });
    }
    expect(await gw!.eventCount()).toBe(before);
  });

  it('is ready, then stops cleanly on SIGTERM', async () => {
    const ready = await fetch(`${gw!.gateway.baseUrl}/readyz`);
    expect(ready.status).toBe(200);
    expect(await gw!.gateway.stop()).toBe(0);
    expect(gw!.gateway.output()).not.toMatch(/"level":"error"/);
  });
});
