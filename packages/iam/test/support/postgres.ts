// A migrated database of its own per test file, an IamService on it, and helpers
// that look at the raw tables (the tests check what PostgreSQL holds, not a mock).
import { createTestDatabase, type TestDatabase } from '@gatehouse/db/testing';
import { EventStore } from '@gatehouse/event-store';
import pg from 'pg';
import { argon2idHasher } from '../../src/credentials/passwordHasher.js';
import { SecretBox } from '../../src/credentials/secretBox.js';
import { IamService } from '../../src/commandHandling/iamService.js';
import { PostgresIamStore } from '../../src/postgres/postgresIamStore.js';
import { ManualClock } from '../../src/testing/manualClock.js';

export interface PgHarness {
  readonly database: TestDatabase;
  readonly pool: pg.Pool;
  readonly events: EventStore;
  readonly store: PostgresIamStore;
  readonly clock: ManualClock;
  readonly secretsKey: string;
  /** A new service on the same database (another process, as far as the log knows). */
  service(): IamService;
  eventCount(): Promise<number>;
  secretCount(): Promise<number>;
  close(): Promise<void>;
}

export const ACCOUNT = '123456789012';
export const ROOT_PASSWORD = 'Root-Password-1';

export async function createHarness(): Promise<PgHarness> {
  const database = await createTestDatabase(
    process.env.IAM_TEST_MIGRATIONS_DIR === undefined
      ? {}
      : { migrationsDir: process.env.IAM_TEST_MIGRATIONS_DIR },
  );
  const pool = new pg.Pool({ connectionString: database.url, max: 20 });
  pool.on('error', () => undefined);
  const events = new EventStore({ pool });
  const store = new PostgresIamStore({ pool, eventStore: events });
  const clock = new ManualClock(new Date());
  const secretsKey = SecretBox.generateKey();
  const services: IamService[] = [];
  const count = async (sql: string) =>
    Number((await pool.query<{ n: string }>(sql)).rows[0]?.n ?? '0');
  return {
    database,
    pool,
    events,
    store,
    clock,
    secretsKey,
    service() {
      const service = new IamService({
        store,
        clock,
        secretsKey,
        passwordHasher: argon2idHasher({ memoryCost: 1024, timeCost: 1, parallelism: 1 }),
        view: { pollIntervalMs: 50 },
      });
      services.push(service);
      return service;
    },
    eventCount: () => count('SELECT count(*)::text AS n FROM events'),
    secretCount: () => count('SELECT count(*)::text AS n FROM credential_secrets'),
    async close() {
      for (const service of services) await service.stop();
      await pool.end();
      await database.drop();
    },
  };
}
