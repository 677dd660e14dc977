import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { IamError } from '../shared/iamError.js';

/**
 * Encrypts secrets that must be read back (TOTP seeds) with AES-256-GCM under
 * the key from `GATEHOUSE_SECRETS_KEY`. The secret's id is the additional
 * authenticated data, so a ciphertext moved to another row does not decrypt.
 */
export class SecretBox {
  readonly #key: Buffer;

  /** @param key 32 bytes */
  constructor(key: Uint8Array) {
    if (key.length !== 32) {
      throw new IamError(
        'INVALID_INPUT',
        'the secrets key must be 32 bytes (base64 in GATEHOUSE_SECRETS_KEY)',
      );
    }
    this.#key = Buffer.from(key);
  }

  /** From the base64 text of `GATEHOUSE_SECRETS_KEY`. */
  static fromBase64(text: string): SecretBox {
    const key = Buffer.from(text.trim(), 'base64');
    return new SecretBox(key);
  }

  /** A random key in base64, for tests and first-time setup. */
  static generateKey(): string {
    return randomBytes(32).toString('base64');
  }

  /** `v1.<iv>.<ciphertext>.<tag>` (base64url parts). */
  seal(plaintext: Uint8Array, associatedData: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.#key, iv);
    cipher.setAAD(Buffer.from(associatedData, 'utf8'));
    const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    const tag = cipher.getAuthTag();
    return [
      'v1',
      iv.toString('base64url'),
      ciphertext.toString('base64url'),
      tag.toString('base64url'),
    ].join('.');
  }

  /** @throws IamError `SERVICE_FAILURE` when the box is not ours, was altered, or the key is wrong */
  open(sealed: string, associatedData: string): Buffer {
    const [version, iv, ciphertext, tag] = sealed.split('.');
    if (version !== 'v1' || iv === undefined || ciphertext === undefined || tag === undefined) {
      throw new IamError('SERVICE_FAILURE', 'a stored secret has an unknown format');
    }
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.#key, Buffer.from(iv, 'base64url'));
      decipher.setAAD(Buffer.from(associatedData, 'utf8'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([
        decipher.update(Buffer.from(ciphertext, 'base64url')),
        decipher.final(),
      ]);
    } catch (error) {
      throw new IamError(
        'SERVICE_FAILURE',
        'a stored secret cannot be decrypted (wrong GATEHOUSE_SECRETS_KEY?)',
        {
          cause: error,
        },
      );
    }
  }
}

/**
 * The secrets key from the environment (`GATEHOUSE_SECRETS_KEY`, 32 bytes in
 * base64), checked; the error names the variable, never its value.
 * @throws IamError `INVALID_INPUT`
 */
export function secretsKeyFromEnv(
  env: Readonly<Record<string, string | undefined>> = process.env,
): string {
  const value = env.GATEHOUSE_SECRETS_KEY;
  if (value === undefined || value.trim() === '') {
    throw new IamError(
      'INVALID_INPUT',
      'GATEHOUSE_SECRETS_KEY is not set (32 random bytes, base64)',
    );
  }
  if (Buffer.from(value.trim(), 'base64').length !== 32) {
    throw new IamError('INVALID_INPUT', 'GATEHOUSE_SECRETS_KEY must be 32 bytes in base64');
  }
  return value.trim();
}
