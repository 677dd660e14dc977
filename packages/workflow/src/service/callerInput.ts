import { parseDuration } from '../shared/durations.js';
import type { WorkflowLimits } from '../shared/limits.js';
import { isRequestId } from '../shared/streams.js';
import { invalidInput } from '../shared/workflowError.js';

// eslint-disable-next-line no-control-regex -- refusing control characters is the point
const CONTROL_EXCEPT_NEWLINES = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
// eslint-disable-next-line no-control-regex -- refusing control characters is the point
const CONTROL = /[\u0000-\u001f\u007f]/;

/** Free text of a person (justification, comment, reason): 1-`max` characters, newlines allowed. */
export function checkText(field: string, value: unknown, max: number): string {
  if (typeof value !== 'string') throw invalidInput(field, 'must be a string');
  const trimmed = value.trim();
  if (trimmed.length === 0) throw invalidInput(field, 'must not be empty');
  if (trimmed.length > max) throw invalidInput(field, `must be at most ${max} characters`);
  if (CONTROL_EXCEPT_NEWLINES.test(trimmed))
    throw invalidInput(field, 'must not contain control characters');
  return trimmed;
}

/** Optional free text: undefined or null stays null. */
export function checkOptionalText(field: string, value: unknown, max: number): string | null {
  return value === undefined || value === null ? null : checkText(field, value, max);
}

/** A ticket reference: printable, 1-`max` characters, one line. */
export function checkTicket(value: unknown, max: number): string | null {
  if (value === undefined || value === null) return null;
  if (
    typeof value !== 'string' ||
    value.trim().length === 0 ||
    value.length > max ||
    CONTROL.test(value)
  ) {
    throw invalidInput('ticket', `must be 1-${max} printable characters on one line`);
  }
  return value.trim();
}

/** A duration given as text (`8h`, `PT8H`) or seconds, within the limits. */
export function checkDuration(
  value: unknown,
  limits: WorkflowLimits,
  field = 'duration',
): number | null {
  if (value === undefined || value === null) return null;
  const seconds =
    typeof value === 'number'
      ? value
      : typeof value === 'string'
        ? parseDuration(value)
        : undefined;
  if (seconds === undefined || !Number.isSafeInteger(seconds)) {
    throw invalidInput(field, 'must be a duration such as `8h`, `PT8H` or a number of seconds');
  }
  if (seconds < limits.minDurationSeconds || seconds > limits.maxDurationSeconds) {
    throw invalidInput(
      field,
      `must be from ${limits.minDurationSeconds} to ${limits.maxDurationSeconds} seconds`,
    );
  }
  return seconds;
}

/** A start time: not in the past (a minute of skew allowed), at most the limit ahead. */
export function checkStartAt(value: unknown, now: Date, limits: WorkflowLimits): string | null {
  if (value === undefined || value === null) return null;
  const at =
    value instanceof Date ? value : typeof value === 'string' ? new Date(value) : undefined;
  if (at === undefined || Number.isNaN(at.getTime()))
    throw invalidInput('startAt', 'must be a date-time');
  if (at.getTime() < now.getTime() - 60_000)
    throw invalidInput('startAt', 'must not be in the past');
  if (at.getTime() > now.getTime() + limits.maxScheduleAheadSeconds * 1000) {
    throw invalidInput(
      'startAt',
      `must be at most ${limits.maxScheduleAheadSeconds} seconds ahead`,
    );
  }
  return at.toISOString();
}

/** A change request id (a UUID). */
export function checkRequestId(value: unknown): string {
  if (typeof value !== 'string' || !isRequestId(value.toLowerCase())) {
    throw invalidInput('requestId', 'is not a change request id');
  }
  return value.toLowerCase();
}
