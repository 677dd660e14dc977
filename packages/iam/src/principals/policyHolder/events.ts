import type { DomainEvent, InlinePolicy, PolicyRef } from '../../shared/events.js';
import type { IamLimits } from '../../shared/quotas.js';
import type { Tag } from '../../shared/tags.js';

/** The aggregates that hold policies, as their event types begin. */
export type HolderPrefix = 'User' | 'Group' | 'Role';

/**
 * What each policy-holder fact records besides the holder's id. Users, groups
 * and roles each record these facts as events of their own stream, named
 * `<Prefix><Fact>` (`UserPolicyPut`, `GroupPolicyAttached`, `RoleTagged`): the
 * names and data are stored in the log for ever and must not change.
 */
export interface HolderFactData {
  readonly PolicyPut: InlinePolicy;
  readonly PolicyDeleted: { readonly policyName: string };
  readonly PolicyAttached: PolicyRef;
  readonly PolicyDetached: PolicyRef;
  readonly PermissionsBoundaryPut: PolicyRef;
  readonly PermissionsBoundaryDeleted: PolicyRef;
  readonly Tagged: { readonly tags: readonly Tag[] };
  readonly Untagged: { readonly tagKeys: readonly string[] };
}

/** Every policy-holder fact (users and roles record all of them). */
export type HolderFact = keyof HolderFactData;

const HOLDER_FACTS = {
  PolicyPut: true,
  PolicyDeleted: true,
  PolicyAttached: true,
  PolicyDetached: true,
  PermissionsBoundaryPut: true,
  PermissionsBoundaryDeleted: true,
  Tagged: true,
  Untagged: true,
} as const satisfies Record<HolderFact, true>;

/** The facts every policy holder records: inline policies and managed-policy attachments. */
export type PolicyFact = 'PolicyPut' | 'PolicyDeleted' | 'PolicyAttached' | 'PolicyDetached';

/** A fact without the holder's naming: what the shared deciders, folds and projections handle. */
export type HolderChange<F extends HolderFact = HolderFact> = F extends HolderFact
  ? { readonly fact: F; readonly data: HolderFactData[F] }
  : never;

/**
 * The event a holder records for a fact: type `<Prefix><Fact>`, data the
 * holder's id under `IdKey` followed by the fact's data. Distributes over `F`,
 * so `HolderEvent<'User', 'userId', HolderFact>` is the union of the user's eight.
 */
export type HolderEvent<
  Prefix extends HolderPrefix,
  IdKey extends string,
  F extends HolderFact,
> = F extends HolderFact
  ? DomainEvent<`${Prefix}${F}`, Readonly<Record<IdKey, string>> & HolderFactData[F]>
  : never;

/** How one aggregate names and limits its policy-holder facts. */
export interface PolicyHolderKind<Prefix extends HolderPrefix, IdKey extends string> {
  /** `User`, `Group`, `Role`: the events are `<Prefix><Fact>`. */
  readonly eventPrefix: Prefix;
  /** `userId`, `groupId`, `roleId`: the field of every event that holds the holder's id. */
  readonly idKey: IdKey;
  /** `user`, `group`, `role`: the word IAM's messages and error details use. */
  readonly word: Lowercase<Prefix>;
  /** The name of its aggregate inline-policy quota in errors (`InlineUserPolicySize`...). */
  readonly inlineQuota: `Inline${Prefix}PolicySize`;
  /** That quota's value. */
  readonly inlineLimit: (limits: IamLimits) => number;
}

/** The naming and inline quota of one kind of policy holder. */
export function policyHolderKind<Prefix extends HolderPrefix, IdKey extends string>(
  eventPrefix: Prefix,
  idKey: IdKey,
  inlineLimit: (limits: IamLimits) => number,
): PolicyHolderKind<Prefix, IdKey> {
  return {
    eventPrefix,
    idKey,
    word: eventPrefix.toLowerCase() as Lowercase<Prefix>,
    inlineQuota: `Inline${eventPrefix}PolicySize`,
    inlineLimit,
  };
}

/** The event recording `change` on holder `holderId`. */
export function holderEvent<
  Prefix extends HolderPrefix,
  IdKey extends string,
  F extends HolderFact,
>(
  kind: PolicyHolderKind<Prefix, IdKey>,
  holderId: string,
  change: HolderChange<F>,
): HolderEvent<Prefix, IdKey, F> {
  const event: DomainEvent = {
    type: `${kind.eventPrefix}${change.fact}`,
    data: { [kind.idKey]: holderId, ...change.data },
  };
  // The type is `<Prefix><Fact>` and the data the id plus the fact's data, as HolderEvent says.
  return event as HolderEvent<Prefix, IdKey, F>;
}

/** Whether `event` is one of the holder's policy-holder events (not one of the aggregate's own). */
export function isHolderEvent<
  Prefix extends HolderPrefix,
  IdKey extends string,
  E extends DomainEvent,
>(
  kind: PolicyHolderKind<Prefix, IdKey>,
  event: E,
): event is Extract<E, HolderEvent<Prefix, IdKey, HolderFact>> {
  return (
    event.type.startsWith(kind.eventPrefix) &&
    Object.hasOwn(HOLDER_FACTS, event.type.slice(kind.eventPrefix.length))
  );
}

/** The fact of a holder's event type: `PolicyPut` for `UserPolicyPut` with prefix `User`. */
export type FactOf<Prefix extends HolderPrefix, E extends DomainEvent> =
  E extends DomainEvent<`${Prefix}${infer F extends HolderFact}`> ? F : never;

/** The fact one of a holder's events records (the inverse of {@link holderEvent}). */
export function holderChange<
  Prefix extends HolderPrefix,
  IdKey extends string,
  E extends HolderEvent<Prefix, IdKey, HolderFact>,
>(kind: PolicyHolderKind<Prefix, IdKey>, event: E): HolderChange<FactOf<Prefix, E>> {
  const change = { fact: event.type.slice(kind.eventPrefix.length), data: event.data };
  // `event.type` is `<Prefix><Fact>` and its data carries the fact's data (plus the id).
  return change as HolderChange<FactOf<Prefix, E>>;
}
