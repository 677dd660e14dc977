// pnpm --filter @gatehouse/db migration:new <name> [--from <git revision>]
// Writes prisma/migrations/<timestamp>_<name>/migration.sql with the SQL that
// takes the schema at <git revision> (default HEAD) to the working schema.prisma.
// Needs `pnpm build` first. With Prisma's engines available, `npx prisma migrate dev --create-only` does the same.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { schemaDiffSql } from '../dist/testing/index.js';

const repoRoot = path.resolve(import.meta.dirname, '../../..');

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { from: { type: 'string', default: 'HEAD' } },
});
const name = positionals[0];
if (name === undefined || !/^[a-z0-9_]+$/.test(name)) {
  process.stderr.write('usage: migration:new <snake_case_name> [--from <git revision>]\n');
  process.exit(2);
}
let fromSchemaText = null;
try {
  fromSchemaText = execFileSync('git', ['show', `${values.from}:prisma/schema.prisma`], {
    cwd: repoRoot,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  });
} catch {
  process.stderr.write(
    `migration:new: no prisma/schema.prisma at ${values.from}; diffing from an empty database\n`,
  );
}
const sql = schemaDiffSql({
  fromSchemaText,
  toSchemaText: readFileSync(path.join(repoRoot, 'prisma/schema.prisma'), 'utf8'),
  serverUrl: process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres',
});
if (sql.trim() === '' || /^-- This is an empty migration\.\s*$/.test(sql.trim())) {
  process.stderr.write('migration:new: schema.prisma has no changes since that revision\n');
  process.exit(1);
}
const stamp = new Date().toISOString().replace(/[-:T]/g, '').slice(0, 14);
const dir = path.join(repoRoot, 'prisma/migrations', `${stamp}_${name}`);
mkdirSync(dir, { recursive: true });
writeFileSync(path.join(dir, 'migration.sql'), sql);
process.stderr.write(
  `migration:new: wrote ${path.relative(repoRoot, dir)}/migration.sql; review it, add what Prisma cannot express (triggers, functions), commit\n`,
);
