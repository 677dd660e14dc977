/**
 * Every failure of @gatehouse/event-store is an {@link EventStoreError} whose
 * `code` is one of these. The list is closed: callers switch on it exhaustively.
 */
export type EventStoreErrorCode =
  /** An event (or one of its fields) breaks the contract; nothing was written. */
  | 'INVALID_EVENT'
  /** A stream id is empty, too long or has characters outside the allowed set. */
  | 'INVALID_STREAM_ID'
  /** An option or argument is out of range (limit, batch size, checkpoint, ...). */
  | 'INVALID_ARGUMENT'
  /** More events in one append than `limits.maxEventsPerAppend`. */
  | 'BATCH_TOO_LARGE'
  /** One event's data and metadata exceed `limits.maxEventBytes`. */
  | 'EVENT_TOO_LARGE'
  /** The stream is not at the expected version; nothing was written. */
  | 'WRONG_EXPECTED_VERSION'
  /** An event id is already recorded with other content, in another stream, or in a partial batch. */
  | 'EVENT_ID_CONFLICT'
  /**
   * Another transaction with a larger transaction id wrote this stream first; retry
   * in a new transaction (only surfaces when the caller owns the transaction).
   */
  | 'TRANSACTION_ORDER_CONFLICT'
  /** A consumer checkpoint moved since it was read (another instance, or a reset). */
  | 'CHECKPOINT_CONFLICT'
  /** Another instance of this consumer holds its lock. */
  | 'CONSUMER_LOCKED'
  /** The session holding a consumer's lock ended; the consumer stopped. */
  | 'CONSUMER_LOCK_LOST'
  /** A consumer was used in a state that does not allow it (not started, stopped). */
  | 'CONSUMER_STATE'
  /** A wait (for a checkpoint, for catching up) did not finish in time. */
  | 'TIMEOUT'
  /** An idempotent consumer saw a stream version beyond the next one: an event is missing. */
  | 'STREAM_GAP'
  /** Publishing to Kafka failed (the relay retries; surfaced to `onError`). */
  | 'KAFKA_PUBLISH_FAILED'
  /** A Kafka message is not an event envelope written by the relay. */
  | 'INVALID_MESSAGE'
  /** The event-store tables or functions are missing: migrations not applied. */
  | 'SCHEMA_MISSING'
  /** Any other database failure; `cause` holds the driver's error. */
  | 'DATABASE_ERROR';

/** Structured facts about a failure (stream id, versions, ...), safe to log. */
export type EventStoreErrorDetails = Readonly<Record<string, string | number | boolean | null>>;

/** Options of {@link EventStoreError}. */
export interface EventStoreErrorOptions {
  readonly cause?: unknown;
  readonly details?: EventStoreErrorDetails;
}

/** The one error class of the package: a closed `code`, a message, details and the cause. */
export class EventStoreError extends Error {
  override readonly name = 'EventStoreError';
  readonly code: EventStoreErrorCode;
  readonly details: EventStoreErrorDetails;

  constructor(code: EventStoreErrorCode, message: string, options: EventStoreErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.details = options.details ?? {};
  }
}

/** True when `error` is an {@link EventStoreError}, optionally with the given code. */
export function isEventStoreError(
  error: unknown,
  code?: EventStoreErrorCode,
): error is EventStoreError {
  return error instanceof EventStoreError && (code === undefined || error.code === code);
}

interface PgErrorShape {
  readonly code?: unknown;
  readonly message?: unknown;
}

/** Wraps a driver error: a missing table or function means the migrations were not applied. */
export function databaseError(error: unknown, doing: string): EventStoreError {
  if (error instanceof EventStoreError) return error;
  const code = (error as PgErrorShape | null)?.code;
  const detail = error instanceof Error ? error.message : String(error);
  if (code === '42P01' || code === '42883') {
    return new EventStoreError(
      'SCHEMA_MISSING',
      `${doing} failed: event-store schema missing (apply the migrations): ${detail}`,
      { cause: error },
    );
  }
  return new EventStoreError('DATABASE_ERROR', `${doing} failed: ${detail}`, {
    cause: error,
    details: { sqlState: typeof code === 'string' ? code : null },
  });
}
