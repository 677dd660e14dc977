import type pg from 'pg';

/** Anything that runs one query: a `pg.Pool`, a `pg.Client`, a pooled client inside a transaction. */
export interface Queryable {
  query<R extends pg.QueryResultRow = pg.QueryResultRow>(
    text: string,
    values?: unknown[],
  ): Promise<pg.QueryResult<R>>;
}
