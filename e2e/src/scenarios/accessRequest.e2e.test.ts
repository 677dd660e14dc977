// Time-bound access through the approval workflow, against the platform as
// deployed (gateway and approvals as separate processes in Kafka mode), over
// HTTP and graphql-ws only. Rules need one reviewer from team-a AND one from
// team-b; rita (team-a) asks to join data-readers (s3:GetObject on the reports
// bucket) for a minute and watches her request over graphql-ws. She may not
// approve it herself; alex (team-a) alone leaves it pending; bea (team-b)
// completes the quorum; the approvals process applies it. Her permission is
// then Allowed, the audit history shows the membership with the request and
// both reviewers; the grant expires on its own and the permission is Denied
// again. Afterwards history answers the point-in-time question (Allowed inside
// the window, because of the request; Denied before it) and the log verifies.
import { afterAll, describe, expect, it } from '@jest/globals';
import { arn, policyDocument } from '../support/account.js';
import { eventsWhere } from '../support/eventLog.js';
import { useStack } from '../support/stack.js';
import { Subscription } from '../support/subscription.js';
import { waitFor } from '../support/waitFor.js';
import {
  approve,
  changeRequest,
  createPeople,
  decisionNow,
  publishRules,
  requestGroupAccess,
  waitForDecisionLogged,
  waitForStatus,
  workflowMemberPolicy,
} from '../support/workflow.js';

const stack = useStack({ name: 'access-request' });

// The shortest grant the workflow allows is a minute (WorkflowLimits.minDurationSeconds).
const GRANT = '1m';
const RULES = `
version: 1
rules:
  - name: data-readers
    description: one reviewer from each team
    match:
      actions: ['iam:AddUserToGroup']
      resources: ['arn:gatehouse:iam::*:group/data-readers']
    reviewers:
      all_of:
        - { group: team-a, count: 1 }
        - { group: team-b, count: 1 }
    maxDuration: 2m
  - name: everything-else
    reviewers: { anyone: 2 }
`;
const READ = {
  principal: arn('user', 'rita'),
  action: 's3:GetObject',
  resource: 'arn:gatehouse:s3:::reports/q3.csv',
};

interface Update {
  readonly changeRequestUpdated: {
    readonly requestId: string;
    readonly type: string;
    readonly status: string;
    readonly previousStatus: string | null;
    readonly actor: string;
    readonly expiresAt: string | null;
  };
}

interface AuditEntryShape {
  readonly type: string;
  readonly targetArn: string | null;
  readonly causationId: string | null;
  readonly changeRequest: {
    readonly requestId: string;
    readonly requesterArn: string;
    readonly reviewers: readonly { readonly person: string; readonly decision: string }[];
  } | null;
}

let subscription: Subscription<Update> | undefined;

afterAll(async () => {
  await subscription?.close();
});

