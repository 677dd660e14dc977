// A migrated database of its own per test file, and a pool on it.
import { createTestDatabase, type TestDatabase } from '@gatehouse/db/testing';
import pg from 'pg';
import { EventStore } from '../../src/index.js';

export interface TestStore {
  readonly database: TestDatabase;
  readonly pool: pg.Pool;
  readonly store: EventStore;
  close(): Promise<void>;
}

export async function createTestStore(poolSize = 20): Promise<TestStore> {
  const database = await createTestDatabase();
  const pool = new pg.Pool({ connectionString: database.url, max: poolSize });
  // Idle clients of a dropped database error out; the test does not care.
  pool.on('error', () => undefined);
  return {
    database,
    pool,
    store: new EventStore({ pool }),
    async close() {
      // Dropping first (WITH FORCE) ends every session, so consumers a failed test
      // left running stop and give their clients back, and pool.end cannot hang.
      await database.drop();
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        pool.end(),
        new Promise((resolve) => {
          timer = setTimeout(resolve, 5_000);
        }),
      ]);
      clearTimeout(timer);
    },
  };
}

/** A client outside the pool, for holding transactions open or playing the attacker. */
export async function connect(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  client.on('error', () => undefined);
  await client.connect();
  return client;
}
