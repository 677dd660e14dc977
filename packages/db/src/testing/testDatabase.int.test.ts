import { describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { createTestDatabase, testServerUrl } from './testDatabase.js';

async function databaseExists(name: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: testServerUrl() });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    return rowCount === 1;
  } finally {
    await client.end();
  }
}

describe('createTestDatabase', () => {
  it('creates a database of its own and drops it, even with a connection still open', async () => {
    const [first, second] = await Promise.all([createTestDatabase(), createTestDatabase()]);
    expect(first.name).not.toBe(second.name);
    const open = new pg.Client({ connectionString: first.url });
    await open.connect();
    open.on('error', () => undefined);

    await Promise.all([first.drop(), second.drop()]);

    expect(await databaseExists(first.name)).toBe(false);
    expect(await databaseExists(second.name)).toBe(false);
    await open.end().catch(() => undefined);
  });
});
