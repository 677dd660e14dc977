// The approval workflow through the gateway's GraphQL, against PostgreSQL, with
// the approvals core on the same database applying what is approved: a gated
// change becomes a workflow request; quorums across groups; separation of
// duties and missing permissions refused with typed errors; the reviewer's
// list holds only what they may review; cursors page without gaps; grants
// listed with their end and revoked.
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
import { startWorkflowGateway, type WorkflowGateway } from './support/workflowGateway.js';

const RULES = `
version: 1
defaults:
  pendingTimeout: 2h
rules:
  - name: prod
    description: production groups need security AND sre (different people)
    match:
      actions: ['iam:AddUserToGroup']
      resources: ['arn:gatehouse:iam::*:group/prod-*']
    reviewers:
      all_of:
        - { group: security, count: 1 }
        - { group: sre, count: 1 }
    maxDuration: 8h
  - name: default
    reviewers: { anyone: 1 }
`;

const PASSWORD = 'Workflow-Password-1!';

const REQUEST_FIELDS = /* GraphQL */ `
  requestId status summary action resource requesterArn risk submittedAt pendingUntil
  quorum { satisfied missing progress { kind group count filledBy } }
  approvals { person groups }
  grant { grantId expiresAt endReason }
  analysis { verdict risk }
`;

interface RequestShape {
  requestId: string;
  status: string;
  summary: string;
  action: string;
  resource: string;
  requesterArn: string;
  risk: string;
  quorum: {
    satisfied: boolean;
    missing: number;
    progress: { kind: string; group: string | null; filledBy: string[] }[];
  } | null;
  approvals: { person: string; groups: string[] }[];
  grant: { grantId: string; expiresAt: string | null; endReason: string | null } | null;
  analysis: { verdict: string; risk: string };
}

