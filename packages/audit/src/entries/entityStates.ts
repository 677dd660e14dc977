import type { Queryable, RecordedEvent } from '@gatehouse/event-store';
import { AccountView, streamCategory } from '@gatehouse/iam';
import { readStreamTo } from '../history/eventLog.js';

/** The id part of an IAM entity stream (`iam-user-AIDA…` → `AIDA…`). */
export function entityIdOf(streamId: string): string {
  return streamId.slice(streamId.indexOf('-', 4) + 1);
}

/** The state of a stream's entity in a view folded from that stream (IAM's own evolve functions). */
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

/**
 * Before/after states for events of IAM entity streams: each stream is read
 * once up to the highest version needed and folded with IAM's evolve functions
 * (an {@link AccountView} over that one stream), so no fold logic is copied here.
 */
export async function statesAround(
  db: Queryable,
  events: readonly RecordedEvent[],
): Promise<Map<string, StatePair>> {
  const wanted = new Map<string, Map<number, string>>();
  for (const event of events) {
    const category = streamCategory(event.streamId);
    if (category === undefined || category === 'name') continue;
    const versions = wanted.get(event.streamId) ?? new Map<number, string>();
    versions.set(event.streamVersion, event.eventId);
    wanted.set(event.streamId, versions);
  }
  const out = new Map<string, StatePair>();
  // Streams are read side by side (the pool bounds the concurrency).
  await Promise.all(
    [...wanted].map(async ([streamId, versions]) => {
      const top = Math.max(...versions.keys());
      const history = await readStreamTo(db, streamId, top);
      const view = new AccountView();
      for (const event of history) {
        const eventId = versions.get(event.streamVersion);
        const before = eventId === undefined ? undefined : entityState(view, streamId);
        view.apply([event]);
        if (eventId !== undefined) out.set(eventId, { before, after: entityState(view, streamId) });
      }
    }),
  );
  return out;
}
