// The repository's own migrations: they apply to a fresh database, and the
// database they produce is exactly what prisma/schema.prisma describes.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { defaultMigrationsDir } from './migrations/defaultMigrationsDir.js';
import { readMigrations } from './migrations/readMigrations.js';
import { describeSchema } from './testing/describeSchema.js';
import { schemaDiffSql } from './testing/schemaDiffSql.js';
import { createTestDatabase, testServerUrl, type TestDatabase } from './testing/testDatabase.js';

const schemaFile = path.resolve(defaultMigrationsDir(), '../schema.prisma');
let migrated: TestDatabase;
let fromSchema: TestDatabase;

beforeAll(async () => {
  [migrated, fromSchema] = await Promise.all([
    createTestDatabase(),
    createTestDatabase({ migrate: false }),
  ]);
});

afterAll(async () => {
  await Promise.all([migrated.drop(), fromSchema.drop()]);
});

describe('prisma/migrations', () => {
  it('are all recorded as applied on a fresh database', async () => {
    const client = new pg.Client({ connectionString: migrated.url });
    await client.connect();
    const { rows } = await client.query<{ migration_name: string }>(
      'SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL ORDER BY migration_name',
    );
    await client.end();
    const files = await readMigrations(defaultMigrationsDir());
    expect(files.length).toBeGreaterThan(0);
    expect(rows.map((row) => row.migration_name)).toEqual(files.map((file) => file.name));
  });

  it('produce the tables schema.prisma describes (no drift)', async () => {
    const sql = schemaDiffSql({
      fromSchemaText: null,
      toSchemaText: readFileSync(schemaFile, 'utf8'),
      serverUrl: testServerUrl(),
    });
    const client = new pg.Client({ connectionString: fromSchema.url });
    await client.connect();
    await client.query(sql);
    await client.end();

    expect(await describeSchema(migrated.url)).toEqual(await describeSchema(fromSchema.url));
  });
});
