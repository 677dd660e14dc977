import { alreadyExists } from '../shared/iamError.js';
import type { NameKind } from '../shared/streams.js';
import type { NameEvent } from './events.js';
import type { NameState } from './evolve.js';

const ENTITY_WORDS: Record<NameKind, string> = {
  user: 'User',
  group: 'Group',
  role: 'Role',
  policy: 'A policy',
  mfa: 'MFA device',
};

/**
 * Takes a free name for an entity.
 * @throws IamError `ENTITY_ALREADY_EXISTS`
 */
export function reserveName(
  state: NameState,
  kind: NameKind,
  name: string,
  entityId: string,
): NameEvent[] {
  if (state.holder !== undefined) throw alreadyExists(ENTITY_WORDS[kind], name);
  return [{ type: 'NameReserved', data: { kind, name, entityId } }];
}

/** Gives up a name held by `entityId` (nothing when someone else holds it). */
export function releaseName(
  state: NameState,
  kind: NameKind,
  name: string,
  entityId: string,
): NameEvent[] {
  if (state.holder !== entityId) return [];
  return [{ type: 'NameReleased', data: { kind, name, entityId } }];
}
