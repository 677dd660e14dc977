// Least privilege on every permission-changing mutation, over HTTP: a change
// that grants nothing applies; one that grants new access becomes a change
// request of the approval workflow (event ChangeRequestSubmitted on
// workflow-request-<id>) and changes nothing; one that makes a
// non-admin admin-equivalent is refused with the findings.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  ANALYSIS,
  createUserWithPassword,
  errorCode,
  ok,
  policy,
  policyArn,
  rootToken,
  userArn,
  userToken,
} from './support/operations.js';
import { startTestGateway, type TestGateway } from './support/testGateway.js';

let gw: TestGateway;
let root = '';
let operator = '';

interface Change {
  status: string;
  changeRequestId: string | null;
  checkpoint: string | null;
  analysis: {
    verdict: string;
    risk: string;
    findings: { code: string; principal: string | null }[];
    newAccess: { principal: string; action: string }[];
  };
}

beforeAll(async () => {
  gw = await startTestGateway({ adminPrincipals: [userArn('operator')] });
  root = await rootToken(gw);
  await createUserWithPassword(gw, root, 'operator', 'Operator-Password-1!');
  await createUserWithPassword(gw, root, 'alice', 'Alice-Password-1!');
  ok(
    await gw.gql(
      `mutation($d: String!) { createPolicy(policyName: "IamAdmin", policyDocument: $d) { status } }`,
      { d: policy('Allow', ['iam:*', 'sts:*']) },
      { token: root },
    ),
  );
  const granted = ok(
    await gw.gql<{ attachUserPolicy: Change }>(
      `mutation($p: String!) { attachUserPolicy(userName: "operator", policyArn: $p) { ${ANALYSIS} } }`,
      { p: policyArn('IamAdmin') },
      { token: root },
    ),
  ).attachUserPolicy;
  // The operator is in the account's admin list: approval, not a block; root applies it.
  expect(granted).toMatchObject({
    status: 'APPLIED',
    analysis: { verdict: 'REQUIRE_APPROVAL', risk: 'CRITICAL' },
  });
  operator = await userToken(gw, 'operator', 'Operator-Password-1!');
});

afterAll(async () => {
  await gw.close();
});

describe('the least-privilege gate', () => {
  it('applies a change that grants nothing new, with the analysis in the payload', async () => {
    const created = ok(
      await gw.gql<{ createPolicy: Change & { policy: { arn: string } } }>(
        `mutation($d: String!) { createPolicy(policyName: "ReadUsers", policyDocument: $d) { ${ANALYSIS} policy { arn } } }`,
        { d: policy('Allow', ['iam:GetUser', 'iam:ListUsers']) },
        { token: operator },
      ),
    ).createPolicy;
    expect(created).toMatchObject({
      status: 'APPLIED',
      changeRequestId: null,
      checkpoint: expect.stringMatching(/^\d+:\d+$/),
      analysis: { verdict: 'AUTO_APPLY', risk: 'LOW', findings: [] },
      policy: { arn: policyArn('ReadUsers') },
    });
  });

  it('submits a change that grants new access for approval and applies nothing', async () => {
    const before = await gw.eventCount();
    const response = await gw.gql<{ attachUserPolicy: Change }>(
      `mutation($p: String!) { attachUserPolicy(userName: "alice", policyArn: $p) { ${ANALYSIS} } }`,
      { p: policyArn('ReadUsers') },
      { token: operator },
    );
    const change = ok(response).attachUserPolicy;
    expect(change).toMatchObject({
      status: 'PENDING_APPROVAL',
      checkpoint: null,
      analysis: {
        verdict: 'REQUIRE_APPROVAL',
        findings: [expect.objectContaining({ code: 'READ_ACCESS', principal: userArn('alice') })],
      },
    });
    expect(change.analysis.newAccess).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ principal: userArn('alice'), action: 'iam:GetUser' }),
      ]),
    );
    // Exactly one event: the workflow's change request, in its own stream.
    expect(await gw.eventCount()).toBe(before + 1);
    const { rows } = await gw.pool.query<{
      stream_id: string;
      type: string;
      actor: string;
      data: Record<string, unknown>;
    }>(`SELECT stream_id, type, actor, data FROM events ORDER BY global_position DESC LIMIT 1`);
    expect(rows[0]).toMatchObject({
      stream_id: `workflow-request-${change.changeRequestId}`,
      type: 'ChangeRequestSubmitted',
      actor: userArn('operator'),
      data: {
        requestId: change.changeRequestId,
        source: 'gateway',
        change: {
          kind: 'IamCommand',
          command: {
            type: 'AttachUserPolicy',
            userName: 'alice',
            policyArn: policyArn('ReadUsers'),
          },
        },
        action: 'iam:AttachUserPolicy',
        analysis: { verdict: 'REQUIRE_APPROVAL' },
        requester: { principalArn: userArn('operator'), principalType: 'User' },
      },
    });
    // The request is a real workflow request, pending.
    const request = ok(
      await gw.gql<{ changeRequest: { status: string; requesterArn: string } }>(
        `query($id: ID!) { changeRequest(id: $id) { status requesterArn } }`,
        { id: change.changeRequestId },
        { token: root },
      ),
    ).changeRequest;
    expect(request).toEqual({ status: 'PENDING', requesterArn: userArn('operator') });
    // Nothing changed for alice.
    const attached = ok(
      await gw.gql<{ listAttachedUserPolicies: { edges: unknown[] } }>(
        `{ listAttachedUserPolicies(userName: "alice") { edges { node { policyArn } } } }`,
        {},
        { token: operator },
      ),
    );
    expect(attached.listAttachedUserPolicies.edges).toEqual([]);
    const alice = await userToken(gw, 'alice', 'Alice-Password-1!');
    expect(
      errorCode(await gw.gql(`{ getUser(userName: "operator") { arn } }`, {}, { token: alice })),
    ).toBe('FORBIDDEN');
  });

  it('refuses admin-equivalent access for a non-admin, even from root, with the findings and no event', async () => {
    const before = await gw.eventCount();
    const response = await gw.gql(
      `mutation($p: String!) { attachUserPolicy(userName: "alice", policyArn: $p) { status } }`,
      { p: policyArn('IamAdmin') },
      { token: root },
    );
    expect(errorCode(response)).toBe('FORBIDDEN');
    expect(response.errors?.[0]?.extensions?.details).toMatchObject({
      reason: 'LEAST_PRIVILEGE_BLOCK',
      analysis: {
        verdict: 'BLOCK',
        risk: 'CRITICAL',
        findings: expect.arrayContaining([
          expect.objectContaining({
            code: 'ADMIN_EQUIVALENT_FOR_NON_ADMIN',
            principal: userArn('alice'),
          }),
        ]),
      },
    });
    expect(await gw.eventCount()).toBe(before);
  });

  it('leaves an invalid change to the domain, which names the problem', async () => {
    const response = await gw.gql(
      `mutation($p: String!) { attachUserPolicy(userName: "alice", policyArn: $p) { status } }`,
      { p: policyArn('DoesNotExist') },
      { token: operator },
    );
    expect(errorCode(response)).toBe('NOT_FOUND');
  });
});
