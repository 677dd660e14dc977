import { createHash } from 'node:crypto';
import { nameKey } from './validation.js';

/**
 * Stream ids of the IAM domain. Every one starts with `iam-` so other services'
 * streams in the same log never collide with them, and consumers can filter by
 * prefix. Entities are keyed by their immutable unique id (names can change and
 * be reused); names are reserved in streams of their own so the store's
 * expected-version check makes them unique (see ADR 0004).
 */
export const IAM_STREAM_PREFIX = 'iam-';

/** The kinds of entity streams. */
export type EntityKind = 'user' | 'group' | 'role' | 'policy' | 'mfa' | 'session';

/** The one account stream. */
export const ACCOUNT_STREAM = 'iam-account';

/** `iam-<kind>-<id>`. */
export function entityStream(kind: EntityKind, id: string): string {
  return `${IAM_STREAM_PREFIX}${kind}-${id}`;
}

/** The kinds of names that are unique per account. */
export type NameKind = 'user' | 'group' | 'role' | 'policy' | 'mfa';

/**
 * `iam-name-<kind>-<lower-cased name>`; a name too long for a stream id (long MFA
 * device names) is hashed, behind a `:` that no IAM name can contain.
 */
export function nameStream(kind: NameKind, name: string): string {
  const key = nameKey(name);
  const plain = `${IAM_STREAM_PREFIX}name-${kind}-${key}`;
  if (plain.length <= 200) return plain;
  return `${IAM_STREAM_PREFIX}name-${kind}:sha256:${createHash('sha256').update(key).digest('hex')}`;
}

/** The category of an IAM stream id (`account`, `user`, `name`, ...), or undefined when not one of ours. */
export function streamCategory(streamId: string): EntityKind | 'account' | 'name' | undefined {
  if (streamId === ACCOUNT_STREAM) return 'account';
  const match = /^iam-(user|group|role|policy|mfa|session|name)[-:]/.exec(streamId);
  return match?.[1] as EntityKind | 'name' | undefined;
}
