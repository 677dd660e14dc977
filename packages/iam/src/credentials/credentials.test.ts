import { describe, expect, it } from '@jest/globals';
import { isIamError } from '../shared/iamError.js';
import { ACCESS_KEY_SECRET, newAccessKeySecret } from './accessKeys.js';
import { argon2idHasher } from './passwordHasher.js';
import {
  assertPasswordAllowed,
  generatePassword,
  passwordExpiresAt,
  passwordViolations,
  type PasswordPolicy,
} from './passwordPolicy.js';
import { SecretBox, secretsKeyFromEnv } from './secretBox.js';
import { digestsEqual, secretDigest } from './secretHash.js';
import { newSessionToken, sessionIdOfToken } from './sessionTokens.js';
import { matchConsecutiveTotp, matchTotp, otpauthUri, totpCode, totpStep } from './totp.js';

const policy: PasswordPolicy = {
  minimumPasswordLength: 12,
  requireSymbols: true,
  requireNumbers: true,
  requireUppercaseCharacters: true,
  requireLowercaseCharacters: true,
  allowUsersToChangePassword: true,
  maxPasswordAge: 90,
  passwordReusePrevention: 3,
  hardExpiry: false,
};

describe('password policy', () => {
  it('lists every rule a password breaks', () => {
    expect(passwordViolations('short', policy)).toEqual([
      'must be at least 12 characters long',
      'must contain an upper-case letter',
      'must contain a digit',
      "must contain one of `!@#$%^&*()_+-=[]{}|'`",
    ]);
    expect(passwordViolations('Long-enough-pw1', policy)).toEqual([]);
  });

  it("applies IAM's default rules without a policy: 8 characters and three classes", () => {
    expect(passwordViolations('abcdefgh', null)).toHaveLength(1);
    expect(passwordViolations('abcdEFG1', null)).toEqual([]);
    expect(passwordViolations('aB1', null)).toEqual(['must be at least 8 characters long']);
  });

  it('raises PASSWORD_POLICY_VIOLATION with the violations', () => {
    try {
      assertPasswordAllowed('x', policy);
      throw new Error('no error');
    } catch (error) {
      expect(isIamError(error, 'PASSWORD_POLICY_VIOLATION')).toBe(true);
      expect(
        (error as { details: { violations: unknown[] } }).details.violations.length,
      ).toBeGreaterThan(0);
    }
  });

  it('computes expiry from the max age, never without one', () => {
    expect(passwordExpiresAt(new Date('2026-01-01T00:00:00Z'), policy)?.toISOString()).toBe(
      '2026-04-01T00:00:00.000Z',
    );
    expect(passwordExpiresAt(new Date(), null)).toBeNull();
  });

  it('generates passwords that satisfy the strictest policy', () => {
    for (let i = 0; i < 50; i += 1)
      expect(
        passwordViolations(generatePassword(), { ...policy, minimumPasswordLength: 32 }),
      ).toEqual([]);
  });
});

describe('argon2id', () => {
  it('hashes with argon2id and the given parameters, verifies, and refuses a wrong password or malformed hash', async () => {
    const hasher = argon2idHasher({ memoryCost: 1024, timeCost: 1, parallelism: 1 });
    const phc = await hasher.hash('correct horse');
    expect(phc).toMatch(/^\$argon2id\$v=19\$m=1024,t=1,p=1\$/);
    expect(await hasher.verify(phc, 'correct horse')).toBe(true);
    expect(await hasher.verify(phc, 'Correct horse')).toBe(false);
    expect(await hasher.verify('not a hash', 'x')).toBe(false);
  });

  it('uses the OWASP parameters by default', async () => {
    expect(await argon2idHasher().hash('x')).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });
});

describe('high-entropy secrets', () => {
  it('access key secrets are 40 base64 characters and differ', () => {
    const a = newAccessKeySecret();
    expect(a).toMatch(ACCESS_KEY_SECRET);
    expect(newAccessKeySecret()).not.toBe(a);
  });

  it('digests are domain-separated and compared in constant time', () => {
    const digest = secretDigest('access-key', 's');
    expect(digestsEqual(digest, secretDigest('access-key', 's'))).toBe(true);
    expect(digestsEqual(digest, secretDigest('session-token', 's'))).toBe(false);
    expect(digestsEqual(digest, digest.slice(2))).toBe(false);
    expect(digestsEqual('', '')).toBe(false);
  });

  it('session tokens carry their session id and refuse anything else', () => {
    const token = newSessionToken('ASESAAAAAAAAAAAAAAAAAAAAAB');
    expect(sessionIdOfToken(token)).toBe('ASESAAAAAAAAAAAAAAAAAAAAAB');
    expect(sessionIdOfToken(`${token}x`)).toBeUndefined();
    expect(sessionIdOfToken('ghs1.nope.x')).toBeUndefined();
    expect(sessionIdOfToken('x'.repeat(10_000))).toBeUndefined();
  });
});

