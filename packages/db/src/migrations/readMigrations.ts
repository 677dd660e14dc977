import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { DbError } from '../dbError.js';

/** One migration folder in Prisma's layout: `<dir>/<name>/migration.sql`. */
export interface MigrationFile {
  readonly name: string;
  readonly sql: string;
  /** Hex SHA-256 of the file's bytes: the checksum Prisma records, so both tools agree. */
  readonly checksum: string;
}

/** Reads the migrations of a directory in the order they must be applied (by name). */
export async function readMigrations(dir: string): Promise<MigrationFile[]> {
  if (!existsSync(path.join(dir, 'migration_lock.toml'))) {
    throw new DbError(
      'MIGRATIONS_DIR_INVALID',
      `\`${dir}\` is not a Prisma migrations directory (no migration_lock.toml)`,
    );
  }
  const entries = await readdir(dir, { withFileTypes: true });
  const names = entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  const migrations: MigrationFile[] = [];
  for (const name of names) {
    const file = path.join(dir, name, 'migration.sql');
    if (!existsSync(file)) {
      throw new DbError('MIGRATIONS_DIR_INVALID', `migration \`${name}\` has no migration.sql`);
    }
    const bytes = await readFile(file);
    migrations.push({
      name,
      sql: bytes.toString('utf8'),
      checksum: createHash('sha256').update(bytes).digest('hex'),
    });
  }
  return migrations;
}
