/** A JSON value as stored in the log (no undefined, no NaN or Infinity, no bigint). */
export type JsonValue = string | number | boolean | null | JsonValue[] | JsonObject;

/** A JSON object: event data and metadata are always objects. */
export interface JsonObject {
  [key: string]: JsonValue;
}

/**
 * An event to append. Event types are past-tense PascalCase names
 * (`UserCreated`, `PolicyAttached`); the store checks the form, the caller the tense.
 * Secrets (passwords, keys, tokens) never belong in `data` or `metadata`: the log
 * is kept forever, copied to Kafka and cannot be edited.
 */
export interface EventInput<Type extends string = string, Data extends object = JsonObject> {
  readonly type: Type;
  readonly data: Data;
  /** Who caused the change (a principal ARN, `system`, ...). */
  readonly actor: string;
  /** Client-chosen id (UUID) that makes retried appends idempotent; random when absent. */
  readonly eventId?: string;
  /** Version of this event type's data shape; 1 when absent. */
  readonly schemaVersion?: number;
  /** The id of the command or event that caused this one. */
  readonly causationId?: string | null;
  /** The id shared by everything one request caused. */
  readonly correlationId?: string | null;
  /** When it happened in the domain (millisecond precision); the append time when absent. */
  readonly occurredAt?: Date;
  readonly metadata?: JsonObject;
}

/** An event as recorded in the log. */
export interface RecordedEvent<Type extends string = string, Data extends object = JsonObject> {
  readonly eventId: string;
  readonly streamId: string;
  /** 1 for the first event of a stream, then contiguous. */
  readonly streamVersion: number;
  readonly type: Type;
  readonly schemaVersion: number;
  readonly actor: string;
  readonly causationId: string | null;
  readonly correlationId: string | null;
  readonly occurredAt: Date;
  /** When the store recorded it (inside the writing transaction). */
  readonly recordedAt: Date;
  readonly data: Data;
  readonly metadata: JsonObject;
  /** Unique, increasing in draw order; not gap-free and not commit order. */
  readonly globalPosition: bigint;
  /** The writing transaction (PostgreSQL xid8); consumers order by (transactionId, globalPosition). */
  readonly transactionId: bigint;
  /** Hex SHA-256 of the stream predecessor (64 zeros for version 1). */
  readonly prevHash: string;
  /** Hex SHA-256 chaining this event to its predecessor (see README, "Tamper evidence"). */
  readonly hash: string;
}

/**
 * The version a stream must be at for an append to proceed: `any`, `no_stream`
 * (it has no events), `stream_exists` (it has at least one) or an exact version
 * (the version of its last event; 0 means no stream).
 */
export type ExpectedVersion = 'any' | 'no_stream' | 'stream_exists' | number;
