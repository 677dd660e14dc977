import { accountEvolver, type AccountState } from '../account/evolve.js';
import { groupEvolver, type GroupState } from '../group/evolve.js';
import { managedPolicyEvolver, type ManagedPolicyState } from '../managedPolicy/evolve.js';
import { mfaDeviceEvolver, type MfaDeviceState } from '../mfaDevice/evolve.js';
import { roleEvolver, type RoleState } from '../role/evolve.js';
import { sessionEvolver, type SessionState } from '../session/evolve.js';
import { parseIamArn } from '../shared/arn.js';
import { IamError, noSuchEntity } from '../shared/iamError.js';
import { ACCOUNT_STREAM, entityStream } from '../shared/streams.js';
import { userEvolver, type UserState } from '../user/evolve.js';
import type { CommandTransaction, Loaded } from './commandTransaction.js';

/** The account stream. @throws IamError `ACCOUNT_NOT_BOOTSTRAPPED` */
export async function loadAccount(tx: CommandTransaction): Promise<Loaded<AccountState>> {
  const account = await tx.load(ACCOUNT_STREAM, accountEvolver);
  if (!account.state.exists)
    throw new IamError('ACCOUNT_NOT_BOOTSTRAPPED', 'the account has not been created');
  return account;
}

/**
 * The user, group or role that holds `name` now, read for the command.
 * @throws IamError `NO_SUCH_ENTITY` (as IAM words it) when none does
 */
async function loadActiveByName<S extends { readonly status: string }>(
  tx: CommandTransaction,
  kind: 'user' | 'group' | 'role',
  name: string,
  loadById: (tx: CommandTransaction, id: string) => Promise<Loaded<S>>,
): Promise<Loaded<S>> {
  const reservation = await tx.loadName(kind, name);
  if (reservation.state.holder === undefined) throw noSuchEntity(kind, name);
  const entity = await loadById(tx, reservation.state.holder);
  if (entity.state.status !== 'active') throw noSuchEntity(kind, name);
  return entity;
}

export function loadUserById(tx: CommandTransaction, userId: string): Promise<Loaded<UserState>> {
  return tx.load(entityStream('user', userId), userEvolver);
}

/** @throws IamError `NO_SUCH_ENTITY` */
export function loadUser(tx: CommandTransaction, userName: string): Promise<Loaded<UserState>> {
  return loadActiveByName(tx, 'user', userName, loadUserById);
}

export function loadGroupById(
  tx: CommandTransaction,
  groupId: string,
): Promise<Loaded<GroupState>> {
  return tx.load(entityStream('group', groupId), groupEvolver);
}

/** @throws IamError `NO_SUCH_ENTITY` */
export function loadGroup(tx: CommandTransaction, groupName: string): Promise<Loaded<GroupState>> {
  return loadActiveByName(tx, 'group', groupName, loadGroupById);
}

export function loadRoleById(tx: CommandTransaction, roleId: string): Promise<Loaded<RoleState>> {
  return tx.load(entityStream('role', roleId), roleEvolver);
}

/** @throws IamError `NO_SUCH_ENTITY` */
export function loadRole(tx: CommandTransaction, roleName: string): Promise<Loaded<RoleState>> {
  return loadActiveByName(tx, 'role', roleName, loadRoleById);
}

export function loadPolicyById(
  tx: CommandTransaction,
  policyId: string,
): Promise<Loaded<ManagedPolicyState>> {
  return tx.load(entityStream('policy', policyId), managedPolicyEvolver);
}

function noSuchPolicy(arn: string): IamError {
  return new IamError('NO_SUCH_ENTITY', `policy \`${arn}\` does not exist or is not attachable`, {
    details: { entity: 'Policy', arn },
  });
}

/**
 * A managed policy of this account by its exact ARN (path included).
 * @throws IamError `NO_SUCH_ENTITY`
 */
export async function loadPolicy(
  tx: CommandTransaction,
  policyArn: string,
  accountId: string,
): Promise<Loaded<ManagedPolicyState>> {
  const parsed = parseIamArn(policyArn);
  if (parsed?.kind !== 'policy' || parsed.accountId !== accountId) throw noSuchPolicy(policyArn);
  const name = await tx.loadName('policy', parsed.name);
  if (name.state.holder === undefined) throw noSuchPolicy(policyArn);
  const policy = await loadPolicyById(tx, name.state.holder);
  if (policy.state.status !== 'active' || policy.state.arn !== policyArn)
    throw noSuchPolicy(policyArn);
  return policy;
}

export function loadMfaDeviceById(
  tx: CommandTransaction,
  deviceId: string,
): Promise<Loaded<MfaDeviceState>> {
  return tx.load(entityStream('mfa', deviceId), mfaDeviceEvolver);
}

/**
 * A virtual MFA device by serial number (its ARN).
 * @throws IamError `NO_SUCH_ENTITY`
 */
export async function loadMfaDevice(
  tx: CommandTransaction,
  serialNumber: string,
  accountId: string,
): Promise<Loaded<MfaDeviceState>> {
  const missing = new IamError('NO_SUCH_ENTITY', `MFA device \`${serialNumber}\` cannot be found`, {
    details: { entity: 'MFADevice', serialNumber },
  });
  const parsed = parseIamArn(serialNumber);
  if (parsed?.kind !== 'mfa' || parsed.accountId !== accountId) throw missing;
  const name = await tx.loadName('mfa', parsed.name);
  if (name.state.holder === undefined) throw missing;
  const device = await loadMfaDeviceById(tx, name.state.holder);
  if (device.state.status !== 'active' || device.state.serialNumber !== serialNumber) throw missing;
  return device;
}

export function loadSession(
  tx: CommandTransaction,
  sessionId: string,
): Promise<Loaded<SessionState>> {
  return tx.load(entityStream('session', sessionId), sessionEvolver);
}
