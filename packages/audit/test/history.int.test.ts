import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { SYSTEM_ACTOR } from '@gatehouse/iam';
import { allow } from '@gatehouse/iam/testing';
import { submittedData } from '@gatehouse/workflow/testing';
import { AuditService, isAuditError, type AuditEntry } from '../src/index.js';
import { ACCOUNT, createHarness, type AuditHarness } from './support/harness.js';

let h: AuditHarness;
const root = () => ({ actor: h.iam.rootPrincipal() });
const userArn = (name: string) => `arn:gatehouse:iam::${ACCOUNT}:user/${name}`;

beforeAll(async () => {
  h = await createHarness();
  for (const name of ['alice', 'bob', 'carol'])
    await h.iam.execute({ type: 'CreateUser', userName: name }, root());
  await h.iam.execute({ type: 'CreateGroup', groupName: 'devs' }, root());
  await h.iam.execute({ type: 'AddUserToGroup', groupName: 'devs', userName: 'alice' }, root());
  await h.iam.execute(
    {
      type: 'PutUserPolicy',
      userName: 'bob',
      policyName: 'reads',
      policyDocument: allow('s3:GetObject', 'arn:aws:s3:::logs/*'),
    },
    { ...root(), sourceIp: '192.0.2.10', userAgent: 'audit-test', correlationId: 'corr-bob' },
  );
  await h.iam.execute(
    {
      type: 'PutUserPolicy',
      userName: 'bob',
      policyName: 'reads',
      policyDocument: allow(['s3:GetObject', 's3:ListBucket'], 'arn:aws:s3:::logs/*'),
    },
    { ...root(), correlationId: 'corr-bob-2' },
  );
});

afterAll(async () => {
  await h.close();
});

async function allPages(
  order: 'NEWEST_FIRST' | 'OLDEST_FIRST',
  first: number,
  between: () => Promise<void> = () => Promise.resolve(),
): Promise<AuditEntry[]> {
  const out: AuditEntry[] = [];
  let after: string | null = null;
  for (let guard = 0; guard < 1000; guard++) {
    const page = await h.audit.listEvents({}, { first, after, order });
    out.push(...page.edges.map((e) => e.node));
    if (!page.pageInfo.hasNextPage) return out;
    after = page.pageInfo.endCursor;
    await between();
  }
  throw new Error('pagination did not end');
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'OK';
  } catch (error) {
    if (isAuditError(error)) return error.code;
    throw error;
  }
}

describe('history pages', () => {
  it('pages newest first without duplicates or gaps while new events arrive', async () => {
    await h.settled();
    const before = await h.pool.query<{ id: string }>('SELECT event_id::text AS id FROM events');
    let n = 0;
    const entries = await allPages('NEWEST_FIRST', 3, async () => {
      n += 1;
      await h.iam.execute({ type: 'CreateUser', userName: `late-${n}` }, root());
    });
    const ids = entries.map((e) => e.eventId);
    expect(new Set(ids).size).toBe(ids.length);
    // Everything present when the first page was read is there exactly once; later events are above it.
    expect([...ids].sort()).toEqual(before.rows.map((r) => r.id).sort());
    const positions = entries.map((e) => e.globalPosition);
    expect(positions).toEqual([...positions].sort((a, b) => (a < b ? 1 : a > b ? -1 : 0)));
    expect(n).toBeGreaterThan(3);
  });

  it('pages oldest first to the end, including events that arrived meanwhile', async () => {
    let n = 0;
    const entries = await allPages('OLDEST_FIRST', 4, async () => {
      n += 1;
      if (n <= 3)
        await h.iam.execute({ type: 'CreateGroup', groupName: `late-group-${n}` }, root());
      await h.settled();
    });
    const ids = entries.map((e) => e.eventId);
    expect(new Set(ids).size).toBe(ids.length);
    const all = await h.pool.query<{ id: string }>('SELECT event_id::text AS id FROM events');
    expect([...ids].sort()).toEqual(all.rows.map((r) => r.id).sort());
  });

  it('gives stable cursors: the same page twice is the same', async () => {
    const first = await h.audit.listEvents({}, { first: 2, order: 'OLDEST_FIRST' });
    const again = await h.audit.listEvents({}, { first: 2, order: 'OLDEST_FIRST' });
    expect(again.edges.map((e) => e.cursor)).toEqual(first.edges.map((e) => e.cursor));
    const next = await h.audit.listEvents(
      {},
      { first: 2, order: 'OLDEST_FIRST', after: first.pageInfo.endCursor },
    );
    expect(next.edges[0]?.node.globalPosition).toBeGreaterThan(
      first.edges[1]?.node.globalPosition ?? 0n,
    );
  });

  it('refuses bad cursors and page sizes with typed errors', async () => {
    expect(await codeOf(h.audit.listEvents({}, { first: 101 }))).toBe('INVALID_INPUT');
    expect(await codeOf(h.audit.listEvents({}, { first: 0 }))).toBe('INVALID_INPUT');
    expect(await codeOf(h.audit.listEvents({}, { after: 'bm90LWEtY3Vyc29y' }))).toBe(
      'INVALID_INPUT',
    );
    expect(await codeOf(h.audit.listEvents({ eventTypes: ['not a type'] }, {}))).toBe(
      'INVALID_INPUT',
    );
    expect(
      await codeOf(
        h.audit.listEvents({ targets: Array.from({ length: 51 }, (_, i) => `s-${i}`) }, {}),
      ),
    ).toBe('INVALID_INPUT');
  });
});

