import path from 'node:path';

/**
 * The repository's `prisma/migrations`, or `GATEHOUSE_MIGRATIONS_DIR` where a
 * deployment keeps them elsewhere (the container images copy them next to dist).
 */
export function defaultMigrationsDir(): string {
  const configured = process.env.GATEHOUSE_MIGRATIONS_DIR;
  if (configured !== undefined && configured !== '') return path.resolve(configured);
  // src/migrations and dist/migrations are both four levels below the repository root.
  return path.resolve(import.meta.dirname, '../../../../prisma/migrations');
}
