import type { AccountState } from '../account/evolve.js';
import type { GroupState } from '../group/evolve.js';
import type { ManagedPolicyState } from '../managedPolicy/evolve.js';
import type { MfaDeviceState } from '../mfaDevice/evolve.js';
import type { RoleState } from '../role/evolve.js';
import type { SessionState } from '../session/evolve.js';
import type { NameKind } from '../shared/streams.js';
import type { UserState } from '../user/evolve.js';

/**
 * Synchronous access to entity states, by id or by name, for resolving
 * permissions and authenticating. The live in-memory view implements it; so
 * does a snapshot of a few streams read for one command.
 */
export interface StateLookup {
  account(): AccountState;
  user(userId: string): UserState | undefined;
  group(groupId: string): GroupState | undefined;
  role(roleId: string): RoleState | undefined;
  policy(policyId: string): ManagedPolicyState | undefined;
  mfaDevice(deviceId: string): MfaDeviceState | undefined;
  session(sessionId: string): SessionState | undefined;
  /** The id holding a name now. */
  holderOf(kind: NameKind, name: string): string | undefined;
}
