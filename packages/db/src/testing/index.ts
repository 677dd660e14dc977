export { describeSchema, type SchemaDescription } from './describeSchema.js';
export { schemaDiffSql, type SchemaDiffInput } from './schemaDiffSql.js';
export {
  createTestDatabase,
  testServerUrl,
  type TestDatabase,
  type TestDatabaseOptions,
} from './testDatabase.js';
