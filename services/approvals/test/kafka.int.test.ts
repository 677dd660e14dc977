// Kafka mode: the approvals service publishes the log with the event store's
// relay and reads it back from the topic on the real broker
// (deploy/kafka/kafka.sh), applies each message once through the idempotent
// applier (a second relay publishing everything again changes nothing), and
// survives a crash between the IAM commit and its reply (the restarted
// process takes the relay over).
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { KafkaRelay } from '@gatehouse/event-store';
import type { Principal } from '@gatehouse/iam';
import { foldRequest, requestStream, type RequestEvent } from '@gatehouse/workflow';
import type { Approvals } from '../src/index.js';
import { startChild } from './support/childProcess.js';
import { createHarness, waitFor, type Harness } from './support/harness.js';
import {
  brokers,
  deleteGroups,
  deleteTopics,
  startBroker,
  testKafka,
  unique,
} from './support/kafka.js';

let h: Harness;
let approvals: Approvals;
let carol: Principal;
let bob: Principal;
const kafka = testKafka();
const topic = unique('approvals');
const groupId = unique('approvals-group');
const relays: KafkaRelay[] = [];

function relay(consumerId: string): KafkaRelay {
  const created = h.store.createKafkaRelay({
    consumerId,
    kafka: testKafka(consumerId),
    topic,
    pollIntervalMs: 50,
    createTopics: { numPartitions: 3 },
  });
  relays.push(created);
  return created;
}

async function readModel(
  requestId: string,
): Promise<{ status: string; approvals: number } | undefined> {
  const { rows } = await h.pool.query<{ status: string; state: { approvals?: unknown[] } }>(
    'SELECT status, state FROM workflow_requests WHERE request_id = $1',
    [requestId],
  );
  const row = rows[0];
  return row === undefined
    ? undefined
    : { status: row.status, approvals: row.state.approvals?.length ?? 0 };
}

beforeAll(async () => {
  await startBroker();
  h = await createHarness();
  carol = await h.person('carol', ['sre', 'reviewers']);
  bob = await h.person('bob', ['sre', 'reviewers']);
  await relay('relay-one').start();
  approvals = await h.approvals({
    kafkaBrokers: brokers,
    kafkaTopic: topic,
    kafkaGroupId: groupId,
  });
  expect(approvals.intake.mode).toBe('kafka');
});
afterAll(async () => {
  for (const running of relays) await running.stop().catch(() => undefined);
  await h.close();
  await deleteTopics(kafka, [topic]);
  await deleteGroups(kafka, [groupId]);
});

describe('the approvals service on Kafka', () => {
  let requestId: string;

  it('builds its read models from the topic and applies approved changes', async () => {
    const alice = await h.person('alice');
    const { request } = await h.workflow.requestAccess(
      {
        access: { kind: 'group', groupName: 'ops-admins' },
        justification: 'kafka',
        duration: '1h',
      },
      h.caller(alice),
    );
    requestId = request.requestId;
    await h.workflow.approve({ requestId }, h.caller(carol));
    await h.workflow.approve({ requestId }, h.caller(bob));
    await waitFor(
      async () => (await readModel(requestId))?.status === 'APPROVED',
      'the approval to arrive through Kafka',
    );
    await approvals.worker.tick();
    await waitFor(
      async () => (await readModel(requestId))?.status === 'ACTIVE',
      'the activation to arrive through Kafka',
    );
    expect(await h.iamEventsCausedBy(requestId)).toHaveLength(2);
  });

  it('applies each event once when the whole log is published again', async () => {
    const before = (await readModel(requestId))!;
    const { rows: receipts } = await h.pool.query<{ n: string }>(
      "SELECT count(*)::text AS n FROM event_receipts WHERE consumer_id = 'workflow-kafka-intake'",
    );
    expect(Number(receipts[0]?.n)).toBeGreaterThan(0);
    const published = (await h.pool.query<{ n: string }>('SELECT count(*)::text AS n FROM events'))
      .rows[0]?.n;
    const again = relay('relay-two');
    await again.start();
    await waitFor(
      () => again.status().published >= Number(published),
      'the second relay to publish the log again',
    );
    // The intake reads the duplicates (skipped), then an event written after them.
    const before2 = await h.pool.query<{ n: string }>(
      'SELECT count(*)::text AS n FROM workflow_requests',
    );
    await h.person('zed');
    const zed = await h.workflow.requestAccess(
      {
        access: { kind: 'group', groupName: 'ops-admins' },
        justification: 'marker',
        duration: '1h',
      },
      h.caller(await h.signIn('zed')),
    );
    await waitFor(
      async () => (await readModel(zed.request.requestId)) !== undefined,
      'the marker request to arrive',
    );
    expect(
      Number(
        (await h.pool.query<{ n: string }>('SELECT count(*)::text AS n FROM workflow_requests'))
          .rows[0]?.n,
      ),
    ).toBe(Number(before2.rows[0]?.n) + 1);
    expect(await readModel(requestId)).toEqual(before);
    expect(before).toEqual({ status: 'ACTIVE', approvals: 2 });
  });

  it('recovers from a crash after the IAM commit without applying twice', async () => {
    await approvals.close();
    const dave = await h.person('dave');
    const { request } = await h.workflow.requestAccess(
      {
        access: { kind: 'group', groupName: 'ops-admins' },
        justification: 'crash on kafka',
        duration: '1h',
      },
      h.caller(dave),
    );
    await h.workflow.approve({ requestId: request.requestId }, h.caller(carol));
    await h.workflow.approve({ requestId: request.requestId }, h.caller(bob));
    const env = {
      DATABASE_URL: h.database.url,
      SECRETS_KEY: h.secretsKey,
      NOW: h.clock.now().toISOString(),
      KAFKA_BROKERS: brokers.join(','),
      TOPIC: topic,
      GROUP_ID: groupId,
    };
    const crashed = startChild({ ...env, CRASH_AT: 'after-iam-commit' });
    expect(await crashed.exited).toBe('SIGKILL');
    const recovered = startChild({ ...env, CRASH_AT: '' });
    try {
      await waitFor(
        async () => (await readModel(request.requestId))?.status === 'ACTIVE',
        'the recovered process to catch up',
        60_000,
      );
    } finally {
      expect(await recovered.stop()).toBe('exit 0');
    }
    const { events } = await h.store.readStream(requestStream(request.requestId));
    const state = foldRequest(events as unknown as RequestEvent[]);
    expect(state.exists && state.status).toBe('ACTIVE');
    expect(events.filter((e) => e.type === 'GrantActivated')).toHaveLength(1);
    expect((await h.iamEventsCausedBy(request.requestId)).map((e) => e.type).sort()).toEqual([
      'GroupMemberAdded',
      'UserAddedToGroup',
    ]);
  });
});
