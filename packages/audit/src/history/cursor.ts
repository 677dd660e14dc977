import type { Checkpoint } from '@gatehouse/event-store';
import { invalidInput } from '../shared/auditError.js';

const PREFIX = 'ev1:';

/**
 * An opaque cursor for a place in the log (its position in log order). Stable:
 * the same event always has the same cursor, and the log never reorders below
 * the readable horizon, so a cursor handed out stays valid forever.
 */
export function encodeCursor(position: Checkpoint): string {
  return Buffer.from(
    `${PREFIX}${position.transactionId.toString()}:${position.globalPosition.toString()}`,
  ).toString('base64url');
}

/** @throws AuditError `INVALID_INPUT` for anything {@link encodeCursor} did not make. */
export function decodeCursor(cursor: string, field = 'after'): Checkpoint {
  if (cursor.length === 0 || cursor.length > 100 || !/^[A-Za-z0-9_-]+$/.test(cursor))
    throw invalidInput(field, 'is not a cursor of this connection');
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const match = /^ev1:(\d{1,20}):(\d{1,19})$/.exec(text);
  if (match?.[1] === undefined || match[2] === undefined)
    throw invalidInput(field, 'is not a cursor of this connection');
  return { transactionId: BigInt(match[1]), globalPosition: BigInt(match[2]) };
}
