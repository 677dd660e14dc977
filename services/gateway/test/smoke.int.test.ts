import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestGateway, type TestGateway } from './support/testGateway.js';

let gw: TestGateway;

beforeAll(async () => {
  gw = await startTestGateway();
});

afterAll(async () => {
  await gw.close();
});

describe('gateway over HTTP', () => {
  it('answers serviceInfo without credentials', async () => {
    const response = await gw.gql<{ serviceInfo: { name: string } }>('{ serviceInfo { name } }');
    expect(response.errors).toBeUndefined();
    expect(response.data?.serviceInfo.name).toBe('gatehouse-gateway');
  });

  it('refuses listUsers without credentials', async () => {
    const response = await gw.gql('{ listUsers { edges { node { userName } } } }');
    expect(response.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});
