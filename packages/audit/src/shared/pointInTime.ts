import { parseCheckpoint, type Checkpoint } from '@gatehouse/event-store';
import { invalidInput } from './auditError.js';

/** A moment of the log: everything recorded by a time, or everything up to a checkpoint (exact). */
export type AsOf = { readonly time: Date } | { readonly checkpoint: Checkpoint };

/** Reads `asOf` from the API: an ISO 8601 time or a checkpoint `<transactionId>:<globalPosition>`. */
export function parseAsOf(value: string, field = 'asOf'): AsOf {
  if (/^\d+:\d+$/.test(value)) {
    try {
      return { checkpoint: parseCheckpoint(value) };
    } catch {
      throw invalidInput(field, 'must be an ISO 8601 time or a checkpoint');
    }
  }
  return { time: parseTime(value, field) };
}

/** An ISO 8601 time with a zone (`2026-10-01T12:00Z`). */
export function parseTime(value: string, field: string): Date {
  if (value.length > 40 || !/^\d{4}-\d{2}-\d{2}T[\d:.]+(Z|[+-]\d{2}:?\d{2})$/.test(value))
    throw invalidInput(field, 'must be an ISO 8601 time with a zone, e.g. 2026-10-01T12:00Z');
  const time = new Date(value);
  if (Number.isNaN(time.getTime())) throw invalidInput(field, 'is not a valid time');
  return time;
}

/** SQL condition on alias `e` for a moment; pushes its parameters. */
export function asOfCondition(asOf: AsOf | undefined, values: unknown[]): string {
  if (asOf === undefined) return 'TRUE';
  if ('checkpoint' in asOf) {
    values.push(
      asOf.checkpoint.transactionId.toString(),
      asOf.checkpoint.globalPosition.toString(),
    );
    return `(e.transaction_id, e.global_position) <= ($${values.length - 1}::xid8, $${values.length}::bigint)`;
  }
  values.push(asOf.time);
  return `e.recorded_at <= $${values.length}::timestamptz`;
}

/** Whether a recorded event lies at or before the moment. */
export function isAtOrBefore(
  event: {
    readonly recordedAt: Date;
    readonly transactionId: bigint;
    readonly globalPosition: bigint;
  },
  asOf: AsOf,
): boolean {
  if ('time' in asOf) return event.recordedAt.getTime() <= asOf.time.getTime();
  const { transactionId, globalPosition } = asOf.checkpoint;
  return (
    event.transactionId < transactionId ||
    (event.transactionId === transactionId && event.globalPosition <= globalPosition)
  );
}

/** The evaluation time of a moment (conditions on `aws:CurrentTime`): the time, or now for a checkpoint. */
export function evaluationTime(asOf: AsOf | undefined, now: Date): Date {
  return asOf !== undefined && 'time' in asOf ? asOf.time : now;
}
