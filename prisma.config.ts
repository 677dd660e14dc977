// Prisma CLI configuration for developers who have Prisma's engines (that is,
// internet access): `npx prisma migrate status`, `migrate dev`, `studio` work as
// usual. On machines without them, `pnpm db:migrate` applies the same migrations
// (README, "Migrations").
import { defineConfig } from 'prisma/config';

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: {
    url: process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/gatehouse',
  },
});
