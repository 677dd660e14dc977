import pg from 'pg';
import { DbError } from './dbError.js';

/** Creates the database named in `databaseUrl` when it does not exist yet. Returns whether it did. */
export async function ensureDatabase(databaseUrl: string): Promise<boolean> {
  const url = parseDatabaseUrl(databaseUrl);
  const name = decodeURIComponent(url.pathname.slice(1));
  if (name === '') {
    throw new DbError('DATABASE_URL_INVALID', 'the database URL names no database');
  }
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (rowCount === 1) return false;
    await client.query(`CREATE DATABASE ${quoteIdentifier(name)}`);
    return true;
  } finally {
    await client.end();
  }
}

/** Parses a postgres:// URL, with a typed error that never echoes the password. */
export function parseDatabaseUrl(databaseUrl: string): URL {
  try {
    const url = new URL(databaseUrl);
    if (url.protocol !== 'postgresql:' && url.protocol !== 'postgres:') throw new Error('protocol');
    return url;
  } catch (error) {
    throw new DbError(
      'DATABASE_URL_INVALID',
      'the database URL must look like postgresql://user@host:port/name',
      {
        cause: error,
      },
    );
  }
}

/** Double-quotes a Postgres identifier. */
export function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
