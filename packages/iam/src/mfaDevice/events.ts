import type { DomainEvent } from '../shared/events.js';
import type { Tag } from '../shared/tags.js';

/** Who an MFA device protects. */
export type MfaAssignee =
  { readonly type: 'User'; readonly userId: string } | { readonly type: 'Root' };

type Of<T extends string, D extends object> = DomainEvent<
  T,
  { readonly deviceId: string; readonly serialNumber: string } & D
>;

/** The seed (AES-256-GCM encrypted) is the secret `seedSecretId`. */
export type VirtualMFADeviceCreated = Of<
  'VirtualMFADeviceCreated',
  {
    readonly name: string;
    readonly path: string;
    readonly seedSecretId: string;
    readonly tags: readonly Tag[];
  }
>;
export type MFADeviceEnabled = Of<'MFADeviceEnabled', { readonly assignee: MfaAssignee }>;
export type MFADeviceDeactivated = Of<'MFADeviceDeactivated', { readonly assignee: MfaAssignee }>;
export type VirtualMFADeviceDeleted = Of<'VirtualMFADeviceDeleted', { readonly name: string }>;

/** Events of an `iam-mfa-<id>` stream. */
export type MfaDeviceEvent =
  VirtualMFADeviceCreated | MFADeviceEnabled | MFADeviceDeactivated | VirtualMFADeviceDeleted;
