import { EventStoreError } from '../errors.js';

/** Bounds on what one append may carry; breaking one is a typed error and writes nothing. */
export interface AppendLimits {
  /** Events in one append (one transaction). Default 1,000; at most 10,000. */
  readonly maxEventsPerAppend: number;
  /** UTF-8 bytes of one event's canonical data plus metadata. Default 256 KiB; at most 4 MiB. */
  readonly maxEventBytes: number;
}

/** The limits used when none are given. */
export const DEFAULT_APPEND_LIMITS: AppendLimits = Object.freeze({
  maxEventsPerAppend: 1_000,
  maxEventBytes: 256 * 1024,
});

const CEILINGS: AppendLimits = { maxEventsPerAppend: 10_000, maxEventBytes: 4 * 1024 * 1024 };

/**
 * The default limits overridden by `overrides`, each checked against its ceiling.
 * @throws EventStoreError `INVALID_ARGUMENT`
 */
export function resolveLimits(overrides: Partial<AppendLimits> = {}): AppendLimits {
  const limits = { ...DEFAULT_APPEND_LIMITS, ...overrides };
  for (const key of ['maxEventsPerAppend', 'maxEventBytes'] as const) {
    const value = limits[key];
    if (!Number.isSafeInteger(value) || value < 1 || value > CEILINGS[key]) {
      throw new EventStoreError(
        'INVALID_ARGUMENT',
        `limit \`${key}\` must be an integer from 1 to ${CEILINGS[key]}`,
      );
    }
  }
  return limits;
}

/** Stream ids: 1-200 characters, starting with a letter or digit; ARNs fit. */
export const STREAM_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:@/+=,-]{0,199}$/;

/**
 * @throws EventStoreError `INVALID_STREAM_ID`
 */
export function assertStreamId(streamId: unknown): asserts streamId is string {
  if (typeof streamId !== 'string' || !STREAM_ID_PATTERN.test(streamId)) {
    const shown = typeof streamId === 'string' ? streamId.slice(0, 64) : typeof streamId;
    throw new EventStoreError(
      'INVALID_STREAM_ID',
      `stream id \`${shown}\` must be 1-200 characters of letters, digits and ._:@/+=,- starting with a letter or digit`,
    );
  }
}
