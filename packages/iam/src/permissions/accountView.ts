import { compareCheckpoints, START_CHECKPOINT, type Checkpoint } from '@gatehouse/event-store';
import { accountEvolver, type AccountState } from '../account/evolve.js';
import type { AccountEvent } from '../account/events.js';
import { groupEvolver, type GroupState } from '../group/evolve.js';
import type { GroupEvent } from '../group/events.js';
import { managedPolicyEvolver, type ManagedPolicyState } from '../managedPolicy/evolve.js';
import type { ManagedPolicyEvent } from '../managedPolicy/events.js';
import { mfaDeviceEvolver, type MfaDeviceState } from '../mfaDevice/evolve.js';
import type { MfaDeviceEvent } from '../mfaDevice/events.js';
import { nameEvolver, type NameState } from '../names/evolve.js';
import type { NameEvent } from '../names/events.js';
import { roleEvolver, type RoleState } from '../role/evolve.js';
import type { RoleEvent } from '../role/events.js';
import { sessionEvolver, type SessionState } from '../session/evolve.js';
import type { SessionEvent } from '../session/events.js';
import type { DomainEvent, Evolver, StoredEvent } from '../shared/events.js';
import { nameStream, streamCategory, type NameKind } from '../shared/streams.js';
import { userEvolver, type UserState } from '../user/evolve.js';
import type { UserEvent } from '../user/events.js';
import type { StateLookup } from './stateLookup.js';

function idOf(streamId: string): string {
  return streamId.slice(streamId.indexOf('-', 4) + 1);
}

/** The state of one entity stream, folded by {@link streamEvolver}'s evolver. */
export type EntityStreamEvolver = Evolver<unknown, DomainEvent>;

/**
 * The fold of one IAM stream by its category (`iam-user-…` → the user's), the
 * same evolve functions the view and the command side use: for readers that fold
 * a single stream from a saved state (audit diffs of long streams).
 */
export function streamEvolver(streamId: string): EntityStreamEvolver | undefined {
  // Each evolver takes its own aggregate's events; the stream's category guarantees them.
  const erase = <S, E extends DomainEvent>(evolver: Evolver<S, E>) =>
    evolver as unknown as EntityStreamEvolver;
  switch (streamCategory(streamId)) {
    case 'account':
      return erase(accountEvolver);
    case 'name':
      return erase(nameEvolver);
    case 'user':
      return erase(userEvolver);
    case 'group':
      return erase(groupEvolver);
    case 'role':
      return erase(roleEvolver);
    case 'policy':
      return erase(managedPolicyEvolver);
    case 'mfa':
      return erase(mfaDeviceEvolver);
    case 'session':
      return erase(sessionEvolver);
    case undefined:
      return undefined;
  }
}

/**
 * Every IAM entity of the account, in memory, folded from the log with the same
 * evolve functions the command side uses. Authorization and authentication read
 * it synchronously; a live tail keeps it current. Events are applied in consumer
 * order, each at most once (an event at or before the view's checkpoint is skipped).
 */
export class AccountView implements StateLookup {
  #account: AccountState = accountEvolver.initialState;
  readonly #users = new Map<string, UserState>();
  readonly #groups = new Map<string, GroupState>();
  readonly #roles = new Map<string, RoleState>();
  readonly #policies = new Map<string, ManagedPolicyState>();
  readonly #devices = new Map<string, MfaDeviceState>();
  readonly #sessions = new Map<string, SessionState>();
  readonly #names = new Map<string, NameState>();
  /** Long-term access key id -> user id. */
  readonly #accessKeys = new Map<string, string>();
  /** Temporary access key id -> session id. */
  readonly #temporaryKeys = new Map<string, string>();
  #checkpoint: Checkpoint = START_CHECKPOINT;
  #version = 0;

  /** The last event applied. */
  get checkpoint(): Checkpoint {
    return this.#checkpoint;
  }

  /** Increases with every applied event (cache key for derived data). */
  get version(): number {
    return this.#version;
  }

