import { randomBytes } from 'node:crypto';

/**
 * A new secret access key: 40 characters of base64 (240 random bits), the
 * shape of IAM's. Shown once; only its SHA-256 is stored.
 */
export function newAccessKeySecret(): string {
  return randomBytes(30).toString('base64');
}

/** The shape of a secret access key as issued. */
export const ACCESS_KEY_SECRET = /^[A-Za-z0-9+/]{40}$/;
