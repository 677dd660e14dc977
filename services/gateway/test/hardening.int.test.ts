// Hardening over HTTP: operation limits (depth, aliases, root fields, cost,
// tokens), the body limit, batching off, introspection and field suggestions off
// in production, sign-in rate limits, and masked unexpected errors.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DEFAULT_OPERATION_LIMITS } from '../src/hardening/operationLimits.js';
import { SIGN_IN, errorCode, ok, rootToken } from './support/operations.js';
import {
  ROOT_EMAIL,
  ROOT_PASSWORD,
  startTestGateway,
  type GqlResponse,
  type TestGateway,
} from './support/testGateway.js';

let gw: TestGateway;
let production: TestGateway;
let root = '';

beforeAll(async () => {
  [gw, production] = await Promise.all([
    startTestGateway({ limits: { ...DEFAULT_OPERATION_LIMITS, maxDepth: 4 } }),
    startTestGateway(
      {
        signInLimits: {
          perIp: { burst: 3, perMinute: 3 },
          perUser: { burst: 2, perMinute: 2 },
          maxKeys: 100,
        },
      },
      { introspection: false, bodyLimitBytes: 16 * 1024 },
    ),
  ]);
  root = await rootToken(gw);
});

afterAll(async () => {
  await Promise.all([gw.close(), production.close()]);
});

function limitOf(response: GqlResponse) {
  const error = response.errors?.[0];
  return { code: error?.extensions?.code, limit: error?.extensions?.details?.limit };
}

describe('operation limits', () => {
  it('refuses a query nested too deep, before running it', async () => {
    const response = await gw.gql(
      `{ getGroup(groupName: "x") { users { edges { node { permissionsBoundary { permissionsBoundaryArn } } } } } }`,
      {},
      { token: root },
    );
    expect({ status: response.status, ...limitOf(response) }).toEqual({
      status: 400,
      code: 'LIMIT_EXCEEDED',
      limit: 'depth',
    });
  });

  it('refuses too many aliases (e.g. many password guesses in one request)', async () => {
    const guesses = Array.from(
      { length: 16 },
      (_, i) =>
        `g${i}: signIn(rootEmail: "${ROOT_EMAIL}", password: "guess-${i}") { sessionToken }`,
    ).join(' ');
    const response = await gw.gql(`mutation { ${guesses} }`);
    expect(limitOf(response)).toEqual({ code: 'LIMIT_EXCEEDED', limit: 'aliases' });
  });

  it('refuses too many root fields', async () => {
    const fields = Array.from({ length: 11 }, () => 'serviceInfo { name }').join(' ');
    const aliased = Array.from({ length: 10 }, (_, i) => `s${i}: serviceInfo { name }`).join(' ');
    const response = await gw.gql(`{ ${fields} ${aliased} }`);
    expect(limitOf(response)).toEqual({ code: 'LIMIT_EXCEEDED', limit: 'rootFields' });
  });

  it('refuses an operation whose pages would cost too much', async () => {
    const page = (alias: string) =>
      `${alias}: listUsers(first: 100) { edges { cursor node { userName userId arn path createDate } } }`;
    // 1 + 100 × (edges 1 + cursor 1 + node 1 + 5 fields) = 801 per page; 7 pages = 5,607 > 5,000.
    const response = await gw.gql(
      `{ ${['a', 'b', 'c', 'd', 'e', 'f', 'g'].map(page).join(' ')} }`,
      {},
      { token: root },
    );
    expect(limitOf(response)).toEqual({ code: 'LIMIT_EXCEEDED', limit: 'cost' });
    ok(await gw.gql(`{ ${page('a')} }`, {}, { token: root }));
  });

  it('refuses a document with too many tokens', async () => {
    const response = await gw.gql(`{ serviceInfo { ${'name '.repeat(2100)} } }`);
    expect(errorCode(response)).toBe('GRAPHQL_PARSE_FAILED');
    expect(response.errors?.[0]?.message).toMatch(/tokens/);
  });

  it('refuses batched requests', async () => {
    const response = await fetch(`${gw.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([
        { query: '{ serviceInfo { name } }' },
        { query: '{ serviceInfo { name } }' },
      ]),
    });
    expect(response.status).toBe(400);
  });

  it('refuses a body over the limit with 413', async () => {
    const response = await fetch(`${production.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: '{ serviceInfo { name } }',
        variables: { padding: 'x'.repeat(20 * 1024) },
      }),
    });
    expect(response.status).toBe(413);
  });
});

describe('in production', () => {
  it('answers no introspection', async () => {
    const response = await production.gql(`{ __schema { types { name } } }`);
    expect(errorCode(response)).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('suggests no field names', async () => {
    const response = await production.gql(`{ serviceInf { name } }`);
    expect(response.errors?.[0]?.message).not.toMatch(/Did you mean/);
    const development = await gw.gql(`{ serviceInf { name } }`);
    expect(development.errors?.[0]?.message).toMatch(/Did you mean/);
  });
});

describe('sign-in rate limit', () => {
  it('limits attempts per user name and per source IP, with Retry-After', async () => {
    const attempt = (userName: string) =>
      production.gql(SIGN_IN, { userName, password: 'Wrong-Password-1!' });
    expect(errorCode(await attempt('alice'))).toBe('UNAUTHENTICATED');
    expect(errorCode(await attempt('Alice'))).toBe('UNAUTHENTICATED');
    const perUser = await attempt('ALICE');
    expect(errorCode(perUser)).toBe('TOO_MANY_REQUESTS');
    expect(perUser.errors?.[0]?.extensions?.details).toEqual({
      scope: 'user',
      retryAfterSeconds: 30,
    });
    expect(perUser.headers.get('retry-after')).toBe('30');
    // The source IP's three attempts are spent too: the right password does not help now.
    const perIp = await production.gql(SIGN_IN, { rootEmail: ROOT_EMAIL, password: ROOT_PASSWORD });
    expect(errorCode(perIp)).toBe('TOO_MANY_REQUESTS');
    expect(perIp.errors?.[0]?.extensions?.details?.scope).toBe('sourceIp');
    production.clock.advanceSeconds(60);
    ok(await production.gql(SIGN_IN, { rootEmail: ROOT_EMAIL, password: ROOT_PASSWORD }));
  });
});

describe('unexpected failures', () => {
  it('are masked as INTERNAL_SERVER_ERROR with a request id, never the driver message', async () => {
    await gw.pool.query('ALTER TABLE iam_users RENAME TO iam_users_moved');
    try {
      const response = await gw.gql(
        `{ listUsers { edges { node { userName } } } }`,
        {},
        { token: root, headers: { 'x-request-id': 'test-request-0001' } },
      );
      expect(response.errors?.[0]).toEqual({
        message: 'internal server error',
        locations: expect.any(Array),
        path: ['listUsers'],
        extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: 'test-request-0001' },
      });
      expect(response.headers.get('x-request-id')).toBe('test-request-0001');
      expect(JSON.stringify(response)).not.toMatch(/iam_users|relation|stack/);
    } finally {
      await gw.pool.query('ALTER TABLE iam_users_moved RENAME TO iam_users');
    }
  });
});
