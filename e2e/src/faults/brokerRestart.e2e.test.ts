// The Kafka broker stopped and restarted while changes flow through the gateway
// (a broker of this suite's own, on its own ports and data directory, never the
// shared one): the gateway keeps accepting changes, the relay retries and then
// publishes everything, an external consumer sees every event in per-stream
// order, and the approvals intake catches up with every stream.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ChangeFlow } from '../support/changeFlow.js';
import { compareWithLog, deliveredAll, loggedEvents } from '../support/eventLog.js';
import type { TopicReader } from '../support/kafka.js';
import { useStack } from '../support/stack.js';

const stack = useStack({ name: 'broker-restart', isolatedBroker: true });
let reader: TopicReader;

beforeAll(async () => {
  reader = await stack().readTopic();
});

afterAll(async () => {
  await reader.stop();
});

describe('the Kafka broker stopped and restarted while changes flow', () => {
  it('loses nothing: every event reaches an external consumer and the approvals intake', async () => {
    const { client, database, kafka } = stack();
    const broker = kafka.broker!;
    expect(kafka.brokers).not.toContain('127.0.0.1:9092');
    const flow = await ChangeFlow.start(client, await stack().rootToken(), 'flow');
    try {
      await flow.advance(10);
      // The relay has published part of the flow by now.
      expect(await stack().relayPosition()).toBeGreaterThan(0);
      await broker.stop();
      // The gateway does not need Kafka: changes go on while the broker is down.
      await flow.advance(15);
      await broker.restart();
      await flow.advance(10);
    } finally {
      await flow.stop();
    }
    expect(flow.failures).toEqual([]);

    const logged = await loggedEvents(database.pool);
    await reader.waitFor((received) => deliveredAll(received, logged), 90_000, 'every event');
    const report = compareWithLog(reader.received, logged);
    expect(report.violations).toEqual([]);
    expect(report.missing).toEqual([]);
    expect(report.delivered).toBe(logged.length);
    await stack().intakeCaughtUp(90_000);
    expect((await fetch(`${stack().approvals.baseUrl}/readyz`)).status).toBe(200);
    process.stdout.write(
      `broker restart: ${logged.length} events, ${report.redelivered} redelivered\n`,
    );
  }, 300_000);
});