interface Page {
  edges: { cursor: string; node: { requestId: string; status: string } }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

let wf: WorkflowGateway;
const tokens: Record<string, string> = {};

function tokenOf(who: string): string {
  const token = tokens[who];
  if (token === undefined) throw new Error(`${who} has not signed in`);
  return token;
}

function gql<T>(who: string, query: string, variables: Record<string, unknown> = {}) {
  return wf.gw.gql<T>(query, variables, { token: tokenOf(who) });
}

async function requestAccess(
  who: string,
  groupName: string,
  duration: string | null = null,
): Promise<RequestShape> {
  return ok(
    await gql<{ requestAccess: { changeRequest: RequestShape } }>(
      who,
      `mutation($g: String!, $d: String) {
        requestAccess(access: { groupName: $g }, justification: "on call this week", duration: $d) {
          changeRequest { ${REQUEST_FIELDS} } checkpoint
        }
      }`,
      { g: groupName, d: duration },
    ),
  ).requestAccess.changeRequest;
}

async function approve(who: string, id: string) {
  return gql<{ approveChangeRequest: { changeRequest: RequestShape } }>(
    who,
    `mutation($id: ID!) { approveChangeRequest(id: $id, comment: "ok") { changeRequest { ${REQUEST_FIELDS} } } }`,
    { id },
  );
}

async function current(id: string): Promise<RequestShape> {
  return ok(
    await gql<{ changeRequest: RequestShape }>(
      'root',
      `query($id: ID!) { changeRequest(id: $id) { ${REQUEST_FIELDS} } }`,
      { id },
    ),
  ).changeRequest;
}

/** Every node of a list, page by page (`first` at a time). */
async function allPages(
  who: string,
  field: 'myChangeRequests' | 'changeRequestsAwaitingMyReview',
  first: number,
): Promise<string[]> {
  const ids: string[] = [];
  let after: string | null = null;
  for (let pages = 0; pages < 50; pages += 1) {
    const page: Page = ok(
      await gql<Record<string, Page>>(
        who,
        `query($first: Int, $after: String) { ${field}(first: $first, after: $after) {
          edges { cursor node { requestId status } } pageInfo { hasNextPage endCursor } } }`,
        { first, after },
      ),
    )[field]!;
    ids.push(...page.edges.map((e) => e.node.requestId));
    if (!page.pageInfo.hasNextPage) return ids;
    after = page.pageInfo.endCursor;
  }
  throw new Error('too many pages');
}

async function root(query: string, variables: Record<string, unknown> = {}): Promise<void> {
  ok(await wf.gw.gql(query, variables, { token: tokenOf('root') }));
}

beforeAll(async () => {
  wf = await startWorkflowGateway({ adminPrincipals: [userArn('operator')] });
  tokens.root = await rootToken(wf.gw);
  await wf.publishRules(RULES, tokens.root);
  for (const group of ['security', 'sre', 'reviewers', 'prod-db', 'readers', 'team']) {
    await root(`mutation($g: String!) { createGroup(groupName: $g) { status } }`, { g: group });
  }
  const putGroupPolicy = `mutation($g: String!, $d: String!) {
    putGroupPolicy(groupName: $g, policyName: "p", policyDocument: $d) { status } }`;
  await root(putGroupPolicy, {
    g: 'reviewers',
    d: policy('Allow', [
      'approvals:ApproveChangeRequest',
      'approvals:RejectChangeRequest',
      'approvals:GetChangeRequest',
      'approvals:ListChangeRequests',
      'approvals:SubmitChangeRequest',
    ]),
  });
  await root(putGroupPolicy, { g: 'prod-db', d: policy('Allow', ['iam:GetUser']) });
  await root(putGroupPolicy, { g: 'readers', d: policy('Allow', ['iam:ListUsers']) });
  await root(putGroupPolicy, { g: 'team', d: policy('Allow', ['iam:GetGroup']) });
  const members: Record<string, string[]> = {
    alice: ['reviewers'],
    bob: ['security', 'reviewers'],
    carol: ['sre', 'reviewers'],
    dave: ['security', 'sre'],
    operator: [],
  };
  for (const [name, groups] of Object.entries(members)) {
    await createUserWithPassword(wf.gw, tokens.root, name, PASSWORD);
    for (const group of groups) {
      await root(
        `mutation($g: String!, $u: String!) { addUserToGroup(groupName: $g, userName: $u) { status } }`,
        { g: group, u: name },
      );
    }
  }
  // dave is in the quorum's groups but may not approve: he may only list and read.
  await root(
    `mutation($d: String!) { putUserPolicy(userName: "dave", policyName: "read", policyDocument: $d) { status } }`,
    { d: policy('Allow', ['approvals:ListChangeRequests', 'approvals:GetChangeRequest']) },
  );
  await root(
    `mutation($d: String!) { createPolicy(policyName: "Operator", policyDocument: $d) { status } }`,
    { d: policy('Allow', ['iam:*', 'approvals:ListChangeRequests']) },
  );
  await root(
    `mutation($p: String!) { createPolicy(policyName: "ReadUsers", policyDocument: $p) { status } }`,
    { p: policy('Allow', ['iam:GetUser', 'iam:ListUsers']) },
  );
  await root(
    `mutation($p: String!) { attachUserPolicy(userName: "operator", policyArn: $p) { status } }`,
    { p: policyArn('Operator') },
  );
  for (const name of Object.keys(members)) {
    tokens[name] = await userToken(wf.gw, name, PASSWORD);
  }
}, 60_000);

afterAll(async () => {
  await wf.close();
});

describe('the approval workflow over GraphQL', () => {
  it('turns a gated change into a workflow request the requester sees in myChangeRequests', async () => {
    const change = ok(
      await gql<{ attachUserPolicy: { status: string; changeRequestId: string } }>(
        'operator',
        `mutation($p: String!) { attachUserPolicy(userName: "alice", policyArn: $p) { ${ANALYSIS} } }`,
        { p: policyArn('ReadUsers') },
      ),
    ).attachUserPolicy;
    expect(change.status).toBe('PENDING_APPROVAL');
    await wf.caughtUp();
    const mine = ok(
      await gql<{ myChangeRequests: Page }>(
        'operator',
        `{ myChangeRequests(status: [PENDING]) { edges { node { requestId status } } } }`,
      ),
    ).myChangeRequests;
    expect(mine.edges.map((e) => e.node)).toEqual([
      { requestId: change.changeRequestId, status: 'PENDING' },
    ]);
    const request = await current(change.changeRequestId);
    expect(request).toMatchObject({
      action: 'iam:AttachUserPolicy',
      resource: policyArn('ReadUsers'),
      requesterArn: userArn('operator'),
      analysis: { verdict: 'REQUIRE_APPROVAL' },
    });
  });

  it('approves a request needing one reviewer from each of two groups only when two people approved', async () => {
    const request = await requestAccess('alice', 'prod-db', '2h');
    expect(request).toMatchObject({
      status: 'PENDING',
      action: 'iam:AddUserToGroup',
      requesterArn: userArn('alice'),
      quorum: { satisfied: false, missing: 2 },
    });
    const first = ok(await approve('bob', request.requestId)).approveChangeRequest.changeRequest;
    expect(first).toMatchObject({ status: 'PENDING', quorum: { satisfied: false, missing: 1 } });
    // bob again: one person counts once.
    expect(errorCode(await approve('bob', request.requestId))).toBe('CONFLICT');
    const second = ok(await approve('carol', request.requestId)).approveChangeRequest.changeRequest;
    expect(second).toMatchObject({ status: 'APPROVED', quorum: { satisfied: true, missing: 0 } });
    expect(second.approvals.map((a) => a.person).sort()).toEqual([
      userArn('bob'),
      userArn('carol'),
    ]);

    const history = ok(
      await gql<{
        changeRequestHistory: { events: { type: string; actor: string; data: object }[] };
      }>(
        'alice',
        `query($id: ID!) { changeRequestHistory(id: $id) { events { type actor data } } }`,
        { id: request.requestId },
      ),
    ).changeRequestHistory.events;
    expect(history.map((e) => [e.type, e.actor])).toEqual([
      ['ChangeRequestSubmitted', userArn('alice')],
      ['ChangeRequestApproved', userArn('bob')],
      ['ChangeRequestApproved', userArn('carol')],
    ]);
    expect(history[0]?.data).toMatchObject({ analysis: { verdict: expect.any(String) } });

    // The approvals service applies it; the grant is listed with its end, then revoked.
    for (let i = 0; i < 5 && (await current(request.requestId)).status !== 'ACTIVE'; i += 1) {
      await wf.settle();
    }
    const active = await current(request.requestId);
    expect(active.status).toBe('ACTIVE');
    const expiresAt = active.grant?.expiresAt;
    expect(expiresAt).toBe(new Date(wf.gw.clock.now().getTime() + 2 * 3600_000).toISOString());
    await wf.caughtUp();
    const grants = ok(
      await gql<{ activeGrants: { edges: { node: { grantId: string; expiresAt: string } }[] } }>(
        'alice',
        `query($b: String) { activeGrants(beneficiaryArn: $b) { edges { node { grantId expiresAt } } } }`,
        { b: userArn('alice') },
      ),
    ).activeGrants.edges.map((e) => e.node);
    expect(grants).toEqual([{ grantId: active.grant?.grantId, expiresAt }]);

    // dave may not revoke somebody else's grant; alice, its beneficiary, may give it up.
    expect(
      errorCode(
        await gql(
          'dave',
          `mutation($id: ID!) { revokeGrant(requestId: $id, reason: "x") { changeRequest { status } } }`,
          { id: request.requestId },
        ),
      ),
    ).toBe('FORBIDDEN');
    const revoked = ok(
      await gql<{ revokeGrant: { changeRequest: RequestShape } }>(
        'alice',
        `mutation($id: ID!) { revokeGrant(requestId: $id, reason: "done early") { changeRequest { ${REQUEST_FIELDS} } } }`,
        { id: request.requestId },
      ),
    ).revokeGrant.changeRequest;
    expect(revoked).toMatchObject({ status: 'REVOKED', grant: { endReason: 'REVOKED' } });
    await wf.settle();
    await wf.caughtUp();
    const after = ok(
      await gql<{ activeGrants: { edges: unknown[] } }>(
        'alice',
        `query($b: String) { activeGrants(beneficiaryArn: $b) { edges { cursor } } }`,
        { b: userArn('alice') },
      ),
    );
    expect(after.activeGrants.edges).toEqual([]);
    const groups = ok(
      await gql<{ listGroupsForUser: { edges: { node: { groupName: string } }[] } }>(
        'root',
        `{ listGroupsForUser(userName: "alice") { edges { node { groupName } } } }`,
      ),
    ).listGroupsForUser.edges.map((e) => e.node.groupName);
    expect(groups).not.toContain('prod-db');
  });

  it('refuses self-approval with SELF_REVIEW and a reviewer without approvals:ApproveChangeRequest', async () => {
    const request = await requestAccess('alice', 'readers');
    const self = await approve('alice', request.requestId);
    expect(errorCode(self)).toBe('FORBIDDEN');
    expect(self.errors?.[0]?.extensions?.details).toMatchObject({ reason: 'SELF_REVIEW' });

    const dave = await approve('dave', request.requestId);
    expect(errorCode(dave)).toBe('FORBIDDEN');
    expect(dave.errors?.[0]?.extensions?.details).toMatchObject({
      action: 'approvals:ApproveChangeRequest',
      resource: `arn:gatehouse:approvals::123456789012:change-request/${request.requestId}`,
    });
    expect(await current(request.requestId)).toMatchObject({ status: 'PENDING', approvals: [] });
  });

  it('lists for review only what the caller may review, never their own', async () => {
    const request = await requestAccess('alice', 'team');
    await wf.caughtUp();
    const awaiting = async (who: string) =>
      ok(
        await gql<{ changeRequestsAwaitingMyReview: Page }>(
          who,
          `{ changeRequestsAwaitingMyReview(first: 100) { edges { node { requestId } } } }`,
        ),
      ).changeRequestsAwaitingMyReview.edges.map((e) => e.node.requestId);
    expect(await awaiting('bob')).toContain(request.requestId);
    expect(await awaiting('carol')).toContain(request.requestId);
    // dave's groups are named by quorums, but he may not approve anything.
    expect(await awaiting('dave')).toEqual([]);
    expect(await awaiting('alice')).not.toContain(request.requestId);
  });

  it('pages through lists with cursors, without gaps or repeats', async () => {
    const submitted: string[] = [];
    for (let i = 0; i < 5; i += 1) {
      // Same instant for all (manual clock): the cursor must order ties too.
      submitted.push((await requestAccess('carol', 'readers')).requestId);
    }
    await wf.caughtUp();
    const mine = await allPages('carol', 'myChangeRequests', 2);
    expect(new Set(mine).size).toBe(mine.length);
    expect([...mine].sort()).toEqual([...submitted].sort());

    const forBob = await allPages('bob', 'changeRequestsAwaitingMyReview', 2);
    const everything = await allPages('bob', 'changeRequestsAwaitingMyReview', 100);
    expect(forBob).toEqual(everything);
    expect(new Set(forBob).size).toBe(forBob.length);
    expect(forBob).toEqual(expect.arrayContaining(submitted));
  });

  it('lets the requester cancel without approvals:CancelChangeRequest, nobody else; rejects with one review', async () => {
    const cancelled = await requestAccess('alice', 'readers');
    const cancel = (who: string, id: string) =>
      gql<{ cancelChangeRequest: { changeRequest: { status: string } } }>(
        who,
        `mutation($id: ID!) { cancelChangeRequest(id: $id, reason: "not needed") { changeRequest { status } } }`,
        { id },
      );
    const byCarol = await cancel('carol', cancelled.requestId);
    expect(errorCode(byCarol)).toBe('FORBIDDEN');
    expect(byCarol.errors?.[0]?.extensions?.details).toMatchObject({
      action: 'approvals:CancelChangeRequest',
    });
    expect(
      ok(await cancel('alice', cancelled.requestId)).cancelChangeRequest.changeRequest,
    ).toEqual({ status: 'CANCELLED' });

    const rejected = await requestAccess('alice', 'readers');
    const reject = ok(
      await gql<{ rejectChangeRequest: { changeRequest: { status: string } } }>(
        'bob',
        `mutation($id: ID!) { rejectChangeRequest(id: $id, reason: "no") { changeRequest { status } } }`,
        { id: rejected.requestId },
      ),
    );
    expect(reject.rejectChangeRequest.changeRequest.status).toBe('REJECTED');
    // Approving a rejected request is a state conflict.
    expect(errorCode(await approve('carol', rejected.requestId))).toBe('CONFLICT');

    const rules = ok(
      await gql<{ approvalRules: { version: number; fileName: string } }>(
        'root',
        `{ approvalRules { version fileName digest } }`,
      ),
    ).approvalRules;
    expect(rules).toMatchObject({ version: 1, fileName: 'rules.yaml' });
  });

  it('refuses bad input and unknown requests with typed errors', async () => {
    expect(
      errorCode(
        await gql(
          'alice',
          `mutation { requestAccess(access: { groupName: "a", roleArn: "b" }, justification: "x") { checkpoint } }`,
        ),
      ),
    ).toBe('BAD_USER_INPUT');
    expect(
      errorCode(
        await gql(
          'bob',
          `query { changeRequest(id: "0b6f3c1e-8d7a-4f5e-9a2b-000000000000") { status } }`,
        ),
      ),
    ).toBe('NOT_FOUND');
    expect(
      errorCode(await gql('bob', `query { myChangeRequests(first: 101) { edges { cursor } } }`)),
    ).toBe('BAD_USER_INPUT');
  });
});
