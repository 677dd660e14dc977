import { IamError } from '../shared/iamError.js';
import type { SessionEvent, SessionStarted } from './events.js';
import type { SessionState } from './evolve.js';

/** Starts a session (all checks of credentials and trust happened before). */
export function decideStartSession(
  state: SessionState,
  data: SessionStarted['data'],
): SessionEvent[] {
  if (state.status !== 'absent') {
    throw new IamError('ENTITY_ALREADY_EXISTS', `session \`${data.sessionId}\` exists`);
  }
  return [{ type: 'SessionStarted', data }];
}

/**
 * Revokes a session; revoking one that is revoked or expired changes nothing.
 * @throws IamError `NO_SUCH_ENTITY`
 */
export function decideRevokeSession(
  state: SessionState,
  sessionId: string,
  reason: 'SignedOut' | 'Revoked',
  now: Date,
): SessionEvent[] {
  if (state.status === 'absent') {
    throw new IamError('NO_SUCH_ENTITY', `session \`${sessionId}\` cannot be found`, {
      details: { entity: 'Session', sessionId },
    });
  }
  if (state.status === 'revoked' || Date.parse(state.expiresAt) <= now.getTime()) return [];
  return [{ type: 'SessionRevoked', data: { sessionId, reason } }];
}
