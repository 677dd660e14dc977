import { hash, verify, type Algorithm } from '@node-rs/argon2';

/** `Algorithm.Argon2id` of `@node-rs/argon2` (a const enum, which isolated modules cannot import). */
// eslint-disable-next-line @typescript-eslint/no-unsafe-enum-assignment -- the enum's documented value
const ARGON2ID: Algorithm.Argon2id = 2;

/**
 * Hashes and checks passwords. Passwords are low-entropy and guessable, so they
 * get a deliberately slow, memory-hard KDF; the hash is a PHC string
 * (`$argon2id$v=19$m=...`) that carries its own parameters and salt, so
 * parameters can be raised later without invalidating stored hashes.
 */
export interface PasswordHasher {
  hash(password: string): Promise<string>;
  /** True when `password` matches `phc`; false for a malformed hash. Constant-time inside. */
  verify(phc: string, password: string): Promise<boolean>;
}

/** argon2id parameters. */
export interface Argon2Parameters {
  /** KiB. */
  readonly memoryCost: number;
  readonly timeCost: number;
  readonly parallelism: number;
}

/** OWASP's recommended argon2id configuration (m=19 MiB, t=2, p=1), about 35 ms here. */
export const OWASP_ARGON2ID: Argon2Parameters = Object.freeze({
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
});

/** argon2id through `@node-rs/argon2` (native, prebuilt; the comparison is constant-time in the library). */
export function argon2idHasher(parameters: Argon2Parameters = OWASP_ARGON2ID): PasswordHasher {
  return {
    hash: (password) =>
      hash(password, {
        algorithm: ARGON2ID,
        memoryCost: parameters.memoryCost,
        timeCost: parameters.timeCost,
        parallelism: parameters.parallelism,
      }),
    async verify(phc, password) {
      try {
        return await verify(phc, password);
      } catch {
        return false;
      }
    },
  };
}
