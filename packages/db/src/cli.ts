#!/usr/bin/env node
// gatehouse-db: apply migrations where Prisma's native schema engine is not
// available. Usage: gatehouse-db migrate   (reads DATABASE_URL)
import { DbError } from './dbError.js';
import { ensureDatabase } from './ensureDatabase.js';
import { defaultMigrationsDir } from './migrations/defaultMigrationsDir.js';
import { migrate } from './migrations/migrate.js';

async function main(argv: readonly string[]): Promise<number> {
  const [command] = argv;
  if (command !== 'migrate') {
    process.stderr.write(
      "usage: gatehouse-db migrate\n  DATABASE_URL            the database to migrate (created if missing)\n  GATEHOUSE_MIGRATIONS_DIR  default: the repository's prisma/migrations\n",
    );
    return 2;
  }
  const databaseUrl = process.env.DATABASE_URL;
  if (databaseUrl === undefined || databaseUrl === '') {
    process.stderr.write('gatehouse-db: DATABASE_URL is not set\n');
    return 2;
  }
  if (await ensureDatabase(databaseUrl))
    process.stderr.write('gatehouse-db: created the database\n');
  const result = await migrate({
    databaseUrl,
    migrationsDir: defaultMigrationsDir(),
    onApplied: (name, ms) =>
      process.stderr.write(`gatehouse-db: applied ${name} (${ms.toFixed(0)} ms)\n`),
  });
  process.stderr.write(
    `gatehouse-db: ${result.applied.length} applied, ${result.alreadyApplied.length} already up to date\n`,
  );
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    const message = error instanceof DbError ? `${error.code}: ${error.message}` : String(error);
    process.stderr.write(`gatehouse-db: ${message}\n`);
    process.exit(1);
  },
);
