// The audit API over HTTP: `audit:` actions authorize it like everything else,
// answers come from the event log and the decision log.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  createUserWithPassword,
  errorCode,
  ok,
  policy,
  rootToken,
  userArn,
  userToken,
} from './support/operations.js';
import { startTestGateway, type TestGateway } from './support/testGateway.js';

let gw: TestGateway;
let root = '';
let auditor = '';
let alice = '';
let beforePolicy = '';

const LIST_EVENTS = /* GraphQL */ `
  query ($filter: AuditEventFilter, $first: Int, $after: String) {
    listEvents(filter: $filter, first: $first, after: $after) {
      edges {
        cursor
        node {
          eventId
          type
          action
          targetArn
          checkpoint
          actor {
            arn
            principalType
            sourceIp
          }
          changes {
            path
            change
            before
            after
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`;

const SIMULATE = /* GraphQL */ `
  query ($p: String!, $a: String!, $r: String!, $asOf: String) {
    simulatePrincipalPolicyAsOf(principal: $p, action: $a, resource: $r, asOf: $asOf) {
      decision
      statements {
        policy
        effect
        grantedBy {
          type
          actor
        }
      }
    }
  }
`;

interface ListEventsData {
  listEvents: {
    edges: {
      cursor: string;
      node: {
        eventId: string;
        type: string;
        action: string | null;
        targetArn: string | null;
        checkpoint: string;
        actor: { arn: string; principalType: string | null; sourceIp: string | null };
        changes: { path: string; change: string }[];
      };
    }[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
}

beforeAll(async () => {
  gw = await startTestGateway();
  root = await rootToken(gw);
  await createUserWithPassword(gw, root, 'auditor', 'Auditor-Password-1!');
  await createUserWithPassword(gw, root, 'alice', 'Alice-Password-1!');
  ok(
    await gw.gql(
      `mutation($d: String!) { putUserPolicy(userName: "auditor", policyName: "Audit", policyDocument: $d) { status } }`,
      { d: policy('Allow', ['audit:*']) },
      { token: root },
    ),
  );
  const { rows } = await gw.pool.query<{ cp: string }>(
    `SELECT transaction_id::text || ':' || global_position::text AS cp FROM events
      ORDER BY transaction_id DESC, global_position DESC LIMIT 1`,
  );
  beforePolicy = rows[0]?.cp ?? '';
  ok(
    await gw.gql(
      `mutation($d: String!) { putUserPolicy(userName: "alice", policyName: "Logs", policyDocument: $d) { status } }`,
      { d: policy('Allow', ['s3:GetObject'], ['arn:aws:s3:::logs/*']) },
      { token: root },
    ),
  );
  auditor = await userToken(gw, 'auditor', 'Auditor-Password-1!');
  alice = await userToken(gw, 'alice', 'Alice-Password-1!');
});

afterAll(async () => {
  await gw.close();
});

describe('audit API', () => {
  it('is denied without audit permissions and allowed with them', async () => {
    expect(errorCode(await gw.gql(LIST_EVENTS, { first: 5 }, { token: alice }))).toBe('FORBIDDEN');
    expect(errorCode(await gw.gql(`{ verifyAuditLog { ok } }`, {}, { token: alice }))).toBe(
      'FORBIDDEN',
    );
    const data = ok(await gw.gql<ListEventsData>(LIST_EVENTS, { first: 5 }, { token: auditor }));
    expect(data.listEvents.edges).toHaveLength(5);
  });

  it('filters history by target and shows who changed what', async () => {
    const data = ok(
      await gw.gql<ListEventsData>(
        LIST_EVENTS,
        { filter: { targets: [userArn('alice')], actions: ['iam:PutUserPolicy'] } },
        { token: auditor },
      ),
    );
    const [entry] = data.listEvents.edges.map((e) => e.node);
    expect(entry?.type).toBe('UserPolicyPut');
    expect(entry?.targetArn).toBe(userArn('alice'));
    expect(entry?.actor.principalType).toBe('Root');
    expect(entry?.actor.sourceIp).toBe('127.0.0.1');
    expect(entry?.changes.map((c) => [c.path, c.change])).toEqual([
      ['inlinePolicies.Logs', 'ADDED'],
    ]);
  });

  it('simulates as of a checkpoint before and after the policy', async () => {
    const question = { p: userArn('alice'), a: 's3:GetObject', r: 'arn:aws:s3:::logs/x' };
    const before = ok(
      await gw.gql<{ simulatePrincipalPolicyAsOf: { decision: string } }>(
        SIMULATE,
        { ...question, asOf: beforePolicy },
        { token: auditor },
      ),
    );
    expect(before.simulatePrincipalPolicyAsOf.decision).toBe('ImplicitlyDenied');
    const now = ok(
      await gw.gql<{
        simulatePrincipalPolicyAsOf: {
          decision: string;
          statements: { policy: string; grantedBy: { type: string }[] }[];
        };
      }>(SIMULATE, question, { token: auditor }),
    );
    expect(now.simulatePrincipalPolicyAsOf.decision).toBe('Allowed');
    expect(now.simulatePrincipalPolicyAsOf.statements[0]?.policy).toBe(`${userArn('alice')}#Logs`);
    expect(now.simulatePrincipalPolicyAsOf.statements[0]?.grantedBy.map((g) => g.type)).toEqual([
      'UserPolicyPut',
    ]);
    expect(
      errorCode(await gw.gql(SIMULATE, { ...question, asOf: 'last tuesday' }, { token: auditor })),
    ).toBe('BAD_USER_INPUT');
  });

  it('verifies the log, exports it and lists decisions', async () => {
    const verified = ok(
      await gw.gql<{ verifyAuditLog: { ok: boolean; firstProblem: unknown } }>(
        `{ verifyAuditLog { ok eventsChecked firstProblem { kind } } }`,
        {},
        { token: auditor },
      ),
    );
    expect(verified.verifyAuditLog).toMatchObject({ ok: true, firstProblem: null });
    const exported = ok(
      await gw.gql<{ exportEvents: { eventCount: number; eventLines: string } }>(
        `query($f: DateTimeISO!, $t: DateTimeISO!) { exportEvents(from: $f, to: $t) { eventCount eventLines } }`,
        { f: new Date(0).toISOString(), t: new Date(Date.now() + 60_000).toISOString() },
        { token: auditor },
      ),
    );
    expect(exported.exportEvents.eventCount).toBeGreaterThan(5);
    expect(exported.exportEvents.eventLines).not.toContain('Alice-Password-1!');
    await gw.gateway.decisionLog.flush();
    const decisions = ok(
      await gw.gql<{ listDecisions: { edges: { node: { action: string; decision: string } }[] } }>(
        `query($p: String!) { listDecisions(filter: { principalArn: $p }, first: 100) { edges { node { action decision } } } }`,
        { p: userArn('alice') },
        { token: auditor },
      ),
    );
    expect(decisions.listDecisions.edges.map((e) => e.node)).toContainEqual({
      action: 'audit:ListEvents',
      decision: 'ImplicitlyDenied',
    });
    expect(errorCode(await gw.gql(LIST_EVENTS, { first: 101 }, { token: auditor }))).toBe(
      'BAD_USER_INPUT',
    );
  });
});
