import type { AccountState } from '../../account/evolve.js';
import {
  matchConsecutiveTotp,
  newTotpSeed,
  otpauthUri,
  base32Seed,
} from '../../credentials/totp.js';
import * as decide from '../../mfaDevice/decide.js';
import type { MfaAssignee } from '../../mfaDevice/events.js';
import { mfaDeviceEvolver, type MfaDeviceState } from '../../mfaDevice/evolve.js';
import { isPrincipal } from '../../shared/context.js';
import { IamError, limitExceeded } from '../../shared/iamError.js';
import { entityStream } from '../../shared/streams.js';
import { decideDeactivateUserMfa, decideEnableUserMfa } from '../../user/decide.js';
import type { UserState } from '../../user/evolve.js';
import type { Loaded } from '../commandTransaction.js';
import type { Handler, HandlerEnv } from '../handlerEnv.js';
import { loadAccount, loadMfaDevice } from '../lookups.js';
import { targetUser } from './targets.js';
import { releaseNameOf, reserveNewName } from './nameReservations.js';

/** Reads and decrypts a device's seed. */
export async function readSeed(env: HandlerEnv, device: MfaDeviceState): Promise<Buffer> {
  const record = await env.credentials.store.readSecret(device.seedSecretId);
  if (record?.kind !== 'totp_seed') {
    throw new IamError(
      'SERVICE_FAILURE',
      `the seed of MFA device \`${device.serialNumber}\` is missing`,
    );
  }
  return env.credentials.secretBox.open(record.material, device.seedSecretId);
}

type Target =
  | { readonly kind: 'user'; readonly user: Loaded<UserState>; readonly assignee: MfaAssignee }
  | {
      readonly kind: 'root';
      readonly account: Loaded<AccountState>;
      readonly assignee: MfaAssignee;
    };

/** The user named, or the caller itself (a user, or the root user). */
async function mfaTarget(env: HandlerEnv, userName: string | undefined): Promise<Target> {
  const actor = env.ctx.actor;
  if (userName === undefined && isPrincipal(actor) && actor.principalType === 'Root') {
    return { kind: 'root', account: await loadAccount(env.tx), assignee: { type: 'Root' } };
  }
  const user = await targetUser(env, userName);
  return { kind: 'user', user, assignee: { type: 'User', userId: user.state.userId } };
}

const createVirtualMfaDevice: Handler<'CreateVirtualMFADevice'> = async (command, env) => {
  const deviceId = await reserveNewName(env, 'mfa', 'mfaDevice', command.virtualMFADeviceName);
  const seedSecretId = env.ctx.ids.uuid();
  const events = decide.decideCreateVirtualMfaDevice(command, deviceId, seedSecretId, env.ctx);
  const seed = newTotpSeed();
  env.tx.addSecret({
    id: seedSecretId,
    kind: 'totp_seed',
    material: env.credentials.secretBox.seal(seed, seedSecretId),
  });
  const device = await env.tx.load(entityStream('mfa', deviceId), mfaDeviceEvolver);
  const state = env.tx.append(device, events);
  return {
    virtualMFADevice: {
      serialNumber: state.serialNumber,
      base32StringSeed: base32Seed(seed),
      qrCodeUri: otpauthUri(
        seed,
        `${env.ctx.accountId}:${command.virtualMFADeviceName}`,
        env.credentials.mfaIssuer,
      ),
    },
  };
};

const enableMfaDevice: Handler<'EnableMFADevice'> = async (command, env) => {
  const target = await mfaTarget(env, command.userName);
  const device = await loadMfaDevice(env.tx, command.serialNumber, env.ctx.accountId);
  const deviceEvents = decide.decideEnableMfaDevice(device.state, target.assignee);
  const ref = { deviceId: device.state.deviceId, serialNumber: device.state.serialNumber };
  if (target.kind === 'user') {
    env.tx.append(target.user, decideEnableUserMfa(target.user.state, ref, env.ctx));
  } else {
    if (target.account.state.rootMfaDevice !== null) {
      throw limitExceeded(
        'MFADevicesPerRoot',
        1,
        'the root user already has an MFA device; deactivate it first',
      );
    }
    env.tx.append(target.account, [{ type: 'RootMFADeviceEnabled', data: ref }]);
  }
  const seed = await readSeed(env, device.state);
  const step = matchConsecutiveTotp(
    seed,
    command.authenticationCode1,
    command.authenticationCode2,
    env.ctx.now,
  );
  if (step === undefined) {
    throw new IamError(
      'INVALID_AUTHENTICATION_CODE',
      'the authentication codes are not two consecutive current codes of this device',
      { details: { serialNumber: command.serialNumber } },
    );
  }
  env.tx.consumeMfaStep(device.state.deviceId, step);
  env.tx.append(device, deviceEvents);
  return {};
};

const deactivateMfaDevice: Handler<'DeactivateMFADevice'> = async (command, env) => {
  const target = await mfaTarget(env, command.userName);
  const device = await loadMfaDevice(env.tx, command.serialNumber, env.ctx.accountId);
  const deviceEvents = decide.decideDeactivateMfaDevice(device.state, target.assignee);
  const ref = { deviceId: device.state.deviceId, serialNumber: device.state.serialNumber };
  if (target.kind === 'user') {
    env.tx.append(target.user, decideDeactivateUserMfa(target.user.state, ref));
  } else {
    env.tx.append(target.account, [{ type: 'RootMFADeviceDeactivated', data: ref }]);
  }
  env.tx.append(device, deviceEvents);
  return {};
};

const deleteVirtualMfaDevice: Handler<'DeleteVirtualMFADevice'> = async (command, env) => {
  const device = await loadMfaDevice(env.tx, command.serialNumber, env.ctx.accountId);
  const events = decide.decideDeleteVirtualMfaDevice(device.state);
  await releaseNameOf(env, 'mfa', device.state.name, device.state.deviceId);
  env.tx.append(device, events);
  return {};
};

/** Handlers of the MFA device commands. */
export const mfaHandlers = {
  CreateVirtualMFADevice: createVirtualMfaDevice,
  EnableMFADevice: enableMfaDevice,
  DeactivateMFADevice: deactivateMfaDevice,
  DeleteVirtualMFADevice: deleteVirtualMfaDevice,
} as const;
