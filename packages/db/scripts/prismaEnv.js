// Environment for running Prisma's CLIs without downloading native engines.
import path from 'node:path';

const placeholder = path.join(import.meta.dirname, 'engine-not-needed.txt');

/** process.env plus engine placeholders, unless the caller already chose engines. */
export function prismaEnv(extra = {}) {
  return {
    ...process.env,
    PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? placeholder,
    PRISMA_QUERY_ENGINE_LIBRARY: process.env.PRISMA_QUERY_ENGINE_LIBRARY ?? placeholder,
    PRISMA_HIDE_UPDATE_MESSAGE: '1',
    CHECKPOINT_DISABLE: '1',
    ...extra,
  };
}

export const repoRoot = path.resolve(import.meta.dirname, '../../..');
