// `prisma generate` for the Prisma 7 client, offline (see engine-not-needed.txt).
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { prismaEnv, repoRoot } from './prismaEnv.js';

const prismaCli = createRequire(import.meta.url).resolve('prisma/build/index.js');
const result = spawnSync(
  process.execPath,
  [prismaCli, 'generate', '--config', path.join(repoRoot, 'prisma.config.ts')],
  { cwd: repoRoot, env: prismaEnv(), stdio: 'inherit' },
);
process.exit(result.status ?? 1);
