// Waiting on a condition instead of sleeping: poll until it holds, and fail
// with what was awaited and the last thing seen when it does not in time.

/** How {@link waitFor} polls. */
export interface WaitOptions {
  /** What is awaited, for the timeout message. */
  readonly what: string;
  /** Give up after this long (default 30 s). */
  readonly timeoutMs?: number;
  /** Between polls (default 200 ms). */
  readonly intervalMs?: number;
  /** Extra context for the timeout message (a service's last log lines). */
  readonly context?: () => string;
}

/**
 * Polls `probe` until it returns something other than `undefined` and returns
 * that; a probe that throws is retried (the last error goes into the timeout
 * message), so a service that is briefly down does not end the wait.
 */
export async function waitFor<T>(
  probe: () => Promise<T | undefined> | T | undefined,
  options: WaitOptions,
): Promise<T> {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const deadline = Date.now() + timeoutMs;
  let last: string;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
      last = 'the condition did not hold';
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }
    if (Date.now() > deadline) {
      const context = options.context?.();
      throw new Error(
        `timed out after ${timeoutMs} ms waiting for ${options.what} (last: ${last})` +
          (context === undefined ? '' : `\n${context}`),
      );
    }
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 200));
  }
}
