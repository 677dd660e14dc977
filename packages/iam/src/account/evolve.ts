import type { PasswordPolicy } from '../credentials/passwordPolicy.js';
import type { Evolver } from '../shared/events.js';
import type { SupportPlan } from './commands.js';
import type { AccountEvent } from './events.js';

/** The account as its stream tells it. */
export interface AccountState {
  readonly exists: boolean;
  readonly accountId: string;
  readonly rootEmail: string;
  readonly supportPlan: SupportPlan;
  readonly passwordPolicy: PasswordPolicy | null;
  /** The secret holding the root password's hash. */
  readonly rootPasswordSecretId: string | null;
  readonly rootMfaDevice: { readonly deviceId: string; readonly serialNumber: string } | null;
}

/** The fold of the account stream. */
export const accountEvolver: Evolver<AccountState, AccountEvent> = {
  initialState: {
    exists: false,
    accountId: '',
    rootEmail: '',
    supportPlan: 'Basic',
    passwordPolicy: null,
    rootPasswordSecretId: null,
    rootMfaDevice: null,
  },
  evolve(state, event) {
    switch (event.type) {
      case 'AccountCreated':
        return {
          ...state,
          exists: true,
          accountId: event.data.accountId,
          rootEmail: event.data.rootEmail,
          supportPlan: event.data.supportPlan,
        };
      case 'RootPasswordChanged':
        return { ...state, rootPasswordSecretId: event.data.secretId };
      case 'RootEmailChanged':
        return { ...state, rootEmail: event.data.rootEmail };
      case 'SupportPlanChanged':
        return { ...state, supportPlan: event.data.supportPlan };
      case 'AccountPasswordPolicyUpdated':
        return { ...state, passwordPolicy: event.data.passwordPolicy };
      case 'AccountPasswordPolicyDeleted':
        return { ...state, passwordPolicy: null };
      case 'RootMFADeviceEnabled':
        return {
          ...state,
          rootMfaDevice: { deviceId: event.data.deviceId, serialNumber: event.data.serialNumber },
        };
      case 'RootMFADeviceDeactivated':
        return { ...state, rootMfaDevice: null };
    }
  },
};
