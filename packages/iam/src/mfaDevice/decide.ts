import { iamArn } from '../shared/arn.js';
import type { DecideContext } from '../shared/context.js';
import { deleteConflict, IamError } from '../shared/iamError.js';
import { assertTags } from '../shared/tags.js';
import type { CreateVirtualMFADevice } from './commands.js';
import type { MfaAssignee, MfaDeviceEvent } from './events.js';
import type { MfaDeviceState } from './evolve.js';

/** @throws IamError `NO_SUCH_ENTITY` unless the device exists */
export function assertDeviceExists(state: MfaDeviceState, serialNumber: string): void {
  if (state.status !== 'active') {
    throw new IamError('NO_SUCH_ENTITY', `MFA device \`${serialNumber}\` cannot be found`, {
      details: { entity: 'MFADevice', serialNumber },
    });
  }
}

export function decideCreateVirtualMfaDevice(
  command: CreateVirtualMFADevice,
  deviceId: string,
  seedSecretId: string,
  context: DecideContext,
): MfaDeviceEvent[] {
  const tags = command.tags ?? [];
  assertTags('tags', tags);
  const path = command.path ?? '/';
  return [
    {
      type: 'VirtualMFADeviceCreated',
      data: {
        deviceId,
        serialNumber: iamArn(context.accountId, 'mfa', path, command.virtualMFADeviceName),
        name: command.virtualMFADeviceName,
        path,
        seedSecretId,
        tags,
      },
    },
  ];
}

/** @throws IamError `ENTITY_ALREADY_EXISTS` when the device is assigned already */
export function decideEnableMfaDevice(
  state: MfaDeviceState,
  assignee: MfaAssignee,
): MfaDeviceEvent[] {
  assertDeviceExists(state, state.serialNumber);
  if (state.assignee !== null) {
    throw new IamError(
      'ENTITY_ALREADY_EXISTS',
      `MFA device \`${state.serialNumber}\` is already in use`,
      {
        details: { entity: 'MFADevice', serialNumber: state.serialNumber },
      },
    );
  }
  return [
    {
      type: 'MFADeviceEnabled',
      data: { deviceId: state.deviceId, serialNumber: state.serialNumber, assignee },
    },
  ];
}

function sameAssignee(a: MfaAssignee | null, b: MfaAssignee): boolean {
  if (a?.type !== b.type) return false;
  return a.type === 'Root' || (b.type === 'User' && a.userId === b.userId);
}

/** @throws IamError `NO_SUCH_ENTITY` when the device is not assigned to `assignee` */
export function decideDeactivateMfaDevice(
  state: MfaDeviceState,
  assignee: MfaAssignee,
): MfaDeviceEvent[] {
  assertDeviceExists(state, state.serialNumber);
  if (!sameAssignee(state.assignee, assignee)) {
    throw new IamError(
      'NO_SUCH_ENTITY',
      `MFA device \`${state.serialNumber}\` is not enabled for this principal`,
      {
        details: { entity: 'MFADevice', serialNumber: state.serialNumber },
      },
    );
  }
  return [
    {
      type: 'MFADeviceDeactivated',
      data: { deviceId: state.deviceId, serialNumber: state.serialNumber, assignee },
    },
  ];
}

/** @throws IamError `DELETE_CONFLICT` while the device is assigned */
export function decideDeleteVirtualMfaDevice(state: MfaDeviceState): MfaDeviceEvent[] {
  assertDeviceExists(state, state.serialNumber);
  if (state.assignee !== null) {
    throw deleteConflict(`MFA device \`${state.serialNumber}\` is in use; deactivate it first`, {
      serialNumber: state.serialNumber,
    });
  }
  return [
    {
      type: 'VirtualMFADeviceDeleted',
      data: { deviceId: state.deviceId, serialNumber: state.serialNumber, name: state.name },
    },
  ];
}
