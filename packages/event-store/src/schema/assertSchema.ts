import { EventStoreError, databaseError } from '../errors.js';
import { APPEND_FUNCTION, TABLES } from './names.js';
import type { Queryable } from './queryable.js';

/**
 * Checks that the event-store migration is applied (tables and append function),
 * so a service fails at start-up with `SCHEMA_MISSING` rather than on its first append.
 */
export async function assertSchema(db: Queryable): Promise<void> {
  let missing: string[];
  try {
    const names = [...Object.values(TABLES), APPEND_FUNCTION];
    const { rows } = await db.query<{ name: string; present: boolean }>(
      `SELECT name, (to_regclass(name) IS NOT NULL OR to_regproc(name) IS NOT NULL) AS present
         FROM unnest($1::text[]) AS name`,
      [names],
    );
    missing = rows.filter((row) => !row.present).map((row) => row.name);
  } catch (error) {
    throw databaseError(error, 'checking the event-store schema');
  }
  if (missing.length > 0) {
    throw new EventStoreError(
      'SCHEMA_MISSING',
      `event-store schema incomplete, missing ${missing.map((name) => `\`${name}\``).join(', ')}: apply the migrations`,
    );
  }
}
