// kill -9 of the approvals process while changes flow through the gateway, then
// a restart: its relay resumes from the checkpoint it had committed (nothing at
// or below it is published again, nothing after it is lost) and its Kafka
// intake catches up with every stream (its receipts, written in the same
// transaction as each event's effect, reach every stream's head). And an
// approved request whose start is a few seconds ahead, with the approvals
// process killed between the approval and the apply: the restarted process
// applies it, and the IAM change exists exactly once.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ChangeFlow } from '../support/changeFlow.js';
import { arn, policyDocument } from '../support/account.js';
import { compareWithLog, deliveredAll, eventsWhere, loggedEvents } from '../support/eventLog.js';
import type { TopicReader } from '../support/kafka.js';
import { useStack } from '../support/stack.js';
import {
  approve,
  changeRequest,
  createPeople,
  publishRules,
  requestGroupAccess,
  waitForStatus,
  workflowMemberPolicy,
} from '../support/workflow.js';

const stack = useStack({ name: 'approvals-crash' });
let reader: TopicReader;

beforeAll(async () => {
  reader = await stack().readTopic();
});

afterAll(async () => {
  await reader.stop();
});

describe('the approvals process killed with SIGKILL and restarted', () => {
  it('resumes relaying from its checkpoint: every event once past it, in per-stream order', async () => {
    const { client, approvals, database } = stack();
    const flow = await ChangeFlow.start(client, await stack().rootToken(), 'crash');
    let checkpointAtKill = 0;
    try {
      await flow.advance(15);
      // The relay has published part of the flow by now.
      expect(await stack().relayPosition()).toBeGreaterThan(0);
      await approvals.kill();
      checkpointAtKill = await stack().relayPosition();
      // Changes keep flowing while nobody relays them.
      await flow.advance(10);
      await approvals.start();
      await flow.advance(10);
    } finally {
      await flow.stop();
    }
    expect(flow.failures).toEqual([]);
    expect(approvals.starts).toBe(2);

    const logged = await loggedEvents(database.pool);
    await reader.waitFor((received) => deliveredAll(received, logged), 90_000, 'every event');
    const report = compareWithLog(reader.received, logged);
    expect(report.violations).toEqual([]);
    expect(report.missing).toEqual([]);
    expect(report.delivered).toBe(logged.length);
    // At-least-once relay: only what was past the committed checkpoint may come twice.
    const copies = new Map<string, number>();
    for (const event of reader.received) {
      copies.set(event.eventId, (copies.get(event.eventId) ?? 0) + 1);
    }
    const republishedBelowCheckpoint = reader.received.filter(
      (event) => (copies.get(event.eventId) ?? 0) > 1 && event.globalPosition <= checkpointAtKill,
    );
    expect(republishedBelowCheckpoint).toEqual([]);
    // The restarted intake applied everything exactly once (its receipts are per stream and version).
    await stack().intakeCaughtUp(90_000);
    process.stdout.write(
      `approvals crash: ${logged.length} events, checkpoint at kill ${checkpointAtKill}, ${report.redelivered} redelivered past it\n`,
    );
  });
});

const RULES = `
version: 1
rules:
  - name: ops-readers
    match:
      resources: ['arn:gatehouse:iam::*:group/ops-readers']
    reviewers: { group: ops-leads, count: 1 }
    maxDuration: 1h
  - name: everything-else
    reviewers: { anyone: 2 }
`;
// Long enough for the approval to be scheduled and the kill to land before the
// start on a loaded machine; the wait for SCHEDULED below fails if it did not.
const START_AHEAD_MS = 12_000;

describe('the approvals process killed between an approval and its apply', () => {
  it('applies the approved change exactly once after the restart', async () => {
    const { client, approvals, database } = stack();
    // Independent of the test above: the process runs whatever happened there.
    if (!approvals.running) await approvals.start();
    const approvalsLog = () => `approvals' last output:\n${approvals.tail()}`;
    const root = await stack().rootToken();
    await publishRules(client, root, RULES);
    const tokens = await createPeople(client, root, {
      groups: {
        staff: workflowMemberPolicy(),
        'ops-leads': undefined,
        'ops-readers': policyDocument('Allow', ['iam:ListUsers']),
      },
      users: { olga: ['staff'], leo: ['staff', 'ops-leads'] },
    });
    const olga = tokens.olga ?? '';
    const leo = tokens.leo ?? '';

    const startAt = new Date(Date.now() + START_AHEAD_MS);
    const submitted = await requestGroupAccess(client, olga, {
      groupName: 'ops-readers',
      duration: '10m',
      startAt,
    });
    const id = submitted.data?.requestAccess.changeRequest.requestId;
    if (id === undefined)
      throw new Error(`requestAccess failed: ${JSON.stringify(submitted.errors)}`);
    const approved = await approve(client, leo, id);
    expect(approved.data?.approveChangeRequest.changeRequest.status).toBe('APPROVED');

    // The approvals process schedules the grant for its start, then dies before it.
    await waitForStatus(client, olga, id, 'SCHEDULED', {
      timeoutMs: Math.max(1_000, startAt.getTime() - Date.now() - 2_000),
      context: approvalsLog,
    });
    await approvals.kill();
    expect(Date.now()).toBeLessThan(startAt.getTime());
    expect((await changeRequest(client, olga, id)).status).toBe('SCHEDULED');
    expect(await eventsWhere(database.pool, { causationId: id, type: 'UserAddedToGroup' })).toEqual(
      [],
    );

    await approvals.start();
    const active = await waitForStatus(client, olga, id, 'ACTIVE', {
      timeoutMs: Math.max(0, startAt.getTime() - Date.now()) + 60_000,
      context: approvalsLog,
    });
    expect(new Date(active.grant?.activatedAt ?? 0).getTime()).toBeGreaterThanOrEqual(
      startAt.getTime(),
    );

    // Exactly once: one IAM change caused by the request (the membership, on the
    // user's and the group's stream), one activation in its history.
    const caused = await eventsWhere(database.pool, { causationId: id });
    const iamChanges = caused.filter((event) => !event.streamId.startsWith('workflow-'));
    expect(iamChanges.map((event) => event.type).sort()).toEqual([
      'GroupMemberAdded',
      'UserAddedToGroup',
    ]);
    const history = await client.must<{ changeRequestHistory: { events: { type: string }[] } }>(
      `query($id: ID!) { changeRequestHistory(id: $id) { events { type } } }`,
      { id },
      olga,
    );
    expect(history.changeRequestHistory.events.map((event) => event.type)).toEqual([
      'ChangeRequestSubmitted',
      'ChangeRequestApproved',
      'ChangeRequestScheduled',
      'GrantActivated',
    ]);
    const groups = await client.must<{
      listGroupsForUser: { edges: { node: { groupName: string } }[] };
    }>(`{ listGroupsForUser(userName: "olga") { edges { node { groupName } } } }`, {}, root);
    expect(groups.listGroupsForUser.edges.map((edge) => edge.node.groupName).sort()).toEqual([
      'ops-readers',
      'staff',
    ]);
    expect(active.beneficiaryArn ?? active.requesterArn).toBe(arn('user', 'olga'));
  });
});
