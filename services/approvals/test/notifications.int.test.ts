// Notifications: signed webhooks on every state change (outbox written with
// the projection, retried with backoff, bounded, logged), and the live feed
// that GraphQL subscriptions read.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Principal } from '@gatehouse/iam';
import {
  ChangeRequestFeed,
  verifyWebhook,
  WEBHOOK_HEADERS,
  type ChangeRequestUpdate,
} from '@gatehouse/workflow';
import type { Approvals } from '../src/index.js';
import { createHarness, type Harness } from './support/harness.js';

interface Received {
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
}

const SECRET = 'a-webhook-secret-of-at-least-32-characters';
let h: Harness;
let approvals: Approvals;
let server: Server;
const received: Received[] = [];
let failuresLeft = 1;
let okUrl: string;
let downUrl: string;
let carol: Principal;

beforeAll(async () => {
  server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => {
      body += chunk.toString();
    });
    request.on('end', () => {
      if (request.url === '/down') {
        response.writeHead(503).end();
        return;
      }
      received.push({ headers: request.headers, body });
      if (failuresLeft > 0) {
        failuresLeft -= 1;
        response.writeHead(500).end();
      } else {
        response.writeHead(204).end();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  okUrl = `http://127.0.0.1:${port}/hooks`;
  downUrl = `http://127.0.0.1:${port}/down`;
  h = await createHarness();
  carol = await h.person('carol', ['sre', 'reviewers']);
  approvals = await h.approvals({
    webhook: {
      endpoints: [okUrl, downUrl],
      secrets: [SECRET],
      backoff: { baseDelayMs: 1000, maxDelayMs: 60_000, maxAttempts: 3 },
      random: () => 0.5,
    },
  });
});
afterAll(async () => {
  await h.close();
  await new Promise((resolve) => server.close(resolve));
});

async function deliveries(endpoint: string) {
  const { rows } = await h.pool.query<{
    event_type: string;
    status: string;
    attempts: number;
    delivery_id: string;
  }>(
    'SELECT event_type, status, attempts, delivery_id::text FROM workflow_webhook_deliveries WHERE endpoint = $1 ORDER BY delivery_id',
    [endpoint],
  );
  return rows;
}

describe('signed webhooks', () => {
  it('queues one delivery per state change and endpoint, signs it, and retries with backoff', async () => {
    const alice = await h.person('alice');
    const { request } = await h.workflow.requestAccess(
      {
        access: { kind: 'group', groupName: 'ops-admins' },
        justification: 'hooks',
        duration: '1h',
      },
      h.caller(alice),
    );
    await h.workflow.approve({ requestId: request.requestId }, h.caller(carol));
    await approvals.intake.catchUp();
    expect((await deliveries(okUrl)).map((d) => d.event_type)).toEqual([
      'ChangeRequestSubmitted',
      'ChangeRequestApproved',
    ]);

    const webhooks = approvals.webhooks!;
    expect(await webhooks.dispatch()).toEqual({ delivered: 1, retried: 3, failed: 0 });
    // The first delivery failed once (500): due again after 750 ms (1 s, equal jitter at 0.5).
    expect(await webhooks.dispatch()).toEqual({ delivered: 0, retried: 0, failed: 0 });
    h.clock.advance(749);
    expect((await webhooks.dispatch()).delivered).toBe(0);
    h.clock.advance(1);
    // The endpoint that is down is retried alongside (its second attempt).
    expect(await webhooks.dispatch()).toEqual({ delivered: 1, retried: 2, failed: 0 });

    const ok = await deliveries(okUrl);
    expect(ok.map((d) => [d.status, d.attempts])).toEqual([
      ['DELIVERED', 2],
      ['DELIVERED', 1],
    ]);
    const { rows: attempts } = await h.pool.query<{ attempt: number; status_code: number }>(
      'SELECT attempt, status_code FROM workflow_webhook_attempts WHERE delivery_id = $1 ORDER BY attempt',
      [ok[0]!.delivery_id],
    );
    expect(attempts).toEqual([
      { attempt: 1, status_code: 500 },
      { attempt: 2, status_code: 204 },
    ]);

    // Every attempt is signed over timestamp and body; a retry keeps the id.
    expect(received).toHaveLength(3);
    for (const delivery of received) {
      expect(
        verifyWebhook({
          secret: SECRET,
          body: delivery.body,
          timestampHeader: delivery.headers[WEBHOOK_HEADERS.timestamp] as string,
          signatureHeader: delivery.headers[WEBHOOK_HEADERS.signature] as string,
          now: h.clock.now(),
        }),
      ).toBe('valid');
      expect(
        verifyWebhook({
          secret: 'another-secret-of-at-least-32-characters!',
          body: delivery.body,
          timestampHeader: delivery.headers[WEBHOOK_HEADERS.timestamp] as string,
          signatureHeader: delivery.headers[WEBHOOK_HEADERS.signature] as string,
          now: h.clock.now(),
        }),
      ).toBe('mismatch');
    }
    expect(received[0]!.headers[WEBHOOK_HEADERS.id]).toBe(received[2]!.headers[WEBHOOK_HEADERS.id]);
    const approved = JSON.parse(received[1]!.body) as ChangeRequestUpdate;
    expect(approved).toMatchObject({
      type: 'ChangeRequestApproved',
      requestId: request.requestId,
      status: 'PENDING',
      previousStatus: 'PENDING',
    });
  });

  it('gives up after the bounded number of attempts', async () => {
    const webhooks = approvals.webhooks!;
    for (let round = 0; round < 3; round += 1) {
      await webhooks.dispatch();
      h.clock.advance(60_000);
    }
    const down = await deliveries(downUrl);
    expect(down.map((d) => [d.status, d.attempts])).toEqual([
      ['FAILED', 3],
      ['FAILED', 3],
    ]);
  });
});

describe('the live feed (GraphQL subscriptions)', () => {
  it('pushes each state change of a request to its subscribers', async () => {
    const feed = new ChangeRequestFeed({ store: h.store, pollIntervalMs: 50 });
    await feed.start();
    try {
      const dave = await h.person('dave');
      const updates = feed.subscribe({ requesterArn: h.arn('user', 'dave') });
      const others = feed.subscribe({ requestId: '00000000-0000-4000-8000-000000000000' });
      const { request } = await h.workflow.requestAccess(
        {
          access: { kind: 'group', groupName: 'ops-admins' },
          justification: 'live',
          duration: '1h',
        },
        h.caller(dave),
      );
      const bob = await h.person('bob', ['sre', 'reviewers']);
      await h.workflow.approve({ requestId: request.requestId }, h.caller(carol));
      await h.workflow.approve({ requestId: request.requestId }, h.caller(bob));
      await approvals.worker.tick();
      await feed.drain();
      const seen: [string, string][] = [];
      for (let i = 0; i < 5; i += 1) {
        const next = await updates.next();
        if (next.done === true) break;
        seen.push([next.value.type, next.value.status]);
      }
      expect(seen).toEqual([
        ['ChangeRequestSubmitted', 'PENDING'],
        ['ChangeRequestApproved', 'PENDING'],
        ['ChangeRequestApproved', 'APPROVED'],
        ['ChangeRequestScheduled', 'SCHEDULED'],
        ['GrantActivated', 'ACTIVE'],
      ]);
      expect(feed.subscriberCount).toBe(2);
      await updates.return?.();
      await others.return?.();
      expect(feed.subscriberCount).toBe(0);
    } finally {
      await feed.stop();
    }
  });
});
