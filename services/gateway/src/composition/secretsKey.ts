import { createHash } from 'node:crypto';
import { ConfigError } from '@gatehouse/service-kit';

/**
 * The key that seals TOTP seeds at rest. Production requires
 * `GATEHOUSE_SECRETS_KEY`; elsewhere a fixed development key is used (so seeds
 * survive restarts on a laptop) and a warning says so. Never use the development
 * key for anything real: it is public.
 */
export function resolveSecretsKey(
  configured: string | undefined,
  nodeEnv: 'development' | 'test' | 'production',
): { readonly key: string; readonly development: boolean } {
  if (configured !== undefined) return { key: configured, development: false };
  if (nodeEnv === 'production') {
    throw new ConfigError('gateway', [
      {
        variable: 'GATEHOUSE_SECRETS_KEY',
        message: 'is required in production (32 bytes, base64)',
      },
    ]);
  }
  const key = createHash('sha256')
    .update('gatehouse development secrets key (public)')
    .digest('base64');
  return { key, development: true };
}

/** The root email of the first start: required in production, a placeholder elsewhere. */
export function resolveRootEmail(
  configured: string | undefined,
  nodeEnv: 'development' | 'test' | 'production',
): string {
  if (configured !== undefined) return configured;
  if (nodeEnv === 'production') {
    throw new ConfigError('gateway', [
      { variable: 'GATEHOUSE_ROOT_EMAIL', message: 'is required in production' },
    ]);
  }
  return 'root@gatehouse.local';
}
