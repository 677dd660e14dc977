// A gateway of its own per test file: a fresh migrated database, the real
// IamService on it, the HTTP server listening on 127.0.0.1 (random port), a
// manual clock, and helpers to call it as a client would.
import { createTestDatabase, type TestDatabase } from '@gatehouse/db/testing';
import { argon2idHasher, SecretBox } from '@gatehouse/iam';
import { ManualClock } from '@gatehouse/iam/testing';
import { createLogger } from '@gatehouse/service-kit';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import {
  startGateway,
  type Gateway,
  type StartGatewayOptions,
} from '../../src/composition/startGateway.js';
import { createGatewayServer } from '../../src/server/createGatewayServer.js';
import type { SubscriptionLimits } from '../../src/server/subscriptions.js';

export const ACCOUNT_ID = '123456789012';
export const ROOT_EMAIL = 'root@example.com';
export const ROOT_PASSWORD = 'Root-Password-1!';

/** A GraphQL response as received. */
export interface GqlResponse<T = Record<string, unknown>> {
  readonly status: number;
  readonly headers: Headers;
  readonly data: T | null | undefined;
  readonly errors:
    | readonly {
        readonly message: string;
        readonly path?: readonly (string | number)[];
        readonly extensions?: {
          readonly code?: string;
          readonly details?: Record<string, unknown>;
          readonly requestId?: string;
        };
      }[]
    | undefined;
  readonly extensions: { readonly warnings?: readonly string[] } | undefined;
}

/** Options of a call. */
export interface CallOptions {
  /** `Authorization: Bearer <token>`. */
  readonly token?: string;
  readonly headers?: Record<string, string>;
}

export interface TestGateway {
  readonly url: string;
  readonly clock: ManualClock;
  readonly pool: pg.Pool;
  readonly gateway: Gateway;
  readonly app: FastifyInstance;
  readonly database: TestDatabase;
  gql<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    options?: CallOptions,
  ): Promise<GqlResponse<T>>;
  /** Sends a raw body (for signing tests). */
  post(body: string, headers: Record<string, string>): Promise<GqlResponse>;
  eventCount(): Promise<number>;
  close(): Promise<void>;
}

/** What a test may set of the gateway's options. */
export type StartTestGatewayOverrides = Partial<Omit<StartGatewayOptions, 'pool' | 'logger'>>;

/** Starts a gateway on a fresh database. */
export async function startTestGateway(
  overrides: StartTestGatewayOverrides = {},
  server: {
    readonly introspection?: boolean;
    readonly bodyLimitBytes?: number;
    readonly subscriptionLimits?: SubscriptionLimits;
  } = {},
): Promise<TestGateway> {
  const database = await createTestDatabase();
  const pool = new pg.Pool({ connectionString: database.url, max: 20 });
  pool.on('error', () => undefined);
  const clock = new ManualClock(new Date());
  const logger = createLogger({
    service: 'gateway',
    level: process.env.GATEWAY_TEST_LOG_LEVEL ?? 'silent',
  });
  const gateway = await startGateway({
    pool,
    logger,
    secretsKey: SecretBox.generateKey(),
    bootstrap: { rootEmail: ROOT_EMAIL, rootPassword: ROOT_PASSWORD, accountId: ACCOUNT_ID },
    clock,
    iam: {
      passwordHasher: argon2idHasher({ memoryCost: 1024, timeCost: 1, parallelism: 1 }),
      view: { pollIntervalMs: 50 },
    },
    // Every test signs in from 127.0.0.1; the rate-limit tests pass their own limits.
    signInLimits: {
      perIp: { burst: 10_000, perMinute: 10_000 },
      perUser: { burst: 10_000, perMinute: 10_000 },
      maxKeys: 1000,
    },
    ...overrides,
  });
  const app = await createGatewayServer({
    logger,
    gateway,
    introspection: server.introspection ?? true,
    ...(server.bodyLimitBytes === undefined ? {} : { bodyLimitBytes: server.bodyLimitBytes }),
    ...(server.subscriptionLimits === undefined
      ? {}
      : { subscriptionLimits: server.subscriptionLimits }),
  });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });

  const send = async (body: string, headers: Record<string, string>): Promise<GqlResponse> => {
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body,
    });
    const json = (await response.json()) as Omit<GqlResponse, 'status' | 'headers'>;
    return {
      status: response.status,
      headers: response.headers,
      data: json.data,
      errors: json.errors,
      extensions: json.extensions,
    };
  };

  return {
    url,
    clock,
    pool,
    gateway,
    app,
    database,
    async gql<T>(
      query: string,
      variables: Record<string, unknown> = {},
      options: CallOptions = {},
    ) {
      const headers: Record<string, string> = { ...options.headers };
      if (options.token !== undefined) headers.authorization = `Bearer ${options.token}`;
      return (await send(JSON.stringify({ query, variables }), headers)) as GqlResponse<T>;
    },
    post: send,
    async eventCount() {
      const { rows } = await pool.query<{ n: string }>('SELECT count(*) AS n FROM events');
      return Number(rows[0]?.n ?? '0');
    },
    async close() {
      await app.close();
      await pool.end();
      await database.drop();
    },
  };
}
