import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from './generated/prisma/client.js';

export { PrismaClient };
export type * from './generated/prisma/client.js';

/**
 * A Prisma client for the read models. It runs queries through the `pg` driver
 * adapter, so no native Prisma engine is needed at run time.
 */
export function createPrismaClient(databaseUrl: string): PrismaClient {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl }) });
}
