export { DbError, type DbErrorCode } from './dbError.js';
export { ensureDatabase, parseDatabaseUrl, quoteIdentifier } from './ensureDatabase.js';
export { defaultMigrationsDir } from './migrations/defaultMigrationsDir.js';
export { migrate, type MigrateOptions, type MigrateResult } from './migrations/migrate.js';
export { readMigrations, type MigrationFile } from './migrations/readMigrations.js';
export { createPrismaClient, PrismaClient } from './prismaClient.js';
