import pg from 'pg';

/** The structure of the tables in a database's `public` schema, comparable with toEqual. */
export interface SchemaDescription {
  readonly tables: Record<
    string,
    {
      readonly columns: Record<string, string>;
      readonly constraints: Record<string, string>;
      readonly indexes: Record<string, string>;
    }
  >;
}

/** Describes tables, columns, constraints and indexes (not functions or triggers). */
export async function describeSchema(databaseUrl: string): Promise<SchemaDescription> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const tables: Record<
      string,
      {
        columns: Record<string, string>;
        constraints: Record<string, string>;
        indexes: Record<string, string>;
      }
    > = {};
    const table = (name: string) =>
      (tables[name] ??= { columns: {}, constraints: {}, indexes: {} });
    const columns = await client.query<{
      table_name: string;
      column_name: string;
      definition: string;
    }>(
      `SELECT c.relname AS table_name, a.attname AS column_name,
              format_type(a.atttypid, a.atttypmod)
                || CASE WHEN a.attnotnull THEN ' NOT NULL' ELSE '' END
                || COALESCE(' DEFAULT ' || pg_get_expr(d.adbin, d.adrelid), '') AS definition
         FROM pg_attribute a
         JOIN pg_class c ON c.oid = a.attrelid AND c.relkind IN ('r', 'p')
         JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'public'
         LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
        WHERE a.attnum > 0 AND NOT a.attisdropped AND c.relname <> '_prisma_migrations'`,
    );
    for (const row of columns.rows) table(row.table_name).columns[row.column_name] = row.definition;
    const constraints = await client.query<{
      table_name: string;
      name: string;
      definition: string;
    }>(
      `SELECT c.relname AS table_name, k.conname AS name, pg_get_constraintdef(k.oid) AS definition
         FROM pg_constraint k
         JOIN pg_class c ON c.oid = k.conrelid
         JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'public'
        WHERE c.relname <> '_prisma_migrations'`,
    );
    for (const row of constraints.rows)
      table(row.table_name).constraints[row.name] = row.definition;
    const indexes = await client.query<{ table_name: string; name: string; definition: string }>(
      `SELECT tablename AS table_name, indexname AS name, indexdef AS definition
         FROM pg_indexes WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'`,
    );
    for (const row of indexes.rows) table(row.table_name).indexes[row.name] = row.definition;
    return { tables };
  } finally {
    await client.end();
  }
}
