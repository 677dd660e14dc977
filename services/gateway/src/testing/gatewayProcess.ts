// The gateway as its own OS process on a fresh migrated database (with the
// decision-log table the gateway proposes, until its migration lands).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createTestDatabase, type TestDatabase } from '@gatehouse/db/testing';
import pg from 'pg';
import { graphql, repoRoot, startService, type ServiceProcess } from './serviceProcess.js';

export const ROOT_EMAIL = 'root@e2e.example';
export const ROOT_PASSWORD = 'E2e-Root-Password-1!';
export const ACCOUNT_ID = '210987654321';

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

async function ensureDecisionLogTable(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ exists: boolean }>(
      `SELECT to_regclass('authorization_decisions') IS NOT NULL AS exists`,
    );
    if (rows[0]?.exists !== true) {
      await client.query(
        readFileSync(
          path.join(repoRoot, 'services/gateway/sql/authorization_decisions.sql'),
          'utf8',
        ),
      );
    }
  } finally {
    await client.end();
  }
}

/**
 * Starts the built gateway (services/gateway/dist/main.js: build it first) on a new database
 * with a known root user and account id; `env` adds or overrides variables.
 */
export async function startGatewayProcess(
  env: Record<string, string> = {},
): Promise<GatewayUnderTest> {
  const database = await createTestDatabase();
  await ensureDecisionLogTable(database.url);
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
      GATEHOUSE_SECRETS_KEY: 'c2VjcmV0cy1rZXktZm9yLWUyZS10ZXN0cy0zMi1ieXQ=',
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
