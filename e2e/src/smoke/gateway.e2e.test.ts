// The gateway as a separate OS process on a fresh, migrated database answers
// GraphQL over HTTP, reports readiness, and stops cleanly on SIGTERM.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTestDatabase, type TestDatabase } from '@gatehouse/db/testing';
import { graphql, startService, type ServiceProcess } from '../support/serviceProcess.js';

let database: TestDatabase | undefined;
let gateway: ServiceProcess | undefined;

beforeAll(async () => {
  database = await createTestDatabase();
  gateway = await startService({
    entry: 'services/gateway/dist/main.js',
    env: { DATABASE_URL: database.url, GATEWAY_PORT: '0', LOG_LEVEL: 'info', NODE_ENV: 'test' },
    readyMessage: 'gateway listening',
  });
});

afterAll(async () => {
  // Either may be missing when beforeAll failed half-way.
  await gateway?.stop();
  await database?.drop();
});

describe('gateway process', () => {
  it('answers a GraphQL query over HTTP', async () => {
    const { status, body } = await graphql<{ serviceInfo: { name: string; startedAt: string } }>(
      gateway!.baseUrl,
      '{ serviceInfo { name startedAt } }',
    );

    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    expect(body.data?.serviceInfo.name).toBe('gatehouse-gateway');
    expect(Date.parse(body.data?.serviceInfo.startedAt ?? '')).toBeLessThanOrEqual(Date.now());
  });

  it('is ready while its database is reachable', async () => {
    const response = await fetch(`${gateway!.baseUrl}/readyz`);

    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ready' });
  });

  it('rejects a malformed query with a GraphQL error, not a crash', async () => {
    const { status, body } = await graphql(gateway!.baseUrl, '{ serviceInfo { ');

    expect(status).toBe(400);
    expect(body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
  });

  it('exits 0 on SIGTERM', async () => {
    expect(await gateway!.stop()).toBe(0);
  });
});
