/**
 * The domain's view of events: a past-tense `type` and JSON `data`. Data never
 * holds secrets (hashes, key secrets, seeds, tokens): those live in the
 * insert-only `credential_secrets` table under an id the event carries.
 */
export interface DomainEvent<Type extends string = string, Data extends object = object> {
  readonly type: Type;
  readonly data: Data;
}

/** An event as read back from the log, with where and when it was recorded. */
export interface StoredEvent<E extends DomainEvent = DomainEvent> {
  readonly streamId: string;
  readonly streamVersion: number;
  readonly type: E['type'];
  readonly data: E['data'];
  readonly occurredAt: Date;
  readonly actor: string;
  readonly globalPosition: bigint;
  readonly transactionId: bigint;
}

/**
 * An aggregate's fold: the state before any event and how an event changes it.
 * `at` is when the event occurred (ISO 8601), for the dates IAM reports
 * (CreateDate, UpdateDate) without copying them into every event.
 */
export interface Evolver<S, E extends DomainEvent> {
  readonly initialState: S;
  evolve(state: S, event: E, at: string): S;
}

/** An event with the time it occurred, as folds take them. */
export interface TimedEvent<E extends DomainEvent = DomainEvent> {
  readonly type: E['type'];
  readonly data: E['data'];
  readonly occurredAt: Date;
}

/** Folds events into a state. */
export function fold<S, E extends DomainEvent>(
  evolver: Evolver<S, E>,
  events: readonly TimedEvent<E>[],
): S {
  return events.reduce(
    (state, event) =>
      evolver.evolve(
        state,
        { type: event.type, data: event.data } as E,
        event.occurredAt.toISOString(),
      ),
    evolver.initialState,
  );
}

/** A managed-policy reference kept by users, groups and roles. */
export interface PolicyRef {
  readonly policyId: string;
  readonly policyArn: string;
}

/** An inline policy of a user, group or role. */
export interface InlinePolicy {
  readonly policyName: string;
  /** The document as given (JSON text). */
  readonly policyDocument: string;
  /** Characters outside JSON whitespace, for IAM's aggregate inline quota. */
  readonly size: number;
}

/** Replaces or adds an inline policy by name (case-sensitive, as IAM). */
export function putInline(list: readonly InlinePolicy[], policy: InlinePolicy): InlinePolicy[] {
  const index = list.findIndex((p) => p.policyName === policy.policyName);
  if (index === -1) return [...list, policy];
  return list.map((p, i) => (i === index ? policy : p));
}
