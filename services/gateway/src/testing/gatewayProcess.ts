// The gateway as its own OS process on a fresh migrated database.
import { createTestDatabase, type TestDatabase } from '@gatehouse/db/testing';
import pg from 'pg';
import { graphql, startService, type ServiceProcess } from './serviceProcess.js';

export const ROOT_EMAIL = 'root@e2e.example';
export const ROOT_PASSWORD = 'E2e-Root-Password-1!';
export const ACCOUNT_ID = '210987654321';
/** The gateway's secrets key: give it to an approvals process on the same database. */
export const SECRETS_KEY = 'c2VjcmV0cy1rZXktZm9yLWUyZS10ZXN0cy0zMi1ieXQ=';

/** A running gateway process and its database. */
export interface GatewayUnderTest {
  readonly database: TestDatabase;
  readonly gateway: ServiceProcess;
  call<T>(
    query: string,
    variables?: Record<string, unknown>,
    token?: string,
  ): ReturnType<typeof graphql<T>>;
  eventCount(): Promise<number>;
  /** Signs in as root (password only) and returns the session token. */
  rootToken(): Promise<string>;
  stop(): Promise<void>;
}

/**
 * Starts the built gateway (services/gateway/dist/main.js: build it first) on a new database
 * with a known root user and account id; `env` adds or overrides variables.
 */
export async function startGatewayProcess(
  env: Record<string, string> = {},
): Promise<GatewayUnderTest> {
  const database = await createTestDatabase();
  const gateway = await startService({
    entry: 'services/gateway/dist/main.js',
    env: {
      DATABASE_URL: database.url,
      GATEWAY_PORT: '0',
      LOG_LEVEL: 'info',
      NODE_ENV: 'test',
      GATEHOUSE_ROOT_EMAIL: ROOT_EMAIL,
      GATEHOUSE_ROOT_PASSWORD: ROOT_PASSWORD,
      GATEHOUSE_ACCOUNT_ID: ACCOUNT_ID,
      GATEHOUSE_SECRETS_KEY: SECRETS_KEY,
      ...env,
    },
    readyMessage: 'gateway listening',
  });
  const pool = new pg.Pool({ connectionString: database.url, max: 2 });
  return {
    database,
    gateway,
    call: (query, variables, token) =>
      graphql(
        gateway.baseUrl,
        query,
        variables,
        token === undefined ? {} : { authorization: `Bearer ${token}` },
      ),
    async eventCount() {
      const { rows } = await pool.query<{ n: string }>('SELECT count(*) AS n FROM events');
      return Number(rows[0]?.n ?? '0');
    },
    async rootToken() {
      const response = await graphql<{ signIn: { sessionToken: string } }>(
        gateway.baseUrl,
        'mutation($e: String!, $p: String!) { signIn(rootEmail: $e, password: $p) { sessionToken } }',
        { e: ROOT_EMAIL, p: ROOT_PASSWORD },
      );
      const token = response.body.data?.signIn.sessionToken;
      if (token === undefined)
        throw new Error(`root sign-in failed: ${JSON.stringify(response.body)}`);
      return token;
    },
    async stop() {
      await gateway.stop();
      await pool.end();
      await database.drop();
    },
  };
}