  /** Applies events in consumer order; returns how many were new. */
  apply(events: readonly StoredEvent[]): number {
    let applied = 0;
    for (const event of events) {
      const position = { transactionId: event.transactionId, globalPosition: event.globalPosition };
      if (compareCheckpoints(position, this.#checkpoint) <= 0) continue;
      this.#applyOne(event);
      this.#checkpoint = position;
      applied += 1;
    }
    if (applied > 0) this.#version += 1;
    return applied;
  }

  /** Moves the checkpoint past events that are not IAM's (nothing to apply). */
  advanceTo(checkpoint: Checkpoint): void {
    if (compareCheckpoints(checkpoint, this.#checkpoint) > 0) this.#checkpoint = checkpoint;
  }

  #fold<S, E extends { type: string; data: object }>(
    map: Map<string, S>,
    evolver: Evolver<S, E>,
    key: string,
    event: StoredEvent,
  ): S {
    const next = evolver.evolve(
      map.get(key) ?? evolver.initialState,
      { type: event.type, data: event.data } as E,
      event.occurredAt.toISOString(),
    );
    map.set(key, next);
    return next;
  }

  #applyOne(event: StoredEvent): void {
    const at = event.occurredAt.toISOString();
    switch (streamCategory(event.streamId)) {
      case 'account':
        this.#account = accountEvolver.evolve(this.#account, event as unknown as AccountEvent, at);
        return;
      case 'name':
        this.#fold<NameState, NameEvent>(this.#names, nameEvolver, event.streamId, event);
        return;
      case 'user': {
        const typed = event as unknown as UserEvent;
        if (typed.type === 'AccessKeyCreated')
          this.#accessKeys.set(typed.data.accessKeyId, typed.data.userId);
        if (typed.type === 'AccessKeyDeleted') this.#accessKeys.delete(typed.data.accessKeyId);
        this.#fold<UserState, UserEvent>(this.#users, userEvolver, idOf(event.streamId), event);
        return;
      }
      case 'group':
        this.#fold<GroupState, GroupEvent>(this.#groups, groupEvolver, idOf(event.streamId), event);
        return;
      case 'role':
        this.#fold<RoleState, RoleEvent>(this.#roles, roleEvolver, idOf(event.streamId), event);
        return;
      case 'policy':
        this.#fold<ManagedPolicyState, ManagedPolicyEvent>(
          this.#policies,
          managedPolicyEvolver,
          idOf(event.streamId),
          event,
        );
        return;
      case 'mfa':
        this.#fold<MfaDeviceState, MfaDeviceEvent>(
          this.#devices,
          mfaDeviceEvolver,
          idOf(event.streamId),
          event,
        );
        return;
      case 'session': {
        const state = this.#fold<SessionState, SessionEvent>(
          this.#sessions,
          sessionEvolver,
          idOf(event.streamId),
          event,
        );
        if (state.status !== 'absent' && state.accessKeyId !== null)
          this.#temporaryKeys.set(state.accessKeyId, state.sessionId);
        return;
      }
      case undefined:
        return;
    }
  }

  /**
   * Forgets sessions that expired before `before` (they can never be used
   * again); keeps memory bounded by the sessions alive.
   */
  pruneSessions(before: Date): number {
    let pruned = 0;
    for (const [id, session] of this.#sessions) {
      if (session.status !== 'absent' && Date.parse(session.expiresAt) < before.getTime()) {
        this.#sessions.delete(id);
        if (session.accessKeyId !== null) this.#temporaryKeys.delete(session.accessKeyId);
        pruned += 1;
      }
    }
    return pruned;
  }

  account(): AccountState {
    return this.#account;
  }
  user(userId: string): UserState | undefined {
    return this.#users.get(userId);
  }
  group(groupId: string): GroupState | undefined {
    return this.#groups.get(groupId);
  }
  role(roleId: string): RoleState | undefined {
    return this.#roles.get(roleId);
  }
  policy(policyId: string): ManagedPolicyState | undefined {
    return this.#policies.get(policyId);
  }
  mfaDevice(deviceId: string): MfaDeviceState | undefined {
    return this.#devices.get(deviceId);
  }
  session(sessionId: string): SessionState | undefined {
    return this.#sessions.get(sessionId);
  }
  holderOf(kind: NameKind, name: string): string | undefined {
    return this.#names.get(nameStream(kind, name))?.holder;
  }
  /** The user owning a long-term access key. */
  userOfAccessKey(accessKeyId: string): string | undefined {
    return this.#accessKeys.get(accessKeyId);
  }
  /** The session of a temporary access key. */
  sessionOfTemporaryKey(accessKeyId: string): string | undefined {
    return this.#temporaryKeys.get(accessKeyId);
  }
  /** Every live entity of a kind (for the read side and audits). */
  users(): IterableIterator<UserState> {
    return this.#users.values();
  }
  groups(): IterableIterator<GroupState> {
    return this.#groups.values();
  }
  roles(): IterableIterator<RoleState> {
    return this.#roles.values();
  }
  policies(): IterableIterator<ManagedPolicyState> {
    return this.#policies.values();
  }
}
