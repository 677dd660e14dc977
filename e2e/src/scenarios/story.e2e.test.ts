// The seed's story against the platform as deployed: the gateway and the
// approvals service as separate processes in Kafka mode, driven over HTTP with
// real TOTP codes. Root bootstraps and enables MFA; a group with a policy and
// users; a member gains exactly the group's access; a role is assumed and the
// user's own permissions are gone for that session; a deny wins; a change that
// would make a non-admin admin-equivalent is blocked with its findings; a
// principal without permissions is refused everything. Throughout, an external
// Kafka consumer reads the relay's topic and, at the end, has seen every event of
// the log, each stream in order.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mfaCode } from '@gatehouse/iam/testing';
import { arn, policyDocument, ROOT_EMAIL, ROOT_PASSWORD, trustPolicy } from '../support/account.js';
import { compareWithLog, deliveredAll, loggedEvents } from '../support/eventLog.js';
import type { TopicReader } from '../support/kafka.js';
import { useStack } from '../support/stack.js';

const stack = useStack({ name: 'story' });
let reader: TopicReader;
let root = '';

beforeAll(async () => {
  reader = await stack().readTopic();
});

afterAll(async () => {
  await reader.stop();
});

const must = <T = Record<string, unknown>>(
  query: string,
  variables: Record<string, unknown> = {},
  token?: string,
) => stack().client.must<T>(query, variables, token);
const call = (query: string, variables: Record<string, unknown> = {}, token?: string) =>
  stack().client.call(query, variables, token);
const signInUser = (name: string) =>
  stack().client.signIn({ userName: name, password: `${name}-Password-1!` });

