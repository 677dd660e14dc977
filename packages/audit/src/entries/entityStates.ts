import type { Queryable, RecordedEvent } from '@gatehouse/event-store';
import {
  streamCategory,
  streamEvolver,
  type AccountView,
  type EntityStreamEvolver,
} from '@gatehouse/iam';
import { readStreamRange } from '../history/eventLog.js';

/** The id part of an IAM entity stream (`iam-user-AIDA…` → `AIDA…`). */
export function entityIdOf(streamId: string): string {
  return streamId.slice(streamId.indexOf('-', 4) + 1);
}

/** The state of a stream's entity in a view (IAM's own fold of the account). */
export function entityState(view: AccountView, streamId: string): unknown {
  const id = entityIdOf(streamId);
  switch (streamCategory(streamId)) {
    case 'account':
      return view.account();
    case 'user':
      return view.user(id);
    case 'group':
      return view.group(id);
    case 'role':
      return view.role(id);
    case 'policy':
      return view.policy(id);
    case 'mfa':
      return view.mfaDevice(id);
    case 'session':
      return view.session(id);
    case 'name':
    case undefined:
      return undefined;
  }
}

/** The entity's state just before and just after one of its events. */
export interface StatePair {
  readonly before: unknown;
  readonly after: unknown;
}

/** Folded states are kept every this many versions of a stream. */
const SNAPSHOT_EVERY = 256;

/**
 * States of long streams at every 256th version, so that paging through a
 * stream with 10,000 events folds at most 256 events before each page instead
 * of the whole stream again. Streams are append-only and versions immutable, so
 * a kept state never goes stale; the cache is bounded (least recently used out).
 */
export class StreamStateCache {
  readonly #streams = new Map<string, Map<number, unknown>>();
  readonly #maxStreams: number;

  constructor(maxStreams = 500) {
    this.#maxStreams = maxStreams;
  }

  /** The latest kept state at or below `version` (version 0: none kept). */
  nearest(streamId: string, version: number): { version: number; state: unknown } | undefined {
    const kept = this.#streams.get(streamId);
    if (kept === undefined) return undefined;
    this.#streams.delete(streamId);
    this.#streams.set(streamId, kept);
    const at = Math.floor(version / SNAPSHOT_EVERY) * SNAPSHOT_EVERY;
    for (let v = at; v > 0; v -= SNAPSHOT_EVERY) {
      if (kept.has(v)) return { version: v, state: kept.get(v) };
    }
    return undefined;
  }

  /** Keeps the state after `version` when it is a snapshot version. */
  offer(streamId: string, version: number, state: unknown): void {
    if (version % SNAPSHOT_EVERY !== 0) return;
    let kept = this.#streams.get(streamId);
    if (kept === undefined) {
      if (this.#streams.size >= this.#maxStreams) {
        const oldest = this.#streams.keys().next().value;
        if (oldest !== undefined) this.#streams.delete(oldest);
      }
      kept = new Map();
      this.#streams.set(streamId, kept);
    }
    kept.set(version, state);
  }
}

/**
 * Before/after states for events of IAM entity streams, folded with IAM's own
 * evolve functions (`streamEvolver`): each stream is read once, from the kept
 * state nearest below the first version needed up to the last one.
 */
export async function statesAround(
  db: Queryable,
  events: readonly RecordedEvent[],
  cache: StreamStateCache,
): Promise<Map<string, StatePair>> {
  const wanted = new Map<string, { evolver: EntityStreamEvolver; versions: Map<number, string> }>();
  for (const event of events) {
    const category = streamCategory(event.streamId);
    const evolver = category === 'name' ? undefined : streamEvolver(event.streamId);
    if (evolver === undefined) continue;
    const entry = wanted.get(event.streamId) ?? { evolver, versions: new Map<number, string>() };
    entry.versions.set(event.streamVersion, event.eventId);
    wanted.set(event.streamId, entry);
  }
  const out = new Map<string, StatePair>();
  // Streams are read side by side (the pool bounds the concurrency).
  await Promise.all(
    [...wanted].map(async ([streamId, { evolver, versions }]) => {
      const needed = [...versions.keys()];
      const top = Math.max(...needed);
      const start = cache.nearest(streamId, Math.min(...needed) - 1);
      let state = start?.state ?? evolver.initialState;
      const history = await readStreamRange(db, streamId, start?.version ?? 0, top);
      for (const event of history) {
        const eventId = versions.get(event.streamVersion);
        const before = state;
        state = evolver.evolve(
          state,
          { type: event.type, data: event.data },
          event.occurredAt.toISOString(),
        );
        cache.offer(streamId, event.streamVersion, state);
        if (eventId !== undefined)
          out.set(eventId, { before: present(before), after: present(state) });
      }
    }),
  );
  return out;
}

/** An entity that does not exist yet shows as nothing (not as its empty initial state). */
function present(state: unknown): unknown {
  return (state as { status?: unknown } | null)?.status === 'absent' ? undefined : state;
}
