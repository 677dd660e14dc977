import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { quoteIdentifier } from '../ensureDatabase.js';
import { defaultMigrationsDir } from '../migrations/defaultMigrationsDir.js';
import { migrate } from '../migrations/migrate.js';

/** A database of its own for one test file or suite; drop it in afterAll. */
export interface TestDatabase {
  readonly name: string;
  readonly url: string;
  drop(): Promise<void>;
}

/** Options of {@link createTestDatabase}. */
export interface TestDatabaseOptions {
  /** Apply the repository's migrations (default true). */
  readonly migrate?: boolean;
  readonly migrationsDir?: string;
}

const PREFIX = 'gh_test_';
// Databases older than this were left by a run that was killed before its
// afterAll; no live run keeps one that long.
const STALE_AFTER_MS = 6 * 60 * 60 * 1000;

/**
 * The server tests use: `GATEHOUSE_TEST_DATABASE_URL` (any database on it, used
 * only to create and drop test databases), by default the local PostgreSQL.
 */
export function testServerUrl(): string {
  return process.env.GATEHOUSE_TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
}

/** Creates a fresh, uniquely named database (migrated unless asked otherwise). */
export async function createTestDatabase(options: TestDatabaseOptions = {}): Promise<TestDatabase> {
  const serverUrl = testServerUrl();
  const name = `${PREFIX}${Date.now().toString(36)}_${randomBytes(5).toString('hex')}`;
  await withAdmin(serverUrl, async (admin) => {
    await dropStale(admin);
    await admin.query(`CREATE DATABASE ${quoteIdentifier(name)}`);
  });
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const database: TestDatabase = {
    name,
    url: url.toString(),
    drop: () =>
      withAdmin(serverUrl, async (admin) => {
        await admin.query(`DROP DATABASE IF EXISTS ${quoteIdentifier(name)} WITH (FORCE)`);
      }),
  };
  if (options.migrate !== false) {
    try {
      await migrate({
        databaseUrl: database.url,
        migrationsDir: options.migrationsDir ?? defaultMigrationsDir(),
      });
    } catch (error) {
      await database.drop();
      throw error;
    }
  }
  return database;
}

async function withAdmin<T>(serverUrl: string, work: (admin: pg.Client) => Promise<T>): Promise<T> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.end();
  }
}

async function dropStale(admin: pg.Client): Promise<void> {
  const { rows } = await admin.query<{ datname: string }>(
    `SELECT datname FROM pg_database WHERE datname LIKE $1`,
    [`${PREFIX}%`],
  );
  const now = Date.now();
  for (const { datname } of rows) {
    const createdAt = Number.parseInt(datname.slice(PREFIX.length).split('_')[0] ?? '', 36);
    if (Number.isFinite(createdAt) && now - createdAt > STALE_AFTER_MS) {
      await admin.query(`DROP DATABASE IF EXISTS ${quoteIdentifier(datname)} WITH (FORCE)`);
    }
  }
}
