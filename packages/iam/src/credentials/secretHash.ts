import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * SHA-256 for high-entropy secrets (access-key secrets, session tokens: 240+
 * random bits). A slow KDF buys nothing there, since no dictionary or brute
 * force can reach such a space, while these are checked on every request, where
 * argon2's ~35 ms and 19 MiB would be a denial-of-service lever. The domain
 * label keeps a token hash from ever matching a key hash.
 */
export function secretDigest(domain: 'access-key' | 'session-token', secret: string): string {
  return createHash('sha256').update(`gatehouse:${domain}:`).update(secret, 'utf8').digest('hex');
}

/** Compares two hex digests in constant time (false when lengths differ). */
export function digestsEqual(a: string, b: string): boolean {
  const left = Buffer.from(a, 'hex');
  const right = Buffer.from(b, 'hex');
  return left.length === right.length && left.length > 0 && timingSafeEqual(left, right);
}
