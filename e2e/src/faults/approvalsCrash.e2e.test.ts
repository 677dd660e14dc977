// kill -9 of the approvals process while changes flow through the gateway, then
// a restart: its relay resumes from the checkpoint it had committed (nothing at
// or below it is published again, nothing after it is lost) and its Kafka
// intake catches up with every stream (its receipts, written in the same
// transaction as each event's effect, reach every stream's head).
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ChangeFlow } from '../support/changeFlow.js';
import { compareWithLog, deliveredAll, loggedEvents } from '../support/eventLog.js';
import type { TopicReader } from '../support/kafka.js';
import { useStack } from '../support/stack.js';

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
