// The gateway as a separate OS process on a fresh, migrated database answers
// GraphQL over HTTP, reports readiness, and stops cleanly on SIGTERM.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createSuiteDatabase, type SuiteDatabase } from '../support/database.js';
import { GraphqlClient } from '../support/graphqlClient.js';
import { startService, type ServiceProcess } from '../support/serviceProcess.js';

let database: SuiteDatabase | undefined;
let gateway: ServiceProcess | undefined;
let client: GraphqlClient;

beforeAll(async () => {
  database = await createSuiteDatabase();
  gateway = await startService({
    name: 'gateway',
    entry: 'services/gateway/dist/main.js',
    env: { DATABASE_URL: database.url, GATEWAY_PORT: '0', LOG_LEVEL: 'info', NODE_ENV: 'test' },
    readyMessage: 'gateway listening',
  });
  client = new GraphqlClient(gateway.baseUrl);
});

afterAll(async () => {
  // Either may be missing when beforeAll failed half-way.
  await gateway?.dispose();
  await database?.dispose();
});

describe('gateway process', () => {
  it('answers a GraphQL query over HTTP', async () => {
    const { status, data, errors } = await client.call<{
      serviceInfo: { name: string; startedAt: string };
    }>('{ serviceInfo { name startedAt } }');

    expect(status).toBe(200);
    expect(errors).toBeUndefined();
    expect(data?.serviceInfo.name).toBe('gatehouse-gateway');
    expect(Date.parse(data?.serviceInfo.startedAt ?? '')).toBeLessThanOrEqual(Date.now());
  });

  it('is ready while its database is reachable', async () => {
    const response = await fetch(`${gateway!.baseUrl}/readyz`);

    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ready' });
  });

  it('rejects a malformed query with a GraphQL error, not a crash', async () => {
    const { status, code } = await client.call('{ serviceInfo { ');

    expect(status).toBe(400);
    expect(code).toBe('GRAPHQL_PARSE_FAILED');
  });

  it('exits 0 on SIGTERM', async () => {
    expect(await gateway!.stop()).toBe(0);
  });
});
