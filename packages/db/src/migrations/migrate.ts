import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { DbError } from '../dbError.js';
import { readMigrations, type MigrationFile } from './readMigrations.js';

/** Options of {@link migrate}. */
export interface MigrateOptions {
  readonly databaseUrl: string;
  readonly migrationsDir: string;
  /** Called once per migration applied, for progress output. */
  readonly onApplied?: (name: string, durationMs: number) => void;
}

/** What {@link migrate} did. */
export interface MigrateResult {
  readonly applied: readonly string[];
  readonly alreadyApplied: readonly string[];
}

// Prisma's bookkeeping table, created exactly as `prisma migrate deploy` creates it,
// so a database migrated here reads as up to date to `prisma migrate status` and
// the other way round.
const CREATE_PRISMA_MIGRATIONS = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

// Serialises concurrent migrators (two services starting at once) on one database.
const MIGRATION_LOCK_KEY = 72_707_369;

interface AppliedRow {
  readonly migration_name: string;
  readonly checksum: string;
  readonly finished_at: Date | null;
  readonly rolled_back_at: Date | null;
}

/**
 * Applies pending migrations in name order, each in its own transaction, and
 * records them in `_prisma_migrations`. Refuses to run when an applied migration
 * was edited afterwards or an earlier run failed half-way, as Prisma does.
 */
export async function migrate(options: MigrateOptions): Promise<MigrateResult> {
  const migrations = await readMigrations(options.migrationsDir);
  const client = new pg.Client({ connectionString: options.databaseUrl });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    await client.query(CREATE_PRISMA_MIGRATIONS);
    const applied = await readApplied(client);
    checkHistory(migrations, applied);
    const done = new Set(applied.map((row) => row.migration_name));
    const result = { applied: [] as string[], alreadyApplied: [] as string[] };
    for (const migration of migrations) {
      if (done.has(migration.name)) {
        result.alreadyApplied.push(migration.name);
        continue;
      }
      const started = performance.now();
      await applyOne(client, migration);
      result.applied.push(migration.name);
      options.onApplied?.(migration.name, performance.now() - started);
    }
    return result;
  } finally {
    await client
      .query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY])
      .catch(() => undefined);
    await client.end();
  }
}

async function readApplied(client: pg.Client): Promise<AppliedRow[]> {
  const { rows } = await client.query<AppliedRow>(
    `SELECT migration_name, checksum, finished_at, rolled_back_at
       FROM "_prisma_migrations" WHERE rolled_back_at IS NULL ORDER BY started_at`,
  );
  return rows;
}

function checkHistory(migrations: readonly MigrationFile[], applied: readonly AppliedRow[]): void {
  const byName = new Map(migrations.map((migration) => [migration.name, migration]));
  for (const row of applied) {
    if (row.finished_at === null) {
      throw new DbError(
        'MIGRATION_PREVIOUSLY_FAILED',
        `migration \`${row.migration_name}\` failed in an earlier run; fix the database, then mark it rolled back (\`prisma migrate resolve --rolled-back ${row.migration_name}\`)`,
      );
    }
    const file = byName.get(row.migration_name);
    if (file === undefined) {
      throw new DbError(
        'MIGRATION_UNKNOWN_APPLIED',
        `migration \`${row.migration_name}\` is applied to the database but missing from the migrations directory`,
      );
    }
    if (file.checksum !== row.checksum) {
      throw new DbError(
        'MIGRATION_CHECKSUM_MISMATCH',
        `migration \`${row.migration_name}\` was edited after it was applied; add a new migration instead`,
      );
    }
  }
}

async function applyOne(client: pg.Client, migration: MigrationFile): Promise<void> {
  const id = randomUUID();
  await client.query('BEGIN');
  try {
    await client.query(
      `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, applied_steps_count)
       VALUES ($1, $2, $3, now(), 0)`,
      [id, migration.checksum, migration.name],
    );
    await client.query(migration.sql);
    await client.query(
      `UPDATE "_prisma_migrations" SET finished_at = now(), applied_steps_count = 1 WHERE id = $1`,
      [id],
    );
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw new DbError(
      'MIGRATION_FAILED',
      `migration \`${migration.name}\` failed and was rolled back: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    );
  }
}
