import { randomInt } from 'node:crypto';
import { IamError } from '../shared/iamError.js';

/** The account password policy (IAM's UpdateAccountPasswordPolicy parameters). */
export interface PasswordPolicy {
  /** 6-128. */
  readonly minimumPasswordLength: number;
  readonly requireSymbols: boolean;
  readonly requireNumbers: boolean;
  readonly requireUppercaseCharacters: boolean;
  readonly requireLowercaseCharacters: boolean;
  /** Whether users may change their own password (ChangePassword). */
  readonly allowUsersToChangePassword: boolean;
  /** Days before a password expires, 1-1,095; null: never. */
  readonly maxPasswordAge: number | null;
  /** How many previous passwords may not be reused, 1-24; null: no check. */
  readonly passwordReusePrevention: number | null;
  /** When an expired password can only be reset by an administrator. */
  readonly hardExpiry: boolean;
}

/**
 * What applies when the account has set none: IAM's default (at least 8
 * characters, at least three of upper case, lower case, digits and symbols). It
 * also applies to the root user's password, whatever the account policy says.
 */
export const DEFAULT_PASSWORD_RULES = Object.freeze({ minimumLength: 8, classesRequired: 3 });

/** IAM's symbol set for password policies. */
const SYMBOLS = "!@#$%^&*()_+-=[]{}|'";

function classesOf(password: string): {
  upper: boolean;
  lower: boolean;
  digit: boolean;
  symbol: boolean;
} {
  let upper = false;
  let lower = false;
  let digit = false;
  let symbol = false;
  for (const ch of password) {
    if (ch >= 'A' && ch <= 'Z') upper = true;
    else if (ch >= 'a' && ch <= 'z') lower = true;
    else if (ch >= '0' && ch <= '9') digit = true;
    else if (SYMBOLS.includes(ch)) symbol = true;
  }
  return { upper, lower, digit, symbol };
}

/**
 * The rules `password` breaks (empty when none): the account policy, or IAM's
 * default when there is none. Reuse and age are checked elsewhere (they need the
 * stored hashes and dates).
 */
export function passwordViolations(password: string, policy: PasswordPolicy | null): string[] {
  const violations: string[] = [];
  const classes = classesOf(password);
  // Length in code points, as users count characters (a surrogate pair is one).
  const length = Array.from(password).length;
  if (policy === null) {
    if (length < DEFAULT_PASSWORD_RULES.minimumLength) {
      violations.push(`must be at least ${DEFAULT_PASSWORD_RULES.minimumLength} characters long`);
    }
    const count = [classes.upper, classes.lower, classes.digit, classes.symbol].filter(
      Boolean,
    ).length;
    if (count < DEFAULT_PASSWORD_RULES.classesRequired) {
      violations.push(
        'must contain at least three of: upper-case letters, lower-case letters, digits, symbols',
      );
    }
    return violations;
  }
  if (length < policy.minimumPasswordLength) {
    violations.push(`must be at least ${policy.minimumPasswordLength} characters long`);
  }
  if (policy.requireUppercaseCharacters && !classes.upper)
    violations.push('must contain an upper-case letter');
  if (policy.requireLowercaseCharacters && !classes.lower)
    violations.push('must contain a lower-case letter');
  if (policy.requireNumbers && !classes.digit) violations.push('must contain a digit');
  if (policy.requireSymbols && !classes.symbol)
    violations.push(`must contain one of \`${SYMBOLS}\``);
  return violations;
}

/**
 * @throws IamError `PASSWORD_POLICY_VIOLATION` listing every rule broken
 */
export function assertPasswordAllowed(password: string, policy: PasswordPolicy | null): void {
  const violations = passwordViolations(password, policy);
  if (violations.length > 0) {
    throw new IamError(
      'PASSWORD_POLICY_VIOLATION',
      `the password does not meet the account password policy: ${violations.join('; ')}`,
      { details: { violations } },
    );
  }
}

/** When a password set at `setAt` expires under `policy` (null: never). */
export function passwordExpiresAt(setAt: Date, policy: PasswordPolicy | null): Date | null {
  if (policy?.maxPasswordAge == null) return null;
  return new Date(setAt.getTime() + policy.maxPasswordAge * 86_400_000);
}

/**
 * A random password that satisfies any policy (32 characters with every class),
 * for the root user when configuration gives none. Shown once.
 */
export function generatePassword(length = 32): string {
  const sets = [
    'ABCDEFGHJKLMNPQRSTUVWXYZ',
    'abcdefghijkmnopqrstuvwxyz',
    '23456789',
    '!@#$%^&*()_+-=[]{}',
  ];
  const all = sets.join('');
  const chars = sets.map((set) => set[randomInt(set.length)] ?? 'x');
  while (chars.length < length) chars.push(all[randomInt(all.length)] ?? 'x');
  for (let i = chars.length - 1; i > 0; i -= 1) {
    const j = randomInt(i + 1);
    const a = chars[i] ?? 'x';
    chars[i] = chars[j] ?? 'x';
    chars[j] = a;
  }
  return chars.join('');
}
