import { releaseName, reserveName } from '../../names/decide.js';
import type { IdKind } from '../../shared/ids.js';
import type { NameKind } from '../../shared/streams.js';
import { nameKey } from '../../shared/validation.js';
import type { HandlerEnv } from '../handlerEnv.js';

/**
 * Takes `name` for a new entity and returns the entity's new id (the name
 * stream's read version guards against a concurrent create of the same name).
 * @throws IamError `ENTITY_ALREADY_EXISTS`
 */
export async function reserveNewName(
  env: HandlerEnv,
  kind: NameKind,
  idKind: IdKind,
  name: string,
): Promise<string> {
  const reservation = await env.tx.loadName(kind, name);
  const entityId = env.ctx.ids.next(idKind);
  env.tx.append(reservation, reserveName(reservation.state, kind, name, entityId));
  return entityId;
}

/**
 * Moves a renamed entity's reservation from `from` to `to`, in the same
 * transaction; nothing without a new name or when only its case changes.
 * @throws IamError `ENTITY_ALREADY_EXISTS`
 */
export async function moveNameReservation(
  env: HandlerEnv,
  kind: NameKind,
  from: string,
  to: string | undefined,
  entityId: string,
): Promise<void> {
  if (to === undefined || nameKey(to) === nameKey(from)) return;
  const taken = await env.tx.loadName(kind, to);
  env.tx.append(taken, reserveName(taken.state, kind, to, entityId));
  await releaseNameOf(env, kind, from, entityId);
}

/** Gives up a deleted entity's name. */
export async function releaseNameOf(
  env: HandlerEnv,
  kind: NameKind,
  name: string,
  entityId: string,
): Promise<void> {
  const reservation = await env.tx.loadName(kind, name);
  env.tx.append(reservation, releaseName(reservation.state, kind, name, entityId));
}
