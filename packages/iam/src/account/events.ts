import type { PasswordPolicy } from '../credentials/passwordPolicy.js';
import type { DomainEvent } from '../shared/events.js';
import type { SupportPlan } from './commands.js';

/** The account and its root user exist (first start). */
export type AccountCreated = DomainEvent<
  'AccountCreated',
  { readonly accountId: string; readonly rootEmail: string; readonly supportPlan: SupportPlan }
>;
/** The root user's password changed; the argon2id hash is the secret `secretId`. */
export type RootPasswordChanged = DomainEvent<
  'RootPasswordChanged',
  { readonly secretId: string; readonly generated: boolean }
>;
export type RootEmailChanged = DomainEvent<'RootEmailChanged', { readonly rootEmail: string }>;
export type SupportPlanChanged = DomainEvent<
  'SupportPlanChanged',
  { readonly supportPlan: SupportPlan }
>;
export type AccountPasswordPolicyUpdated = DomainEvent<
  'AccountPasswordPolicyUpdated',
  { readonly passwordPolicy: PasswordPolicy }
>;
export type AccountPasswordPolicyDeleted = DomainEvent<
  'AccountPasswordPolicyDeleted',
  Record<string, never>
>;
export type RootMFADeviceEnabled = DomainEvent<
  'RootMFADeviceEnabled',
  { readonly deviceId: string; readonly serialNumber: string }
>;
export type RootMFADeviceDeactivated = DomainEvent<
  'RootMFADeviceDeactivated',
  { readonly deviceId: string; readonly serialNumber: string }
>;

/** Events of the `iam-account` stream. */
export type AccountEvent =
  | AccountCreated
  | RootPasswordChanged
  | RootEmailChanged
  | SupportPlanChanged
  | AccountPasswordPolicyUpdated
  | AccountPasswordPolicyDeleted
  | RootMFADeviceEnabled
  | RootMFADeviceDeactivated;
