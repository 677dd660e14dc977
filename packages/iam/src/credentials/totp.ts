import { randomBytes, timingSafeEqual } from 'node:crypto';
import { HOTP, Secret, TOTP } from 'otpauth';

/** RFC 6238 parameters IAM's virtual devices use: SHA-1, 6 digits, 30-second steps. */
export const TOTP_PERIOD_SECONDS = 30;
const DIGITS = 6;

/** A new 160-bit seed (RFC 4226's recommended length). */
export function newTotpSeed(): Buffer {
  return randomBytes(20);
}

/** The time step of a moment. */
export function totpStep(at: Date): number {
  return Math.floor(at.getTime() / 1000 / TOTP_PERIOD_SECONDS);
}

/** The code of a step (RFC 6238: HOTP over the step counter). */
export function totpCode(seed: Uint8Array, step: number): string {
  return new HOTP({
    secret: new Secret({ buffer: toArrayBuffer(seed) }),
    digits: DIGITS,
    algorithm: 'SHA1',
  }).generate({
    counter: step,
  });
}

function toArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  const copy = new Uint8Array(bytes.length);
  copy.set(bytes);
  return copy.buffer;
}

function codesEqual(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  return left.length === right.length && timingSafeEqual(left, right);
}

/**
 * The step `code` belongs to, trying the current step and one either side (RFC
 * 6238's recommended window for clock drift); undefined when none matches. Every
 * candidate is compared, in constant time, so timing says nothing about which.
 */
export function matchTotp(seed: Uint8Array, code: string, at: Date): number | undefined {
  const now = totpStep(at);
  let found: number | undefined;
  for (const step of [now - 1, now, now + 1]) {
    if (codesEqual(totpCode(seed, step), code) && found === undefined) found = step;
  }
  return found;
}

/**
 * For enabling a device: `code1` and `code2` must be the codes of two
 * consecutive steps, the second within the window. Returns the second step.
 */
export function matchConsecutiveTotp(
  seed: Uint8Array,
  code1: string,
  code2: string,
  at: Date,
): number | undefined {
  const now = totpStep(at);
  let found: number | undefined;
  for (const second of [now - 1, now, now + 1]) {
    const ok =
      codesEqual(totpCode(seed, second - 1), code1) && codesEqual(totpCode(seed, second), code2);
    if (ok && found === undefined) found = second;
  }
  return found;
}

/** The `otpauth://` URI authenticator apps read (QR code content). */
export function otpauthUri(seed: Uint8Array, label: string, issuer: string): string {
  return new TOTP({
    issuer,
    label,
    secret: new Secret({ buffer: toArrayBuffer(seed) }),
    digits: DIGITS,
    period: TOTP_PERIOD_SECONDS,
    algorithm: 'SHA1',
  }).toString();
}

/** The seed in base32, as IAM's `Base32StringSeed`. */
export function base32Seed(seed: Uint8Array): string {
  return new Secret({ buffer: toArrayBuffer(seed) }).base32;
}