describe('secret box (AES-256-GCM)', () => {
  it('round-trips, binds the ciphertext to its id, and detects tampering and a wrong key', () => {
    const box = SecretBox.fromBase64(SecretBox.generateKey());
    const sealed = box.seal(Buffer.from('seed'), 'id-1');
    expect(sealed).not.toContain('seed');
    expect(box.open(sealed, 'id-1').toString()).toBe('seed');
    expect(() => box.open(sealed, 'id-2')).toThrow(/cannot be decrypted/);
    const parts = sealed.split('.');
    const tampered = [parts[0], parts[1], Buffer.from('xxxx').toString('base64url'), parts[3]].join(
      '.',
    );
    expect(() => box.open(tampered, 'id-1')).toThrow();
    expect(() => SecretBox.fromBase64(SecretBox.generateKey()).open(sealed, 'id-1')).toThrow(
      /cannot be decrypted/,
    );
    expect(() => SecretBox.fromBase64('c2hvcnQ=')).toThrow(/32 bytes/);
  });

  it('reads GATEHOUSE_SECRETS_KEY, naming the variable and never the value when it is wrong', () => {
    const key = SecretBox.generateKey();
    expect(secretsKeyFromEnv({ GATEHOUSE_SECRETS_KEY: key })).toBe(key);
    expect(() => secretsKeyFromEnv({})).toThrow(/GATEHOUSE_SECRETS_KEY is not set/);
    expect(() => secretsKeyFromEnv({ GATEHOUSE_SECRETS_KEY: 'c2hvcnQ=' })).toThrow(
      /^GATEHOUSE_SECRETS_KEY must be 32 bytes in base64$/,
    );
  });
});

describe('TOTP (RFC 6238)', () => {
  // RFC 6238 appendix B, SHA-1 seed "12345678901234567890" (8 digits there; the last 6 here).
  const seed = Buffer.from('12345678901234567890');
  it.each([
    [59, '287082'],
    [1111111109, '081804'],
    [1111111111, '050471'],
    [1234567890, '005924'],
    [2000000000, '279037'],
  ])('at %i s the code is %s', (seconds, code) => {
    expect(totpCode(seed, totpStep(new Date(seconds * 1000)))).toBe(code);
  });

  it('accepts the current step and one either side, nothing further', () => {
    const now = new Date(1_800_000_000_000);
    const step = totpStep(now);
    expect(matchTotp(seed, totpCode(seed, step), now)).toBe(step);
    expect(matchTotp(seed, totpCode(seed, step - 1), now)).toBe(step - 1);
    expect(matchTotp(seed, totpCode(seed, step + 1), now)).toBe(step + 1);
    expect(matchTotp(seed, totpCode(seed, step - 2), now)).toBeUndefined();
    expect(matchTotp(seed, totpCode(seed, step + 2), now)).toBeUndefined();
  });

  it('enabling needs two consecutive codes, in order', () => {
    const now = new Date(1_800_000_000_000);
    const step = totpStep(now);
    expect(matchConsecutiveTotp(seed, totpCode(seed, step - 1), totpCode(seed, step), now)).toBe(
      step,
    );
    expect(
      matchConsecutiveTotp(seed, totpCode(seed, step), totpCode(seed, step - 1), now),
    ).toBeUndefined();
    expect(
      matchConsecutiveTotp(seed, totpCode(seed, step), totpCode(seed, step), now),
    ).toBeUndefined();
    expect(
      matchConsecutiveTotp(seed, totpCode(seed, step - 5), totpCode(seed, step - 4), now),
    ).toBeUndefined();
  });

  it('gives an otpauth URI for authenticator apps', () => {
    expect(otpauthUri(seed, '123456789012:alice', 'Gatehouse')).toMatch(
      /^otpauth:\/\/totp\/Gatehouse:123456789012%3Aalice\?issuer=Gatehouse&secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&algorithm=SHA1&digits=6&period=30$/,
    );
  });
});
