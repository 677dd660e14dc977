// GraphQL subscriptions over graphql-ws on the gateway's HTTP server: a client
// sees its request change state live (approve -> APPROVED); connections need
// the same credentials as HTTP (connection_init payload); each subscription is
// authorized; bounds per connection and per process; shutdown closes cleanly.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createClient, type Client, type FormattedExecutionResult } from 'graphql-ws';
import WebSocket from 'ws';
import {
  createUserWithPassword,
  ok,
  policy,
  rootToken,
  userArn,
  userToken,
} from './support/operations.js';
import { startWorkflowGateway, type WorkflowGateway } from './support/workflowGateway.js';

const PASSWORD = 'Subscribe-Password-1!';
const UPDATE = /* GraphQL */ `
  subscription ($id: ID!) {
    changeRequestUpdated(id: $id) {
      requestId
      type
      status
      previousStatus
      actor
    }
  }
`;

let wf: WorkflowGateway;
const tokens: Record<string, string> = {};
const clients: Client[] = [];

function tokenOf(who: string): string {
  const token = tokens[who];
  if (token === undefined) throw new Error(`${who} has not signed in`);
  return token;
}

function wsUrl(gw: WorkflowGateway['gw']): string {
  return `${gw.url.replace(/^http/, 'ws')}/graphql`;
}

/** A graphql-ws client; `closes` records every close code it sees. */
function client(
  url: string,
  connectionParams: Record<string, string> | undefined,
): { client: Client; closes: number[] } {
  const closes: number[] = [];
  const created = createClient({
    url,
    webSocketImpl: WebSocket,
    retryAttempts: 0,
    lazy: true,
    ...(connectionParams === undefined ? {} : { connectionParams }),
    on: {
      closed: (event) => {
        closes.push((event as { code: number }).code);
      },
    },
  });
  clients.push(created);
  return { client: created, closes };
}

/** Subscribes; `results` fill as they arrive, `done` settles on complete or error. */
function subscribe(
  c: Client,
  query: string,
  variables: Record<string, unknown> = {},
): {
  results: FormattedExecutionResult<Record<string, unknown>, unknown>[];
  done: Promise<unknown>;
} {
  const results: FormattedExecutionResult<Record<string, unknown>, unknown>[] = [];
  const done = new Promise((resolve) => {
    c.subscribe(
      { query, variables },
      {
        next: (value) => results.push(value),
        error: (error) => resolve(error),
        complete: () => resolve('complete'),
      },
    );
  });
  return { results, done };
}

async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function requestAccess(who: string, groupName: string): Promise<string> {
  return ok(
    await wf.gw.gql<{ requestAccess: { changeRequest: { requestId: string } } }>(
      `mutation($g: String!) { requestAccess(access: { groupName: $g }, justification: "need it") {
        changeRequest { requestId } } }`,
      { g: groupName },
      { token: tokenOf(who) },
    ),
  ).requestAccess.changeRequest.requestId;
}

beforeAll(async () => {
  wf = await startWorkflowGateway(
    {},
    {
      subscriptionLimits: {
        maxConnections: 3,
        maxSubscriptionsPerConnection: 2,
        maxMessageBytes: 65536,
        connectionInitWaitMs: 5000,
      },
    },
  );
  tokens.root = await rootToken(wf.gw);
  const root = async (query: string, variables: Record<string, unknown>) => {
    ok(await wf.gw.gql(query, variables, { token: tokenOf('root') }));
  };
  for (const group of ['reviewers', 'readers']) {
    await root(`mutation($g: String!) { createGroup(groupName: $g) { status } }`, { g: group });
  }
  await root(
    `mutation($d: String!) { putGroupPolicy(groupName: "reviewers", policyName: "p", policyDocument: $d) { status } }`,
    {
      d: policy('Allow', [
        'approvals:ApproveChangeRequest',
        'approvals:GetChangeRequest',
        'approvals:ListChangeRequests',
        'approvals:SubmitChangeRequest',
      ]),
    },
  );
  await root(
    `mutation($d: String!) { putGroupPolicy(groupName: "readers", policyName: "p", policyDocument: $d) { status } }`,
    { d: policy('Allow', ['iam:ListUsers']) },
  );
  for (const name of ['alice', 'bob', 'mallory']) {
    await createUserWithPassword(wf.gw, tokenOf('root'), name, PASSWORD);
  }
  for (const name of ['alice', 'bob']) {
    await root(
      `mutation($u: String!) { addUserToGroup(groupName: "reviewers", userName: $u) { status } }`,
      { u: name },
    );
  }
  for (const name of ['alice', 'bob', 'mallory']) {
    tokens[name] = await userToken(wf.gw, name, PASSWORD);
  }
}, 60_000);

afterAll(async () => {
  for (const c of clients) await c.dispose();
  await wf.close();
});

