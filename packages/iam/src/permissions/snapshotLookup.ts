import type { AccountState } from '../account/evolve.js';
import { accountEvolver } from '../account/evolve.js';
import type { CommandTransaction } from '../commandHandling/commandTransaction.js';
import {
  loadGroupById,
  loadPolicyById,
  loadRoleById,
  loadSession,
  loadUserById,
} from '../commandHandling/lookups.js';
import type { GroupState } from '../group/evolve.js';
import type { ManagedPolicyState } from '../managedPolicy/evolve.js';
import type { MfaDeviceState } from '../mfaDevice/evolve.js';
import type { RoleState } from '../role/evolve.js';
import type { SessionState } from '../session/evolve.js';
import type { Principal } from '../shared/principal.js';
import { ACCOUNT_STREAM, type NameKind } from '../shared/streams.js';
import type { UserState } from '../user/evolve.js';
import type { StateLookup } from './stateLookup.js';

/**
 * The few states one principal's permissions depend on, read from their streams
 * (strongly consistent: what the command side sees), as a {@link StateLookup}.
 */
export class SnapshotLookup implements StateLookup {
  account_: AccountState = accountEvolver.initialState;
  readonly users = new Map<string, UserState>();
  readonly groups = new Map<string, GroupState>();
  readonly roles = new Map<string, RoleState>();
  readonly policies = new Map<string, ManagedPolicyState>();
  readonly sessions = new Map<string, SessionState>();
  readonly names = new Map<string, string>();

  account(): AccountState {
    return this.account_;
  }
  user(userId: string): UserState | undefined {
    return this.users.get(userId);
  }
  group(groupId: string): GroupState | undefined {
    return this.groups.get(groupId);
  }
  role(roleId: string): RoleState | undefined {
    return this.roles.get(roleId);
  }
  policy(policyId: string): ManagedPolicyState | undefined {
    return this.policies.get(policyId);
  }
  mfaDevice(_deviceId: string): MfaDeviceState | undefined {
    return undefined;
  }
  session(sessionId: string): SessionState | undefined {
    return this.sessions.get(sessionId);
  }
  holderOf(kind: NameKind, name: string): string | undefined {
    return this.names.get(`${kind}:${name.toLowerCase()}`);
  }
}

/**
 * Reads what a principal's permissions depend on: its user and groups, or its
 * session and role, and every managed policy they use (three rounds of parallel reads).
 */
export async function loadPrincipalSnapshot(
  tx: CommandTransaction,
  principal: Principal,
): Promise<SnapshotLookup> {
  const lookup = new SnapshotLookup();
  lookup.account_ = (await tx.load(ACCOUNT_STREAM, accountEvolver)).state;
  const policyIds = new Set<string>();
  const collect = (holder: {
    attachedPolicies: readonly { policyId: string }[];
    permissionsBoundary?: { policyId: string } | null;
  }) => {
    for (const p of holder.attachedPolicies) policyIds.add(p.policyId);
    if (holder.permissionsBoundary != null) policyIds.add(holder.permissionsBoundary.policyId);
  };
  if (principal.principalType === 'User' && principal.userId !== undefined) {
    const user = (await loadUserById(tx, principal.userId)).state;
    lookup.users.set(principal.userId, user);
    collect(user);
    const groups = await Promise.all(user.groupIds.map((id) => loadGroupById(tx, id)));
    for (const group of groups) {
      lookup.groups.set(group.state.groupId, group.state);
      collect(group.state);
    }
  }
  if (principal.principalType === 'AssumedRole') {
    if (principal.sessionId !== undefined) {
      lookup.sessions.set(principal.sessionId, (await loadSession(tx, principal.sessionId)).state);
    }
    if (principal.roleId !== undefined) {
      const role = (await loadRoleById(tx, principal.roleId)).state;
      lookup.roles.set(principal.roleId, role);
      collect(role);
    }
  }
  const policies = await Promise.all([...policyIds].map((id) => loadPolicyById(tx, id)));
  for (const policy of policies) lookup.policies.set(policy.state.policyId, policy.state);
  return lookup;
}