describe('an access request needing one reviewer from each of two groups', () => {
  it('is approved, applied, visible in permissions and history, and expires on its own', async () => {
    const { client, gateway, approvals, database } = stack();
    const approvalsLog = () => `approvals' last output:\n${approvals.tail()}`;
    const root = await stack().rootToken();
    await publishRules(client, root, RULES);
    const tokens = await createPeople(client, root, {
      groups: {
        staff: workflowMemberPolicy(),
        'team-a': undefined,
        'team-b': undefined,
        'data-readers': policyDocument('Allow', ['s3:GetObject'], ['arn:gatehouse:s3:::reports/*']),
      },
      users: { rita: ['staff', 'team-a'], alex: ['staff', 'team-a'], bea: ['staff', 'team-b'] },
    });
    const token = (name: string): string => {
      const found = tokens[name];
      if (found === undefined) throw new Error(`${name} has no session`);
      return found;
    };
    expect(await decisionNow(client, root, READ)).toBe('ImplicitlyDenied');
    const beforeRequest = new Date();

    const submitted = await requestGroupAccess(client, token('rita'), {
      groupName: 'data-readers',
      duration: GRANT,
    });
    const request = submitted.data?.requestAccess.changeRequest;
    if (request === undefined)
      throw new Error(`requestAccess failed: ${JSON.stringify(submitted.errors)}`);
    expect(request).toMatchObject({
      status: 'PENDING',
      action: 'iam:AddUserToGroup',
      resource: arn('group', 'data-readers'),
      requesterArn: arn('user', 'rita'),
      durationSeconds: 60,
      quorum: { satisfied: false, missing: 2 },
    });
    const id = request.requestId;

    // rita watches her request; the gateway authorizes the subscription as it starts.
    subscription = await Subscription.open<Update>(
      gateway.baseUrl,
      token('rita'),
      `subscription($id: ID!) { changeRequestUpdated(id: $id) { requestId type status previousStatus actor expiresAt } }`,
      { id },
    );
    await waitForDecisionLogged(client, root, {
      principalArn: arn('user', 'rita'),
      action: 'approvals:GetChangeRequest',
      resource: request.arn,
    });

    // Separation of duties: a typed refusal, nothing recorded.
    const self = await approve(client, token('rita'), id);
    expect(self.code).toBe('FORBIDDEN');
    expect(self.errors?.[0]?.extensions?.details).toMatchObject({ reason: 'SELF_REVIEW' });

    const first = await approve(client, token('alex'), id);
    expect(first.errors).toBeUndefined();
    expect(first.data?.approveChangeRequest.changeRequest).toMatchObject({
      status: 'PENDING',
      quorum: { satisfied: false, missing: 1 },
    });
    // Another member of team-a cannot stand in for team-b: still one missing.
    expect((await changeRequest(client, token('bea'), id)).status).toBe('PENDING');

    const second = await approve(client, token('bea'), id);
    expect(second.errors).toBeUndefined();
    expect(second.data?.approveChangeRequest.changeRequest).toMatchObject({
      status: 'APPROVED',
      quorum: { satisfied: true, missing: 0 },
    });

    // The approvals process applies it (schedules the grant, activates it).
    const active = await waitForStatus(client, token('rita'), id, 'ACTIVE', {
      timeoutMs: 30_000,
      context: approvalsLog,
    });
    const expiresAt = active.grant?.expiresAt;
    if (expiresAt === null || expiresAt === undefined)
      throw new Error('an active grant without its end');
    expect(new Date(expiresAt).getTime() - new Date(active.grant?.activatedAt ?? 0).getTime()).toBe(
      60_000,
    );

    // The gateway's view of IAM follows the log: rita may now read the reports.
    await waitFor(
      async () => ((await decisionNow(client, root, READ)) === 'Allowed' ? true : undefined),
      {
        what: "rita's s3:GetObject to be Allowed",
        timeoutMs: 15_000,
      },
    );
    const insideWindow = new Date();

    // Applied once, by the request (its id is the IAM event's causation).
    const applied = await eventsWhere(database.pool, { causationId: id, type: 'UserAddedToGroup' });
    expect(applied).toHaveLength(1);

    // Audit history: the membership change with its request and both reviewers.
    const history = await client.must<{ listEvents: { edges: { node: AuditEntryShape }[] } }>(
      `query($f: AuditEventFilter) { listEvents(filter: $f, order: OLDEST_FIRST, first: 50) { edges { node {
        type targetArn causationId changeRequest { requestId requesterArn reviewers { person decision } } } } } }`,
      { f: { changeRequestId: id } },
      root,
    );
    const membership = history.listEvents.edges
      .map((edge) => edge.node)
      .find((entry) => entry.type === 'UserAddedToGroup');
    expect(membership).toMatchObject({
      causationId: id,
      changeRequest: { requestId: id, requesterArn: arn('user', 'rita') },
    });
    expect(membership?.changeRequest?.reviewers.map((r) => [r.person, r.decision]).sort()).toEqual([
      [arn('user', 'alex'), 'APPROVED'],
      [arn('user', 'bea'), 'APPROVED'],
    ]);

    // Nobody revokes it: the grant ends on its own at its expiry.
    const expired = await waitForStatus(client, token('rita'), id, 'EXPIRED', {
      timeoutMs: Math.max(0, new Date(expiresAt).getTime() - Date.now()) + 30_000,
      context: approvalsLog,
    });
    expect(expired.grant?.endReason).toBe('EXPIRED');
    await waitFor(
      async () =>
        (await decisionNow(client, root, READ)) === 'ImplicitlyDenied' ? true : undefined,
      { what: "rita's s3:GetObject to be denied again", timeoutMs: 15_000 },
    );
    // The grant's end is caused by the grant: the membership removed once.
    expect(
      await eventsWhere(database.pool, {
        causationId: expired.grant?.grantId ?? 'no grant',
        type: 'UserRemovedFromGroup',
      }),
    ).toHaveLength(1);

    // The subscription saw every state change, in order.
    const updates = await subscription.waitForCount(5, 'the request updates up to EXPIRED');
    expect(
      updates.map((u) => [
        u.changeRequestUpdated.type,
        u.changeRequestUpdated.previousStatus,
        u.changeRequestUpdated.status,
      ]),
    ).toEqual([
      ['ChangeRequestApproved', 'PENDING', 'PENDING'],
      ['ChangeRequestApproved', 'PENDING', 'APPROVED'],
      ['ChangeRequestScheduled', 'APPROVED', 'SCHEDULED'],
      ['GrantActivated', 'SCHEDULED', 'ACTIVE'],
      ['GrantExpired', 'ACTIVE', 'EXPIRED'],
    ]);
    expect(updates.slice(0, 2).map((u) => u.changeRequestUpdated.actor)).toEqual([
      arn('user', 'alex'),
      arn('user', 'bea'),
    ]);

    // The point-in-time question, answered from history.
    const simulate = async (asOf: Date) =>
      (
        await client.must<{
          simulatePrincipalPolicyAsOf: {
            decision: string;
            statements: {
              grantedBy: { type: string; changeRequest: { requestId: string } | null }[];
            }[];
          };
        }>(
          `query($p: String!, $a: String!, $r: String!, $t: String) { simulatePrincipalPolicyAsOf(principal: $p, action: $a, resource: $r, asOf: $t) {
            decision statements { grantedBy { type changeRequest { requestId } } } } }`,
          { p: READ.principal, a: READ.action, r: READ.resource, t: asOf.toISOString() },
          root,
        )
      ).simulatePrincipalPolicyAsOf;
    const during = await simulate(insideWindow);
    expect(during.decision).toBe('Allowed');
    expect(
      during.statements
        .flatMap((s) => s.grantedBy)
        .filter((g) => g.changeRequest?.requestId === id),
    ).not.toEqual([]);
    expect((await simulate(beforeRequest)).decision).toBe('ImplicitlyDenied');
    expect((await simulate(new Date())).decision).toBe('ImplicitlyDenied');

    const verified = await client.must<{
      verifyAuditLog: { ok: boolean; problemCount: number; eventsChecked: number };
    }>(`{ verifyAuditLog { ok problemCount eventsChecked } }`, {}, root);
    expect(verified.verifyAuditLog).toMatchObject({ ok: true, problemCount: 0 });
    expect(verified.verifyAuditLog.eventsChecked).toBeGreaterThan(0);
  }, 180_000);
});
