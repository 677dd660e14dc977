import { EventStoreError, databaseError } from '../errors.js';
import type { EventInput, ExpectedVersion } from '../events.js';
import type { Checkpoint } from '../read/checkpoint.js';
import { APPEND_FUNCTION } from '../schema/names.js';
import type { Queryable } from '../schema/queryable.js';
import type { CommitNotifier } from './commitNotifier.js';
import { assertStreamId, type AppendLimits } from './limits.js';
import { appendPayload, prepareEvents } from './prepareEvents.js';

/** Options of {@link appendToStream}. */
export interface AppendOptions {
  /** Default `any`. */
  readonly expectedVersion?: ExpectedVersion;
  /**
   * A client inside a transaction the caller owns (READ COMMITTED): the append
   * joins it and commits or rolls back with it. Without one, the append is its
   * own transaction and conflicts of transaction order are retried here.
   */
  readonly transaction?: Queryable;
}

/** What an append recorded. */
export interface AppendResult {
  readonly streamId: string;
  /** The stream's version after the append: pass it as the next `expectedVersion`. */
  readonly nextExpectedVersion: number;
  /** One per event, in batch order. */
  readonly globalPositions: readonly bigint[];
  /** The writing transaction; null for an empty append. */
  readonly transactionId: bigint | null;
  /** The consumer-order position of the last event (null for an empty append). */
  readonly checkpoint: Checkpoint | null;
  /** True when every event was already recorded (a retried append): nothing was written. */
  readonly idempotent: boolean;
}

interface AppendRow {
  readonly out_status:
    | 'appended'
    | 'idempotent'
    | 'wrong_expected_version'
    | 'event_id_conflict'
    | 'transaction_order';
  readonly out_version: string;
  readonly out_transaction_id: string | null;
  readonly out_positions: string[] | null;
}

const MAX_ATTEMPTS = 5;
const UNIQUE_VIOLATION = '23505';
const SERIALIZATION_FAILURE = '40001';

/**
 * Appends events to one stream atomically: all or nothing, one transaction,
 * one round trip (the `event_store_append` function).
 * @throws EventStoreError `WRONG_EXPECTED_VERSION`, `EVENT_ID_CONFLICT`,
 *   `TRANSACTION_ORDER_CONFLICT` (caller-owned transaction only), `INVALID_EVENT`,
 *   `INVALID_STREAM_ID`, `BATCH_TOO_LARGE`, `EVENT_TOO_LARGE`, `INVALID_ARGUMENT`,
 *   `DATABASE_ERROR`, `SCHEMA_MISSING`
 * @param notifier wakes consumers after the commit; without one (or inside a caller's
 *   transaction) the database trigger notifies as part of the transaction
 */
export async function appendToStream(
  db: Queryable,
  limits: AppendLimits,
  streamId: string,
  events: readonly EventInput<string, object>[],
  options: AppendOptions = {},
  notifier?: CommitNotifier,
): Promise<AppendResult> {
  assertStreamId(streamId);
  const [kind, version] = expectedVersionParameters(options.expectedVersion ?? 'any');
  const prepared = prepareEvents(streamId, events, limits);
  const payload = appendPayload(prepared);
  const target = options.transaction ?? db;
  const ownsTransaction = options.transaction === undefined;
  const notifyAfterCommit = ownsTransaction && notifier !== undefined;

  for (let attempt = 1; ; attempt += 1) {
    let row: AppendRow | undefined;
    try {
      const result = await target.query<AppendRow>(
        `SELECT out_status, out_version::text AS out_version,
                out_transaction_id::text AS out_transaction_id, out_positions::text[] AS out_positions
           FROM ${APPEND_FUNCTION}($1, $2, $3, $4::jsonb, $5)`,
        [streamId, kind, version, payload, notifyAfterCommit],
      );
      row = result.rows[0];
    } catch (error) {
      const sqlState = (error as { code?: unknown }).code;
      const retryable = sqlState === UNIQUE_VIOLATION || sqlState === SERIALIZATION_FAILURE;
      // A concurrent append recorded one of these event ids (in another stream) or
      // created the stream under us; the next attempt sees it and decides.
      if (retryable && ownsTransaction && attempt < MAX_ATTEMPTS) continue;
      if (sqlState === UNIQUE_VIOLATION) {
        throw new EventStoreError(
          'EVENT_ID_CONFLICT',
          `an event id of this batch was recorded concurrently in another append to \`${streamId}\` or another stream`,
          { cause: error, details: { streamId } },
        );
      }
      throw databaseError(error, `appending to \`${streamId}\``);
    }
    if (row === undefined) {
      throw new EventStoreError('DATABASE_ERROR', `${APPEND_FUNCTION} returned no row`);
    }
    const current = Number(row.out_version);
    switch (row.out_status) {
      case 'appended':
      case 'idempotent': {
        if (notifyAfterCommit && row.out_status === 'appended') notifier.schedule();
        const positions = (row.out_positions ?? []).map((position) => BigInt(position));
        const transactionId =
          row.out_transaction_id === null ? null : BigInt(row.out_transaction_id);
        const last = positions.at(-1);
        return {
          streamId,
          nextExpectedVersion: current,
          globalPositions: positions,
          transactionId,
          checkpoint:
            last === undefined || transactionId === null
              ? null
              : { transactionId, globalPosition: last },
          idempotent: row.out_status === 'idempotent',
        };
      }
      case 'wrong_expected_version':
        throw new EventStoreError(
          'WRONG_EXPECTED_VERSION',
          `stream \`${streamId}\` is at version ${current}, expected ${describeExpected(options.expectedVersion ?? 'any')}`,
          {
            details: {
              streamId,
              expected: String(options.expectedVersion ?? 'any'),
              actual: current,
            },
          },
        );
      case 'event_id_conflict':
        throw new EventStoreError(
          'EVENT_ID_CONFLICT',
          `event ids of this batch are already recorded with other content, in another stream or in part; nothing was appended to \`${streamId}\``,
          { details: { streamId } },
        );
      case 'transaction_order':
        // Our transaction id is older than the last writer's: a fresh transaction gets a newer one.
        if (ownsTransaction && attempt < MAX_ATTEMPTS) continue;
        throw new EventStoreError(
          'TRANSACTION_ORDER_CONFLICT',
          `stream \`${streamId}\` was last written by a newer transaction; roll back and retry in a new transaction`,
          { details: { streamId } },
        );
    }
  }
}

function expectedVersionParameters(expected: ExpectedVersion): [string, number | null] {
  switch (expected) {
    case 'any':
    case 'no_stream':
    case 'stream_exists':
      return [expected, null];
    default:
      if (!Number.isSafeInteger(expected) || expected < 0) {
        throw new EventStoreError(
          'INVALID_ARGUMENT',
          `expected version \`${String(expected)}\` must be any, no_stream, stream_exists or an integer >= 0`,
        );
      }
      return expected === 0 ? ['no_stream', null] : ['exact', expected];
  }
}

function describeExpected(expected: ExpectedVersion): string {
  return typeof expected === 'number' ? `version ${expected}` : `\`${expected}\``;
}
