import type { Evolver } from '../shared/events.js';
import type { Tag } from '../shared/tags.js';
import type { MfaAssignee, MfaDeviceEvent } from './events.js';

/** A virtual MFA device as its stream tells it. */
export interface MfaDeviceState {
  readonly status: 'absent' | 'active' | 'deleted';
  readonly deviceId: string;
  readonly name: string;
  readonly path: string;
  readonly serialNumber: string;
  readonly seedSecretId: string;
  readonly createdAt: string;
  readonly tags: readonly Tag[];
  readonly assignee: MfaAssignee | null;
  readonly enabledAt: string | null;
}

const EMPTY: MfaDeviceState = {
  status: 'absent',
  deviceId: '',
  name: '',
  path: '/',
  serialNumber: '',
  seedSecretId: '',
  createdAt: '',
  tags: [],
  assignee: null,
  enabledAt: null,
};

/** The fold of an MFA device stream. */
export const mfaDeviceEvolver: Evolver<MfaDeviceState, MfaDeviceEvent> = {
  initialState: EMPTY,
  evolve(state, event, at) {
    switch (event.type) {
      case 'VirtualMFADeviceCreated':
        return {
          ...EMPTY,
          status: 'active',
          deviceId: event.data.deviceId,
          name: event.data.name,
          path: event.data.path,
          serialNumber: event.data.serialNumber,
          seedSecretId: event.data.seedSecretId,
          createdAt: at,
          tags: event.data.tags,
        };
      case 'MFADeviceEnabled':
        return { ...state, assignee: event.data.assignee, enabledAt: at };
      case 'MFADeviceDeactivated':
        return { ...state, assignee: null, enabledAt: null };
      case 'VirtualMFADeviceDeleted':
        return { ...state, status: 'deleted', assignee: null };
    }
  },
};
