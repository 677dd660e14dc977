import type { Logger } from 'pino';

/** Something to close when the process stops, in registration order reversed. */
export interface Closeable {
  readonly name: string;
  close(): Promise<void>;
}

/** Options of {@link installShutdown}. */
export interface ShutdownOptions {
  readonly logger: Logger;
  /** After this long the process exits even if a resource has not closed. */
  readonly timeoutMs?: number;
  readonly signals?: readonly NodeJS.Signals[];
  /** Injected for tests; defaults to process.exit. */
  readonly exit?: (code: number) => void;
}

/** Closes resources in reverse order on SIGTERM/SIGINT, then exits. Returns the trigger for tests and fatal errors. */
export function installShutdown(
  resources: readonly Closeable[],
  options: ShutdownOptions,
): (reason: string) => Promise<void> {
  const exit = options.exit ?? ((code: number) => process.exit(code));
  let stopping: Promise<void> | undefined;
  const shutdown = (reason: string): Promise<void> => {
    stopping ??= (async () => {
      options.logger.info({ reason }, 'shutting down');
      const timer = setTimeout(() => {
        options.logger.error({ timeoutMs: options.timeoutMs }, 'shutdown timed out');
        exit(1);
      }, options.timeoutMs ?? 10_000);
      timer.unref();
      let code = 0;
      for (const resource of [...resources].reverse()) {
        try {
          await resource.close();
        } catch (error) {
          code = 1;
          options.logger.error({ err: error, resource: resource.name }, 'failed to close');
        }
      }
      clearTimeout(timer);
      options.logger.info('stopped');
      exit(code);
    })();
    return stopping;
  };
  for (const signal of options.signals ?? ['SIGTERM', 'SIGINT']) {
    process.once(signal, () => void shutdown(signal));
  }
  return shutdown;
}