describe('history filters', () => {
  beforeAll(async () => {
    await h.settled();
  });

  it('by target ARN: only that entity (every stream that held the name)', async () => {
    const page = await h.audit.listEvents({ targets: [userArn('bob')] }, { first: 100 });
    const types = page.edges.map((e) => e.node.type).sort();
    expect(types).toEqual(['NameReserved', 'UserCreated', 'UserPolicyPut', 'UserPolicyPut']);
    expect(
      page.edges.every((e) => e.node.targetKind === 'user' || e.node.targetKind === 'name'),
    ).toBe(true);
  });

  it('by actor, event type, action, correlation id and time range', async () => {
    const rootArn = h.iam.rootPrincipal().principalArn;
    const byActor = await h.audit.listEvents({ actor: rootArn }, { first: 100 });
    expect(byActor.edges.length).toBeGreaterThan(5);
    expect(byActor.edges.every((e) => e.node.actor.arn === rootArn)).toBe(true);

    const byType = await h.audit.listEvents({ eventTypes: ['UserAddedToGroup'] }, { first: 100 });
    expect(byType.edges.map((e) => e.node.type)).toEqual(['UserAddedToGroup']);

    const byAction = await h.audit.listEvents({ actions: ['iam:PutUserPolicy'] }, { first: 100 });
    expect(byAction.edges).toHaveLength(2);
    expect(byAction.edges.every((e) => e.node.action === 'PutUserPolicy')).toBe(true);

    const byCorrelation = await h.audit.listEvents({ correlationId: 'corr-bob' }, { first: 100 });
    expect(byCorrelation.edges).toHaveLength(1);
    expect(byCorrelation.edges[0]?.node.actor.sourceIp).toBe('192.0.2.10');
    expect(byCorrelation.edges[0]?.node.actor.userAgent).toBe('audit-test');

    const all = (await h.audit.listEvents({}, { first: 100, order: 'OLDEST_FIRST' })).edges;
    const middle = all[Math.floor(all.length / 2)]?.node.recordedAt;
    if (middle === undefined) throw new Error('no events');
    const later = await h.audit.listEvents({ from: middle }, { first: 100 });
    expect(later.edges.length).toBeGreaterThan(0);
    expect(later.edges.every((e) => e.node.recordedAt >= middle)).toBe(true);
    const earlier = await h.audit.listEvents({ to: middle }, { first: 100 });
    expect(earlier.edges.every((e) => e.node.recordedAt < middle)).toBe(true);
    expect(later.edges.length + earlier.edges.length).toBe(
      (await h.audit.listEvents({}, { first: 100 })).edges.length,
    );
  });

  it('by change request: the request stream and what was applied under its correlation id', async () => {
    const requestId = randomUUID();
    await h.events.appendToStream(
      `workflow-request-${requestId}`,
      [
        {
          type: 'ChangeRequestSubmitted',
          data: submittedData({
            requestId,
            correlationId: `corr-${requestId}`,
            beneficiaryArn: userArn('carol'),
          }),
          actor: userArn('carol'),
          correlationId: `corr-${requestId}`,
        },
      ],
      { expectedVersion: 'no_stream' },
    );
    await h.iam.execute(
      { type: 'AddUserToGroup', groupName: 'devs', userName: 'carol' },
      { actor: SYSTEM_ACTOR, correlationId: `corr-${requestId}` },
    );
    await h.settled();
    const page = await h.audit.listEvents({ changeRequestId: requestId }, { first: 100 });
    const types = page.edges.map((e) => e.node.type).sort();
    expect(types).toEqual(['ChangeRequestSubmitted', 'GroupMemberAdded', 'UserAddedToGroup']);
    const applied = page.edges.find((e) => e.node.type === 'UserAddedToGroup')?.node;
    expect(applied?.changeRequest?.requestId).toBe(requestId);
    expect(applied?.changeRequest?.requester).toBe(userArn('alice'));
  });
});

