import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ACCOUNT, createHarness, type AuditHarness } from './support/harness.js';

let h: AuditHarness;
const root = () => ({ actor: h.iam.rootPrincipal() });
const frank = `arn:gatehouse:iam::${ACCOUNT}:user/frank`;
const DAY = 86_400_000;

/** Writes decisions the way the gateway's decision log does (same table and columns). */
async function decide(
  principal: string,
  action: string,
  resource: string,
  decision: string,
  daysAgo: number,
): Promise<void> {
  await h.pool.query(
    `INSERT INTO authorization_decisions (decided_at, request_id, source, caller_arn, principal_arn,
       action, service, resource, decision, matched, root, source_ip)
     VALUES ($1, $2, 'isAuthorized', $3, $3, $4, $5, $6, $7, '[]', false, '203.0.113.9')`,
    [
      new Date(Date.now() - daysAgo * DAY),
      `req-${action}-${daysAgo}`,
      principal,
      action,
      action.slice(0, action.indexOf(':')),
      resource,
      decision,
    ],
  );
}

beforeAll(async () => {
  h = await createHarness();
  await h.iam.execute({ type: 'CreateUser', userName: 'frank' }, root());
  await h.iam.execute(
    {
      type: 'PutUserPolicy',
      userName: 'frank',
      policyName: 'work',
      policyDocument: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::logs/*' },
          { Effect: 'Allow', Action: 's3:DeleteObject', Resource: 'arn:aws:s3:::logs/*' },
          { Effect: 'Allow', Action: 'sqs:SendMessage', Resource: '*' },
        ],
      }),
    },
    root(),
  );
  await decide(frank, 's3:GetObject', 'arn:aws:s3:::logs/a', 'Allowed', 1);
  await decide(frank, 's3:GetObject', 'arn:aws:s3:::logs/b', 'Allowed', 2);
  await decide(frank, 'sqs:SendMessage', 'arn:aws:sqs:eu:1:q', 'Allowed', 200);
  await decide(frank, 's3:DeleteObject', 'arn:aws:s3:::logs/a', 'ExplicitlyDenied', 1);
});

afterAll(async () => {
  await h.close();
});

describe('decision log', () => {
  it('pages with filters and opaque cursors, newest first', async () => {
    const first = await h.audit.listDecisions({ principalArn: frank }, { first: 3 });
    expect(first.edges).toHaveLength(3);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const rest = await h.audit.listDecisions(
      { principalArn: frank },
      { first: 3, after: first.pageInfo.endCursor },
    );
    expect(rest.edges).toHaveLength(1);
    expect(rest.pageInfo.hasNextPage).toBe(false);
    const ids = [...first.edges, ...rest.edges].map((e) => Number(e.node.id));
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    const denied = await h.audit.listDecisions({ decision: 'ExplicitlyDenied' }, {});
    expect(denied.edges.map((e) => e.node.action)).toEqual(['s3:DeleteObject']);
    const recent = await h.audit.listDecisions(
      { from: new Date(Date.now() - 10 * DAY) },
      { first: 10, order: 'OLDEST_FIRST' },
    );
    expect(recent.edges).toHaveLength(3);
    await expect(h.audit.listDecisions({}, { after: 'garbage' })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
  });

  it('reviews a principal: used and unused access in N days, and a narrower policy', async () => {
    const review = await h.audit.reviewPrincipalAccess(frank, 90);
    expect(review.used.map((u) => [u.action, u.resource, u.count])).toEqual([
      ['s3:GetObject', 'arn:aws:s3:::logs/a', 1],
      ['s3:GetObject', 'arn:aws:s3:::logs/b', 1],
    ]);
    expect(review.unused.map((u) => u.action).sort()).toEqual([
      's3:DeleteObject',
      'sqs:SendMessage',
    ]);
    expect(JSON.parse(review.suggestedPolicy ?? 'null')).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Action: ['s3:GetObject'],
          Resource: ['arn:aws:s3:::logs/a', 'arn:aws:s3:::logs/b'],
        },
      ],
    });
    // Over a longer window the old SendMessage counts as used.
    const year = await h.audit.reviewPrincipalAccess(frank, 365);
    expect(year.unused.map((u) => u.action)).toEqual(['s3:DeleteObject']);
    await expect(h.audit.reviewPrincipalAccess(frank, 0)).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
  });

  it('purges decisions older than the retention period', async () => {
    const purged = await h.audit.purgeDecisions(new Date(Date.now() - 100 * DAY));
    expect(purged).toBe(1);
    const left = await h.audit.listDecisions({ principalArn: frank }, { first: 10 });
    expect(left.edges).toHaveLength(3);
  });
});
