import type { DomainEvent } from '../shared/events.js';
import type { NameKind } from '../shared/streams.js';

/** A name was taken by an entity (created or renamed to it). */
export type NameReserved = DomainEvent<
  'NameReserved',
  { readonly kind: NameKind; readonly name: string; readonly entityId: string }
>;
/** A name was given up (the entity was deleted or renamed). */
export type NameReleased = DomainEvent<
  'NameReleased',
  { readonly kind: NameKind; readonly name: string; readonly entityId: string }
>;

/** Events of a name stream. */
export type NameEvent = NameReserved | NameReleased;
