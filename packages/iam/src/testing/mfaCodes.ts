import { Secret } from 'otpauth';
import { totpCode, totpStep } from '../credentials/totp.js';

/** The TOTP code a device with this base32 seed shows at `at`, `offset` steps later. */
export function mfaCode(base32Seed: string, at: Date, offset = 0): string {
  return totpCode(new Uint8Array(Secret.fromBase32(base32Seed).bytes), totpStep(at) + offset);
}
