import { invalidInput } from './iamError.js';

/**
 * IAM's parameter rules (the IAM API Reference's "Length Constraints" and
 * "Pattern" for each parameter). Every input is bounded: a value outside them is
 * an `INVALID_INPUT` error before anything is read or written.
 */

/** Users, roles: `[\w+=,.@-]+`, 1-64. */
export const NAME_64 = /^[\w+=,.@-]{1,64}$/;
/** Groups, managed and inline policies: `[\w+=,.@-]+`, 1-128. */
export const NAME_128 = /^[\w+=,.@-]{1,128}$/;
/** Virtual MFA device names: `[\w+=,.@-]+`, 1-226. */
export const MFA_NAME = /^[\w+=,.@-]{1,226}$/;
/** Role session names and source identities: `[\w+=,.@-]`, 2-64. */
export const SESSION_NAME = /^[\w+=,.@-]{2,64}$/;
/** Paths: `/` alone, or `/` + printable ASCII + `/`, at most 512 characters. */
export const PATH = /^(\/|\/[\u0021-\u007E]+\/)$/;
/** Descriptions: tab, newline, CR and Latin-1 printables, at most 1,000 characters. */
// eslint-disable-next-line no-control-regex -- IAM's pattern allows tab, newline and carriage return
export const DESCRIPTION = /^[\u0009\u000A\u000D\u0020-\u007E\u00A1-\u00FF]{0,1000}$/;
/** Tag keys: letters, spaces, digits and `_.:/=+-@`, 1-128. */
export const TAG_KEY = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]{1,128}$/u;
/** Tag values: the same characters, 0-256. */
export const TAG_VALUE = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]{0,256}$/u;
/** Policy version ids: `v` and a number. */
export const VERSION_ID = /^v[1-9][0-9]{0,8}$/;
/** TOTP codes: six digits. */
export const AUTH_CODE = /^[0-9]{6}$/;
/** Access key ids as issued (`AKIA`/`ASIA` + 16 base32). */
export const ACCESS_KEY_ID = /^A[KS]IA[A-Z2-7]{16}$/;
/** The largest policy document accepted as input, as IAM (characters). */
export const MAX_POLICY_INPUT = 131_072;
/** Passwords: 1-128 characters of Latin-1 (IAM's pattern). */
// eslint-disable-next-line no-control-regex -- IAM's pattern allows tab, newline and carriage return
export const PASSWORD = /^[\u0009\u000A\u000D\u0020-\u00FF]{1,128}$/;
/** Email: bounded and plainly shaped (RFC 5321 lengths); deliverability is not our business. */
export const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,189}\.[^\s@.]{1,63}$/;

/** Checks a path (and that it fits its 512-character bound). */
export function assertPath(field: string, path: string): void {
  if (path.length > 512 || !PATH.test(path)) {
    throw invalidInput(
      field,
      'must be `/` or start and end with `/`, printable ASCII, at most 512 characters',
    );
  }
}

/** Checks a value against a pattern with IAM's wording. */
export function assertPattern(field: string, value: string, pattern: RegExp, rule: string): void {
  if (!pattern.test(value)) throw invalidInput(field, `must ${rule}`);
}

/** Case-insensitive key of a name, for uniqueness and stream ids. */
export function nameKey(name: string): string {
  return name.toLowerCase();
}
