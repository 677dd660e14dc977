import { randomBytes, randomUUID } from 'node:crypto';

/**
 * IAM's unique-id prefixes: each kind of entity gets ids that say what they
 * are, as in AWS (`AIDA...` is always a user).
 */
export const ID_PREFIXES = {
  user: 'AIDA',
  group: 'AGPA',
  role: 'AROA',
  policy: 'ANPA',
  accessKey: 'AKIA',
  temporaryAccessKey: 'ASIA',
  /** Not an AWS prefix: virtual MFA devices have none there, but a stable id keys their stream. */
  mfaDevice: 'AMFA',
  /** Sessions (sign-in, GetSessionToken, AssumeRole). */
  session: 'ASES',
} as const;

/** A kind of generated id. */
export type IdKind = keyof typeof ID_PREFIXES;

/** The upper-case base32 alphabet of ids (RFC 4648). */
export const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** Lengths after the prefix: access key ids are 20 characters in all, entity ids 21. */
export const ID_BODY_LENGTHS: Readonly<Record<IdKind, number>> = {
  user: 17,
  group: 17,
  role: 17,
  policy: 17,
  accessKey: 16,
  temporaryAccessKey: 16,
  mfaDevice: 17,
  session: 22,
};

/**
 * Makes the ids of new entities and credentials. Injected so unit tests get
 * predictable ids; production uses {@link randomIds}.
 */
export interface IdGenerator {
  /** A new id of the given kind: prefix plus upper-case base32. */
  next(kind: IdKind): string;
  /** A new UUID (event ids, secret ids, command ids). */
  uuid(): string;
}

/** Base32 (RFC 4648 alphabet, no padding) of `length` characters from `bytes`. */
export function base32(bytes: Uint8Array, length: number): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5 && out.length < length) {
      out += BASE32.charAt((buffer >>> (bits - 5)) & 31);
      bits -= 5;
    }
    buffer &= (1 << bits) - 1;
  }
  if (bits > 0 && out.length < length) out += BASE32.charAt((buffer << (5 - bits)) & 31);
  return out;
}

/** Cryptographically random ids (80+ bits after the prefix). */
export const randomIds: IdGenerator = Object.freeze({
  next(kind: IdKind): string {
    const length = ID_BODY_LENGTHS[kind];
    return ID_PREFIXES[kind] + base32(randomBytes(Math.ceil((length * 5) / 8)), length);
  },
  uuid: () => randomUUID(),
});

/** The shape of a generated id of `kind`. */
export function idPattern(kind: IdKind): RegExp {
  return new RegExp(`^${ID_PREFIXES[kind]}[A-Z2-7]{${ID_BODY_LENGTHS[kind]}}$`);
}
