import { databaseError } from '../errors.js';
import { ADVISORY_LOCK_NAMESPACE } from '../schema/names.js';
import type { Queryable } from '../schema/queryable.js';

/**
 * Tries the session-level advisory lock that makes one instance of a consumer
 * active. The lock lives as long as the session: if the process or its
 * connection dies, PostgreSQL releases it and a standby can take over.
 */
export async function tryLockConsumer(session: Queryable, lockKey: number): Promise<boolean> {
  try {
    const { rows } = await session.query<{ locked: boolean }>(
      'SELECT pg_try_advisory_lock($1::int4, $2::int4) AS locked',
      [ADVISORY_LOCK_NAMESPACE, lockKey],
    );
    return rows[0]?.locked === true;
  } catch (error) {
    throw databaseError(error, 'taking the consumer lock');
  }
}

/** Releases the lock taken by {@link tryLockConsumer} on the same session. */
export async function unlockConsumer(session: Queryable, lockKey: number): Promise<void> {
  try {
    await session.query('SELECT pg_advisory_unlock($1::int4, $2::int4)', [
      ADVISORY_LOCK_NAMESPACE,
      lockKey,
    ]);
  } catch (error) {
    throw databaseError(error, 'releasing the consumer lock');
  }
}
