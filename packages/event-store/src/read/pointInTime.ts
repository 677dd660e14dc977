import { EventStoreError } from '../errors.js';
import { assertCheckpoint, type Checkpoint } from './checkpoint.js';

/**
 * A moment of the log: a checkpoint (everything up to and including it in
 * consumer order) or a time (everything the store had recorded by then).
 * Times compare with `recordedAt`, set inside the writing transaction just
 * before it commits; a read as of a time is final once that time is older
 * than the longest-running transaction.
 */
export type PointInTime = { readonly checkpoint: Checkpoint } | { readonly time: Date };

/** SQL condition on alias `e` for a point in time; `values` receives its parameters. */
export function pointInTimeCondition(asOf: PointInTime | undefined, values: unknown[]): string {
  if (asOf === undefined) return 'TRUE';
  if ('checkpoint' in asOf) {
    assertCheckpoint(asOf.checkpoint, 'asOf.checkpoint');
    values.push(
      asOf.checkpoint.transactionId.toString(),
      asOf.checkpoint.globalPosition.toString(),
    );
    return `(e.transaction_id, e.global_position) <= ($${values.length - 1}::xid8, $${values.length}::bigint)`;
  }
  if (!(asOf.time instanceof Date) || Number.isNaN(asOf.time.getTime())) {
    throw new EventStoreError('INVALID_ARGUMENT', '`asOf.time` must be a valid Date');
  }
  values.push(asOf.time);
  return `e.recorded_at <= $${values.length}::timestamptz`;
}

/** Checks a page size. */
export function assertLimit(limit: number, max: number): void {
  if (!Number.isSafeInteger(limit) || limit < 1 || limit > max) {
    throw new EventStoreError('INVALID_ARGUMENT', `limit must be an integer from 1 to ${max}`);
  }
}
