// The workflow's read models on real PostgreSQL: the projection, a rebuild that
// gives identical tables, concurrent reviews decided one after the other, and
// rule versions recorded as events.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTestDatabase, type TestDatabase } from '@gatehouse/db/testing';
import { EventStore, parseCheckpoint, type EventConsumer } from '@gatehouse/event-store';
import {
  argon2idHasher,
  IamService,
  PostgresIamStore,
  SecretBox,
  type IamCommand,
  type Principal,
} from '@gatehouse/iam';
import { ManualClock } from '@gatehouse/iam/testing';
import pg from 'pg';
import {
  createWorkflowProjection,
  IamWorkflowDirectory,
  WORKFLOW_READ_MODEL_TABLES,
  WorkflowQueries,
  WorkflowService,
} from '../src/index.js';

const PASSWORD = 'Correct-Horse-9-battery';
const RULES = `version: 1
rules:
  - name: two-sre
    match: { resources: ['arn:gatehouse:iam::*:group/ops'] }
    reviewers: { group: sre, count: 2 }
    maxDuration: 8h
  - name: default
    reviewers: { anyone: 1 }
`;
const allow = (action: string) =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action: action, Resource: '*' }],
  });

let database: TestDatabase;
let pool: pg.Pool;
let iam: IamService;
let workflow: WorkflowService;
let projection: EventConsumer;
const clock = new ManualClock(new Date());
const people = new Map<string, Principal>();

async function person(name: string, groups: string[]): Promise<Principal> {
  const root = iam.rootPrincipal();
  const run = (command: IamCommand) => iam.execute(command, { actor: root });
  await run({ type: 'CreateUser', userName: name });
  await run({ type: 'CreateLoginProfile', userName: name, password: PASSWORD });
  for (const group of groups)
    await run({ type: 'AddUserToGroup', userName: name, groupName: group });
  const principal = (
    await iam.execute(
      { type: 'SignIn', userName: name, password: PASSWORD },
      { actor: { principalType: 'Anonymous', principalArn: 'anonymous' } },
    )
  ).principal;
  people.set(name, principal);
  return principal;
}

async function tables(): Promise<Record<string, unknown[]>> {
  const result: Record<string, unknown[]> = {};
  for (const table of WORKFLOW_READ_MODEL_TABLES) {
    const { rows } = await pool.query(`SELECT * FROM ${table} ORDER BY 1, 2`);
    result[table] = rows;
  }
  return result;
}

beforeAll(async () => {
  database = await createTestDatabase();
  pool = new pg.Pool({ connectionString: database.url, max: 20 });
  pool.on('error', () => undefined);
  const store = new EventStore({ pool });
  iam = new IamService({
    store: new PostgresIamStore({ pool, eventStore: store }),
    secretsKey: SecretBox.generateKey(),
    clock,
    passwordHasher: argon2idHasher({ memoryCost: 1024, timeCost: 1, parallelism: 1 }),
    view: { pollIntervalMs: 50 },
  });
  await iam.start();
  await iam.bootstrap({ rootEmail: 'root@example.com', rootPassword: PASSWORD });
  const root = iam.rootPrincipal();
  for (const group of ['sre', 'ops'])
    await iam.execute({ type: 'CreateGroup', groupName: group }, { actor: root });
  await iam.execute(
    {
      type: 'PutGroupPolicy',
      groupName: 'sre',
      policyName: 'review',
      policyDocument: allow('approvals:*'),
    },
    { actor: root },
  );
  await iam.execute(
    {
      type: 'PutGroupPolicy',
      groupName: 'ops',
      policyName: 'ops',
      policyDocument: allow('iam:TagUser'),
    },
    { actor: root },
  );
  workflow = new WorkflowService({ store, directory: new IamWorkflowDirectory(iam), clock });
  projection = createWorkflowProjection(store, { pollIntervalMs: 50 });
  await projection.start();
  for (const name of ['s1', 's2', 's3', 's4']) await person(name, ['sre']);
  await person('alice', []);
});
afterAll(async () => {
  await projection.stop();
  await iam.stop();
  await database.drop();
  await pool.end().catch(() => undefined);
});

describe('workflow read models', () => {
  it('records rule versions published through the API', async () => {
    const published = await workflow.publishRules(
      { source: RULES, fileName: 'rules.yaml' },
      { principal: people.get('s1')! },
    );
    expect(published).toMatchObject({ version: 1, changed: true });
    await projection.waitFor(parseCheckpoint(published.checkpoint!));
    const { rows } = await pool.query(
      'SELECT version, file_name, published_by FROM workflow_rule_sets',
    );
    expect(rows).toEqual([
      { version: 1, file_name: 'rules.yaml', published_by: people.get('s1')!.principalArn },
    ]);
  });

  it('decides concurrent reviews one after the other: exactly one completes the quorum', async () => {
    const { request } = await workflow.requestAccess(
      { access: { kind: 'group', groupName: 'ops' }, justification: 'race', duration: '1h' },
      { principal: people.get('alice')! },
    );
    const results = await Promise.allSettled(
      ['s1', 's2', 's3'].map((name) =>
        workflow.approve({ requestId: request.requestId }, { principal: people.get(name)! }),
      ),
    );
    // Each decision saw the ones before it: the third came after the quorum was met.
    const fulfilled = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
    expect(fulfilled.map((r) => r.request.approvals.length).sort()).toEqual([1, 2]);
    const rejected = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
    expect(rejected).toEqual([expect.objectContaining({ code: 'INVALID_STATE' })]);
    const { events } = await workflow.history(request.requestId);
    const approvals = events
      .filter((e) => e.type === 'ChangeRequestApproved')
      .map((e) => (e.data as { quorumMet: boolean }).quorumMet);
    expect(approvals).toEqual([false, true]);
    expect((await workflow.getRequest(request.requestId)).status).toBe('APPROVED');
  });

  it('answers the queries and rebuilds to identical tables', async () => {
    clock.advance(1000);
    const { request, checkpoint } = await workflow.requestAccess(
      { access: { kind: 'group', groupName: 'ops' }, justification: 'second', duration: '2h' },
      { principal: people.get('alice')! },
    );
    const cancelled = await workflow.cancel(
      { requestId: request.requestId, reason: 'changed my mind' },
      { principal: people.get('alice')! },
    );
    await projection.waitFor(parseCheckpoint(cancelled.checkpoint ?? checkpoint!));
    const queries = new WorkflowQueries(pool);
    const mine = await queries.myRequests(people.get('alice')!.principalArn, {}, { first: 1 });
    expect(mine.edges.map((e) => e.node.status)).toEqual(['CANCELLED']);
    expect(mine.pageInfo.hasNextPage).toBe(true);
    const next = await queries.myRequests(
      people.get('alice')!.principalArn,
      {},
      { first: 1, after: mine.pageInfo.endCursor! },
    );
    expect(next.edges.map((e) => e.node.status)).toEqual(['APPROVED']);
    expect(
      (await queries.myRequests(people.get('alice')!.principalArn, { status: ['CANCELLED'] }))
        .edges,
    ).toHaveLength(1);
    await expect(queries.myRequests('x', {}, { first: 0 })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
    await expect(queries.myRequests('x', {}, { after: 'garbage' })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });

    const before = await tables();
    expect(before.workflow_reviews).toHaveLength(2);
    await projection.rebuild();
    await projection.waitFor(parseCheckpoint(cancelled.checkpoint!));
    expect(await tables()).toEqual(before);
  });
});
