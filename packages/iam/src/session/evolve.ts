import type { Evolver } from '../shared/events.js';
import type { SessionEvent, SessionStarted } from './events.js';

/** A session as its stream tells it. */
export type SessionState =
  | { readonly status: 'absent' }
  | (SessionStarted['data'] & {
      readonly status: 'active' | 'revoked';
      readonly revokedAt: string | null;
    });

/** The fold of a session stream. */
export const sessionEvolver: Evolver<SessionState, SessionEvent> = {
  initialState: { status: 'absent' },
  evolve(state, event, at) {
    switch (event.type) {
      case 'SessionStarted':
        return { ...event.data, status: 'active', revokedAt: null };
      case 'SessionRevoked':
        return state.status === 'absent' ? state : { ...state, status: 'revoked', revokedAt: at };
    }
  },
};

/** Whether a session can be used at `now`. */
export function sessionUsable(
  state: SessionState,
  now: Date,
): state is Extract<SessionState, { status: 'active' }> {
  return state.status === 'active' && Date.parse(state.expiresAt) > now.getTime();
}
