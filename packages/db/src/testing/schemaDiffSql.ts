import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';

/** Inputs of {@link schemaDiffSql}. */
export interface SchemaDiffInput {
  /** The schema the database is at; null for an empty database. */
  readonly fromSchemaText: string | null;
  readonly toSchemaText: string;
  /** Any reachable database: the WebAssembly engine connects through the driver adapter even to diff two files. */
  readonly serverUrl: string;
}

/**
 * SQL that takes a database from one Prisma schema to another, computed by
 * Prisma 6's WebAssembly schema engine (dev dependency `prisma-offline`), which
 * works without downloading a native engine. Used to write migrations and to
 * check that the migrations match schema.prisma.
 */
export function schemaDiffSql(input: SchemaDiffInput): string {
  const require = createRequire(import.meta.url);
  const cli = require.resolve('prisma-offline/build/index.js');
  const adapter = require.resolve('@prisma/adapter-pg');
  const dir = mkdtempSync(path.join(os.tmpdir(), 'gh-schema-diff-'));
  try {
    const to = path.join(dir, 'to.prisma');
    writeFileSync(to, withDatasourceUrl(input.toSchemaText));
    const config = path.join(dir, 'prisma.config.mjs');
    writeFileSync(
      config,
      `import { PrismaPg } from ${JSON.stringify(adapter)};\n` +
        `export default {\n  engine: 'js',\n  experimental: { adapter: true },\n  schema: ${JSON.stringify(to)},\n` +
        `  adapter: async () => new PrismaPg({ connectionString: ${JSON.stringify(input.serverUrl)} }),\n};\n`,
    );
    const from = ['--from-empty'];
    if (input.fromSchemaText !== null) {
      const fromFile = path.join(dir, 'from.prisma');
      writeFileSync(fromFile, withDatasourceUrl(input.fromSchemaText));
      from.splice(0, 1, '--from-schema-datamodel', fromFile);
    }
    const result = spawnSync(
      process.execPath,
      [
        cli,
        'migrate',
        'diff',
        '--config',
        config,
        ...from,
        '--to-schema-datamodel',
        to,
        '--script',
      ],
      { cwd: dir, env: offlinePrismaEnv(input.serverUrl), encoding: 'utf8' },
    );
    if (result.status !== 0) {
      throw new Error(`prisma migrate diff failed:\n${result.stderr}${result.stdout}`);
    }
    return result.stdout;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// Prisma 6 wants the URL in the schema, Prisma 7 forbids it there: add it to a copy.
function withDatasourceUrl(schemaText: string): string {
  return schemaText.replace(
    /datasource\s+db\s*\{([^}]*)\}/,
    (_block, body: string) => `datasource db {${body}  url = env("DATABASE_URL")\n}`,
  );
}

function offlinePrismaEnv(serverUrl: string): NodeJS.ProcessEnv {
  // Nothing runs these paths; the CLI only checks that they exist (scripts/engine-not-needed.txt).
  const placeholder = path.resolve(import.meta.dirname, '../../scripts/engine-not-needed.txt');
  return {
    ...process.env,
    DATABASE_URL: serverUrl,
    PRISMA_QUERY_ENGINE_LIBRARY: process.env.PRISMA_QUERY_ENGINE_LIBRARY ?? placeholder,
    PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? placeholder,
    PRISMA_HIDE_UPDATE_MESSAGE: '1',
    CHECKPOINT_DISABLE: '1',
  };
}
