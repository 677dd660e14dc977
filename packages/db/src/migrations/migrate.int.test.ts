import { createHash } from 'node:crypto';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { createTestDatabase, type TestDatabase } from '../testing/testDatabase.js';
import { migrate } from './migrate.js';

let database: TestDatabase;
let migrationsDir: string;

function writeMigration(name: string, sql: string): void {
  mkdirSync(path.join(migrationsDir, name), { recursive: true });
  writeFileSync(path.join(migrationsDir, name, 'migration.sql'), sql);
}

async function query<T extends pg.QueryResultRow>(sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

beforeEach(async () => {
  database = await createTestDatabase({ migrate: false });
  migrationsDir = mkdtempSync(path.join(os.tmpdir(), 'gh-migrations-'));
  writeFileSync(path.join(migrationsDir, 'migration_lock.toml'), 'provider = "postgresql"\n');
});

afterEach(async () => {
  await database.drop();
  rmSync(migrationsDir, { recursive: true, force: true });
});

describe('migrate', () => {
  it('applies migrations in name order and records them as Prisma does', async () => {
    const second = 'ALTER TABLE widget ADD COLUMN colour text;';
    writeMigration('20260102000000_colour', second);
    writeMigration('20260101000000_widget', 'CREATE TABLE widget (id int PRIMARY KEY);');

    const result = await migrate({ databaseUrl: database.url, migrationsDir });

    expect(result.applied).toEqual(['20260101000000_widget', '20260102000000_colour']);
    const rows = await query<{
      migration_name: string;
      checksum: string;
      finished_at: Date | null;
      applied_steps_count: number;
    }>(
      'SELECT migration_name, checksum, finished_at, applied_steps_count FROM "_prisma_migrations" ORDER BY started_at, migration_name',
    );
    expect(rows.map((row) => row.migration_name)).toEqual(result.applied);
    expect(rows[1]?.checksum).toBe(createHash('sha256').update(second).digest('hex'));
    expect(rows.every((row) => row.finished_at !== null && row.applied_steps_count === 1)).toBe(
      true,
    );
    expect(await query('SELECT id, colour FROM widget')).toEqual([]);
  });

  it('applies nothing the second time', async () => {
    writeMigration('20260101000000_widget', 'CREATE TABLE widget (id int PRIMARY KEY);');
    await migrate({ databaseUrl: database.url, migrationsDir });

    const again = await migrate({ databaseUrl: database.url, migrationsDir });

    expect(again).toEqual({ applied: [], alreadyApplied: ['20260101000000_widget'] });
  });

  it('refuses to run when an applied migration was edited, and changes nothing', async () => {
    writeMigration('20260101000000_widget', 'CREATE TABLE widget (id int PRIMARY KEY);');
    await migrate({ databaseUrl: database.url, migrationsDir });
    writeMigration('20260101000000_widget', 'CREATE TABLE widget (id bigint PRIMARY KEY);');
    writeMigration('20260102000000_gadget', 'CREATE TABLE gadget (id int PRIMARY KEY);');

    await expect(migrate({ databaseUrl: database.url, migrationsDir })).rejects.toMatchObject({
      code: 'MIGRATION_CHECKSUM_MISMATCH',
    });
    expect(await query(`SELECT to_regclass('gadget') IS NULL AS missing`)).toEqual([
      { missing: true },
    ]);
  });

  it('rolls a failing migration back completely and leaves no record of it', async () => {
    writeMigration('20260101000000_widget', 'CREATE TABLE widget (id int PRIMARY KEY);');
    writeMigration(
      '20260102000000_broken',
      'CREATE TABLE half (id int); SELECT * FROM no_such_table;',
    );

    await expect(migrate({ databaseUrl: database.url, migrationsDir })).rejects.toMatchObject({
      code: 'MIGRATION_FAILED',
      message: expect.stringContaining('20260102000000_broken') as unknown,
    });
    expect(await query(`SELECT to_regclass('half') IS NULL AS missing`)).toEqual([
      { missing: true },
    ]);
    expect(await query('SELECT migration_name FROM "_prisma_migrations"')).toEqual([
      { migration_name: '20260101000000_widget' },
    ]);
  });

  it('applies each migration once when two migrators start together', async () => {
    writeMigration('20260101000000_widget', 'CREATE TABLE widget (id int PRIMARY KEY);');

    const results = await Promise.all([
      migrate({ databaseUrl: database.url, migrationsDir }),
      migrate({ databaseUrl: database.url, migrationsDir }),
    ]);

    expect(results.map((result) => result.applied.length).sort()).toEqual([0, 1]);
  });

  it('rejects a directory that is not a migrations directory', async () => {
    rmSync(path.join(migrationsDir, 'migration_lock.toml'));

    await expect(migrate({ databaseUrl: database.url, migrationsDir })).rejects.toMatchObject({
      code: 'MIGRATIONS_DIR_INVALID',
    });
  });
});
