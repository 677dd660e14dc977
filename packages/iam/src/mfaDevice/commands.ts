import { z } from 'zod';
import {
  authenticationCode,
  mfaDeviceName,
  path,
  serialNumber,
  tags,
  userName,
} from '../shared/schemas.js';

/** Creates a virtual (TOTP) MFA device; its seed is returned once, then stored encrypted. */
export const CreateVirtualMFADeviceSchema = z.strictObject({
  type: z.literal('CreateVirtualMFADevice'),
  virtualMFADeviceName: mfaDeviceName,
  path: path.optional(),
  tags: tags.optional(),
});
/**
 * Assigns a device to a user (or to the root user, when `userName` is left out
 * and the caller is root) after two consecutive codes prove the user holds it.
 */
export const EnableMFADeviceSchema = z.strictObject({
  type: z.literal('EnableMFADevice'),
  userName: userName.optional(),
  serialNumber,
  authenticationCode1: authenticationCode,
  authenticationCode2: authenticationCode,
});
/** Unassigns a device (`userName` left out: the caller's own, root included). */
export const DeactivateMFADeviceSchema = z.strictObject({
  type: z.literal('DeactivateMFADevice'),
  userName: userName.optional(),
  serialNumber,
});
/** Deletes an unassigned virtual device; its seed is never used again. */
export const DeleteVirtualMFADeviceSchema = z.strictObject({
  type: z.literal('DeleteVirtualMFADevice'),
  serialNumber,
});

export type CreateVirtualMFADevice = z.infer<typeof CreateVirtualMFADeviceSchema>;
export type EnableMFADevice = z.infer<typeof EnableMFADeviceSchema>;
export type DeactivateMFADevice = z.infer<typeof DeactivateMFADeviceSchema>;
export type DeleteVirtualMFADevice = z.infer<typeof DeleteVirtualMFADeviceSchema>;