describe('history entries', () => {
  beforeAll(async () => {
    await h.settled();
  });

  it('shows what changed in a policy as a readable diff', async () => {
    const page = await h.audit.listEvents(
      { targets: [userArn('bob')], eventTypes: ['UserPolicyPut'] },
      { first: 10, order: 'OLDEST_FIRST' },
    );
    const [created, updated] = page.edges.map((e) => e.node);
    expect(created?.changes.map((c) => [c.path, c.change])).toEqual([
      ['inlinePolicies.reads', 'ADDED'],
    ]);
    expect(updated?.changes).toEqual([
      {
        path: 'inlinePolicies.reads.policyDocument.Statement.0.Action',
        change: 'CHANGED',
        before: '"s3:GetObject"',
        after: '["s3:GetObject","s3:ListBucket"]',
      },
      // IAM's size of the document (its quota counts characters outside whitespace).
      { path: 'inlinePolicies.reads.size', change: 'CHANGED', before: '114', after: '132' },
    ]);
    expect(updated?.targetArn).toBe(userArn('bob'));
    expect(updated?.actor.principalType).toBe('Root');
  });

  it('diffs a long stream the same whether its states come from the cache or a full fold', async () => {
    await h.iam.catchUp();
    const userId = h.iam.view.holderOf('user', 'carol') ?? '';
    const tags = Array.from({ length: 700 }, (_, i) =>
      i % 2 === 0
        ? {
            type: 'UserTagged',
            data: { userId, tags: [{ key: 'k', value: `v${i}` }] },
            actor: 'system',
          }
        : { type: 'UserUntagged', data: { userId, tagKeys: ['k'] }, actor: 'system' },
    );
    await h.events.appendToStream(`iam-user-${userId}`, tags, { expectedVersion: 'any' });
    await h.settled();
    const pages = async (audit: AuditService, order: 'NEWEST_FIRST' | 'OLDEST_FIRST') => {
      const out = new Map<string, unknown>();
      let after: string | null = null;
      for (;;) {
        const page = await audit.listEvents(
          { targets: [userArn('carol')] },
          { first: 100, after, order },
        );
        for (const edge of page.edges) out.set(edge.node.eventId, edge.node.changes);
        if (!page.pageInfo.hasNextPage) return out;
        after = page.pageInfo.endCursor;
      }
    };
    const fresh = () =>
      new AuditService({ db: h.pool, store: h.events, currentView: () => h.iam.view });
    const newestFirst = await pages(fresh(), 'NEWEST_FIRST');
    const oldestFirst = await pages(fresh(), 'OLDEST_FIRST');
    expect(newestFirst.size).toBeGreaterThan(700);
    expect(newestFirst).toEqual(oldestFirst);
    const lastTag = [...oldestFirst.values()].at(-1);
    expect(lastTag).toEqual([
      { path: 'tags.k', change: 'REMOVED', before: '{"key":"k","value":"v698"}', after: null },
    ]);
  });

  it('reads one entry by event id', async () => {
    const page = await h.audit.listEvents({ eventTypes: ['UserAddedToGroup'] }, { first: 1 });
    const id = page.edges[0]?.node.eventId ?? '';
    expect((await h.audit.getEvent(id))?.eventId).toBe(id);
    expect(await h.audit.getEvent(randomUUID())).toBeUndefined();
    expect(await codeOf(h.audit.getEvent('nope'))).toBe('INVALID_INPUT');
  });
});
