import type { PointInTime } from '@gatehouse/event-store';
import type { SecretRecord } from '../credentials/secretStore.js';
import { nameEvolver, type NameState } from '../names/evolve.js';
import type { DomainEvent, Evolver } from '../shared/events.js';
import { fold } from '../shared/events.js';
import { nameStream, type NameKind } from '../shared/streams.js';
import type { IamStore, MfaStepAdvance } from './iamStore.js';

/** A stream read for a command: its version (the expectation for appending) and state. */
export interface Loaded<S, E extends DomainEvent = DomainEvent> {
  readonly streamId: string;
  readonly version: number;
  readonly state: S;
  readonly evolver: Evolver<S, E>;
}

/** What a command will write once decided. */
export interface PendingWrite {
  readonly streamId: string;
  readonly expectedVersion: number;
  readonly events: DomainEvent[];
}

/**
 * One attempt at a command: the streams it read (each at the version the
 * append will expect), the events it decided, and secrets to store with them.
 * Nothing is written until the service commits it.
 */
export class CommandTransaction {
  readonly #store: IamStore;
  readonly #asOf: PointInTime | undefined;
  readonly #reads = new Map<string, Loaded<unknown>>();
  readonly #writes = new Map<string, PendingWrite>();
  readonly #secrets: SecretRecord[] = [];
  readonly #mfaSteps: MfaStepAdvance[] = [];
  readonly #now: string;

  constructor(store: IamStore, now: Date, asOf?: PointInTime) {
    this.#store = store;
    this.#asOf = asOf;
    this.#now = now.toISOString();
  }

  /** Reads and folds a stream (once per attempt; later calls return the same read). */
  async load<S, E extends DomainEvent>(
    streamId: string,
    evolver: Evolver<S, E>,
  ): Promise<Loaded<S, E>> {
    const cached = this.#reads.get(streamId);
    if (cached !== undefined) return cached as Loaded<S, E>;
    const read = await this.#store.readStream(streamId, { asOf: this.#asOf });
    const loaded: Loaded<S, E> = {
      streamId,
      version: read.version,
      state: fold(evolver, read.events as never),
      evolver,
    };
    this.#reads.set(streamId, loaded);
    return loaded;
  }

  /** The reservation of a name: who holds it. */
  loadName(kind: NameKind, name: string): Promise<Loaded<NameState>> {
    return this.load(nameStream(kind, name), nameEvolver);
  }

  /**
   * Decides events for a loaded stream (appended in one batch with its read
   * version as expectation) and returns the state they lead to.
   */
  append<S, E extends DomainEvent>(loaded: Loaded<S, E>, events: readonly E[]): S {
    if (events.length > 0) {
      const pending = this.#writes.get(loaded.streamId);
      if (pending === undefined) {
        this.#writes.set(loaded.streamId, {
          streamId: loaded.streamId,
          expectedVersion: loaded.version,
          events: [...events],
        });
      } else {
        pending.events.push(...events);
      }
    }
    const state = events.reduce(
      (s, e) => loaded.evolver.evolve(s, e, this.#now),
      this.current(loaded),
    );
    // Later decisions in the same command see the new state.
    this.#reads.set(loaded.streamId, { ...loaded, state });
    return state;
  }

  /** Current (possibly already-updated) state of a loaded stream. */
  current<S, E extends DomainEvent>(loaded: Loaded<S, E>): S {
    return (this.#reads.get(loaded.streamId)?.state as S | undefined) ?? loaded.state;
  }

  /** A secret to insert in the same transaction as the events. */
  addSecret(secret: SecretRecord): void {
    this.#secrets.push(secret);
  }

  /** A TOTP step to consume in the same transaction (fails the commit if already used). */
  consumeMfaStep(deviceId: string, step: number): void {
    this.#mfaSteps.push({ deviceId, step });
  }

  /** Writes decided so far, in a deterministic stream order (avoids lock-order deadlocks). */
  get writes(): readonly PendingWrite[] {
    return [...this.#writes.values()].sort((a, b) =>
      a.streamId < b.streamId ? -1 : a.streamId > b.streamId ? 1 : 0,
    );
  }

  get secrets(): readonly SecretRecord[] {
    return this.#secrets;
  }

  get mfaSteps(): readonly MfaStepAdvance[] {
    return this.#mfaSteps;
  }
}
