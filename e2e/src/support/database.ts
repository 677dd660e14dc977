// A fresh PostgreSQL database per suite, migrated by the project's own migrate
// command (`gatehouse-db migrate`, as a deployment runs it), dropped afterwards.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { createTestDatabase, testServerUrl, type TestDatabase } from '@gatehouse/db/testing';
import pg from 'pg';
import { track } from './cleanup.js';
import { repoRoot } from './serviceProcess.js';

/** A migrated database of the suite's own, with a small pool for assertions. */
export interface SuiteDatabase extends TestDatabase {
  readonly pool: pg.Pool;
  /** Closes the pool and drops the database. */
  dispose(): Promise<void>;
}

async function migrateWithCli(url: string): Promise<void> {
  try {
    await promisify(execFile)(
      process.execPath,
      [path.join(repoRoot, 'packages/db/dist/cli.js'), 'migrate'],
      { cwd: repoRoot, env: { PATH: process.env.PATH ?? '', DATABASE_URL: url }, timeout: 60_000 },
    );
  } catch (error) {
    const { stderr } = error as { stderr?: string };
    throw new Error(`gatehouse-db migrate failed:\n${stderr ?? String(error)}`, { cause: error });
  }
}

/** Creates and migrates a database for one suite. */
export async function createSuiteDatabase(): Promise<SuiteDatabase> {
  const database = await createTestDatabase({ migrate: false });
  const untrack = track({ kind: 'database', serverUrl: testServerUrl(), name: database.name });
  const pool = new pg.Pool({ connectionString: database.url, max: 3 });
  try {
    await migrateWithCli(database.url);
  } catch (error) {
    await pool.end();
    await database.drop();
    untrack();
    throw error;
  }
  return {
    ...database,
    pool,
    async dispose() {
      await pool.end();
      await database.drop();
      untrack();
    },
  };
}