describe('the platform, as a client uses it', () => {
  it('root signs in with the bootstrap password, enables MFA, and then needs it', async () => {
    const first = await stack().rootToken();
    const { seed, enabledAt } = await stack().client.enableVirtualMfaDevice(first, 'root-e2e');

    const withoutCode = await call(
      `mutation($e: String!, $p: String!) { signIn(rootEmail: $e, password: $p) { sessionToken } }`,
      { e: ROOT_EMAIL, p: ROOT_PASSWORD },
    );
    expect(withoutCode.code).toBe('UNAUTHENTICATED');
    const withMfa = await must<{
      signIn: { sessionToken: string; principal: { mfaAuthenticated: boolean } };
    }>(
      `mutation($e: String!, $p: String!, $c: String!) { signIn(rootEmail: $e, password: $p, authenticationCode: $c) { sessionToken principal { mfaAuthenticated } } }`,
      { e: ROOT_EMAIL, p: ROOT_PASSWORD, c: mfaCode(seed, enabledAt, 1) },
    );
    expect(withMfa.signIn.principal.mfaAuthenticated).toBe(true);
    root = withMfa.signIn.sessionToken;
  });

  it('root creates a group with a policy and users; a member gains exactly the group access', async () => {
    await must(`mutation { createGroup(groupName: "readers") { status } }`, {}, root);
    await must(
      `mutation($d: String!) { createPolicy(policyName: "ReadUsers", policyDocument: $d) { status } }`,
      { d: policyDocument('Allow', ['iam:GetUser', 'iam:ListUsers']) },
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
    expect(added.data).toEqual({
      addUserToGroup: { status: 'APPLIED', analysis: { verdict: 'REQUIRE_APPROVAL' } },
    });

    const alice = await signInUser('alice');
    const bob = await signInUser('bob');
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
    await must(
      `mutation($t: String!) { createRole(roleName: "Lister", assumeRolePolicyDocument: $t) { status } }`,
      { t: trustPolicy(arn('user', 'alice')) },
      root,
    );
    await must(
      `mutation($d: String!) { putRolePolicy(roleName: "Lister", policyName: "ListRoles", policyDocument: $d) { status } }`,
      { d: policyDocument('Allow', ['iam:ListRoles']) },
      root,
    );
    const alice = await signInUser('alice');
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

  it('a deny wins over the group allow', async () => {
    await must(
      `mutation($d: String!) { putUserPolicy(userName: "alice", policyName: "NoBob", policyDocument: $d) { status } }`,
      { d: policyDocument('Deny', ['iam:GetUser'], [arn('user', 'bob')]) },
      root,
    );
    const alice = await signInUser('alice');
    const denied = await call(`{ getUser(userName: "bob") { arn } }`, {}, alice);
    expect(denied.code).toBe('FORBIDDEN');
    expect(denied.errors?.[0]?.message).toMatch(/explicit deny/);
    expect((await call(`{ getUser(userName: "alice") { arn } }`, {}, alice)).code).toBeUndefined();
  });

  it('blocks a change that would make a non-admin admin-equivalent, with its findings, appending nothing', async () => {
    await must(
      `mutation($d: String!) { createPolicy(policyName: "IamAdmin", policyDocument: $d) { status } }`,
      { d: policyDocument('Allow', ['iam:*', 'sts:*']) },
      root,
    );
    const before = (await loggedEvents(stack().database.pool)).length;
    const blocked = await call(
      `mutation($p: String!) { attachUserPolicy(userName: "bob", policyArn: $p) { status } }`,
      { p: arn('policy', 'IamAdmin') },
      root,
    );
    expect(blocked.code).toBe('FORBIDDEN');
    expect(blocked.errors?.[0]?.extensions?.details).toMatchObject({
      reason: 'LEAST_PRIVILEGE_BLOCK',
      analysis: {
        verdict: 'BLOCK',
        risk: 'CRITICAL',
        findings: expect.arrayContaining([
          expect.objectContaining({
            code: 'ADMIN_EQUIVALENT_FOR_NON_ADMIN',
            principal: arn('user', 'bob'),
          }),
        ]),
      },
    });
    expect((await loggedEvents(stack().database.pool)).length).toBe(before);
    const bob = await signInUser('bob');
    expect(
      (await call(`mutation { createUser(userName: "mallory") { status } }`, {}, bob)).code,
    ).toBe('FORBIDDEN');
  });

  it('refuses a principal without permissions every mutation it tries, appending nothing', async () => {
    const bob = await signInUser('bob');
    const attempts = [
      `mutation { createUser(userName: "x") { status } }`,
      `mutation { deleteUser(userName: "alice") { checkpoint } }`,
      `mutation { addUserToGroup(groupName: "readers", userName: "bob") { status } }`,
      `mutation($p: String!) { attachUserPolicy(userName: "bob", policyArn: $p) { status } }`,
      `mutation { createAccessKey(userName: "alice") { accessKeyId } }`,
      `mutation { updateRootEmail(rootEmail: "x@example.com") { checkpoint } }`,
    ];
    const before = (await loggedEvents(stack().database.pool)).length;
    for (const attempt of attempts) {
      expect({
        attempt,
        code: (await call(attempt, { p: arn('policy', 'ReadUsers') }, bob)).code,
      }).toEqual({ attempt, code: 'FORBIDDEN' });
    }
    expect((await loggedEvents(stack().database.pool)).length).toBe(before);
  });

  it('an external Kafka consumer sees every event of the run, each stream in order', async () => {
    const logged = await loggedEvents(stack().database.pool);
    // Bootstrap, MFA, groups, users, policies, role, deny: many streams, some with several versions.
    expect(new Set(logged.map((event) => event.streamId)).size).toBeGreaterThan(5);
    await reader.waitFor((received) => deliveredAll(received, logged), 60_000, 'every event');
    const report = compareWithLog(reader.received, logged);
    expect(report.violations).toEqual([]);
    expect(report.missing).toEqual([]);
    expect(report.delivered).toBe(logged.length);
    // The approvals service, itself a consumer of that topic, applied all of it.
    await stack().intakeCaughtUp();
  });

  it('both processes are ready, then stop cleanly on SIGTERM', async () => {
    for (const service of [stack().approvals, stack().gateway]) {
      expect((await fetch(`${service.baseUrl}/readyz`)).status).toBe(200);
      expect(await service.stop()).toBe(0);
      expect(service.output()).not.toMatch(/"level":(50|60)|"level":"(error|fatal)"/);
    }
  });
});