describe('change-request subscriptions over graphql-ws', () => {
  it('pushes the state changes of a request to a subscriber: approve -> APPROVED', async () => {
    const id = await requestAccess('alice', 'readers');
    // The feed has passed the submission: what follows is what the subscribers see.
    await wf.gw.gateway.services.changeRequestFeed.drain();
    const { client: c } = client(wsUrl(wf.gw), {
      authorization: `Bearer ${tokenOf('alice')}`,
    });
    const own = subscribe(c, `subscription { myChangeRequestsUpdated { requestId status } }`);
    const one = subscribe(c, UPDATE, { id });
    // Let both subscriptions start before the event they should see.
    await new Promise((resolve) => setTimeout(resolve, 300));
    ok(
      await wf.gw.gql(
        `mutation($id: ID!) { approveChangeRequest(id: $id) { changeRequest { status } } }`,
        { id },
        { token: tokenOf('bob') },
      ),
    );
    await until(() => one.results.length > 0 && own.results.length > 0, 'the updates');
    expect(one.results[0]).toEqual({
      data: {
        changeRequestUpdated: {
          requestId: id,
          type: 'ChangeRequestApproved',
          status: 'APPROVED',
          previousStatus: 'PENDING',
          actor: userArn('bob'),
        },
      },
    });
    expect(own.results[0]).toEqual({
      data: { myChangeRequestsUpdated: { requestId: id, status: 'APPROVED' } },
    });
  });

  it("withholds updates and closes (4401) once the connection's session has ended", async () => {
    const id = await requestAccess('alice', 'readers');
    await wf.gw.gateway.services.changeRequestFeed.drain();
    const session = await userToken(wf.gw, 'alice', PASSWORD);
    const { client: c, closes } = client(wsUrl(wf.gw), { authorization: `Bearer ${session}` });
    const one = subscribe(c, UPDATE, { id });
    await new Promise((resolve) => setTimeout(resolve, 300));
    ok(await wf.gw.gql(`mutation { signOut { checkpoint } }`, {}, { token: session }));
    ok(
      await wf.gw.gql(
        `mutation($id: ID!) { approveChangeRequest(id: $id) { changeRequest { status } } }`,
        { id },
        { token: tokenOf('bob') },
      ),
    );
    try {
      await until(() => closes.length > 0, 'the connection to close');
      expect(closes).toEqual([4401]);
      expect(one.results.some((result) => result.data !== undefined)).toBe(false);
    } finally {
      await c.dispose(); // within the suite's connection limit whatever happened
    }
  });

  it('refuses a connection without credentials or with bad ones (4401)', async () => {
    for (const params of [undefined, { authorization: 'Bearer ghs1.not-a-token' }]) {
      const { client: c, closes } = client(wsUrl(wf.gw), params);
      const sub = subscribe(c, UPDATE, { id: '00000000-0000-4000-8000-000000000000' });
      await sub.done;
      expect(sub.results).toEqual([]);
      expect(closes).toContain(4401);
    }
  });

  it('authorizes each subscription: FORBIDDEN without approvals:GetChangeRequest', async () => {
    const id = await requestAccess('alice', 'readers');
    const { client: c } = client(wsUrl(wf.gw), {
      authorization: `Bearer ${tokenOf('mallory')}`,
    });
    const sub = subscribe(c, UPDATE, { id });
    await sub.done;
    expect(sub.results).toHaveLength(1);
    const result = sub.results[0]!;
    expect(result.errors?.[0]?.extensions).toMatchObject({
      code: 'FORBIDDEN',
      details: { action: 'approvals:GetChangeRequest' },
    });
  });

  it('serves only subscriptions, bounded per connection', async () => {
    const { client: c } = client(wsUrl(wf.gw), { authorization: `Bearer ${tokenOf('bob')}` });
    const query = subscribe(c, `{ serviceInfo { name } }`);
    const refused = (await query.done) as readonly { extensions?: { code?: string } }[];
    expect(refused[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const id = await requestAccess('alice', 'readers');
    subscribe(c, UPDATE, { id });
    subscribe(c, UPDATE, { id });
    const third = subscribe(c, UPDATE, { id });
    const errors = (await third.done) as readonly { extensions?: { code?: string } }[];
    expect(errors[0]?.extensions?.code).toBe('LIMIT_EXCEEDED');
  });

  it('refuses connections beyond the process limit', async () => {
    for (const c of clients.splice(0)) await c.dispose();
    await new Promise((resolve) => setTimeout(resolve, 300));
    const id = await requestAccess('alice', 'readers');
    const open: Promise<unknown>[] = [];
    for (let i = 0; i < 3; i += 1) {
      const { client: c } = client(wsUrl(wf.gw), { authorization: `Bearer ${tokenOf('bob')}` });
      subscribe(c, UPDATE, { id });
      open.push(new Promise((resolve) => c.on('connected', resolve)));
    }
    await Promise.all(open);
    const { client: extra, closes } = client(wsUrl(wf.gw), {
      authorization: `Bearer ${tokenOf('bob')}`,
    });
    const refused = subscribe(extra, UPDATE, { id });
    await refused.done;
    expect(refused.results).toEqual([]);
    expect(closes).not.toContain(1000);
    for (const c of clients.splice(0)) await c.dispose();
  });

  it('closes every connection with 1001 on shutdown', async () => {
    const id = await requestAccess('alice', 'readers');
    const { client: c, closes } = client(wsUrl(wf.gw), {
      authorization: `Bearer ${tokenOf('bob')}`,
    });
    const sub = subscribe(c, UPDATE, { id });
    await new Promise((resolve) => setTimeout(resolve, 300));
    await wf.gw.app.close();
    await sub.done;
    expect(closes).toContain(1001);
  });
});
