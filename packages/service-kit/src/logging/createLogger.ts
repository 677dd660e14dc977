import { pino, type Logger, type LoggerOptions } from 'pino';

export type { Logger };

/**
 * Paths whose values are replaced by `[redacted]` in every log line. Secrets are
 * never logged on purpose; this is the net under that rule.
 */
export const REDACTED_PATHS: readonly string[] = [
  'password',
  '*.password',
  'newPassword',
  '*.newPassword',
  'secret',
  '*.secret',
  'secretAccessKey',
  '*.secretAccessKey',
  'sessionToken',
  '*.sessionToken',
  'token',
  '*.token',
  'authorization',
  '*.authorization',
  'req.headers.authorization',
  'req.headers.cookie',
  'headers.authorization',
  'headers.cookie',
  'totpCode',
  '*.totpCode',
  'authenticationCode1',
  'authenticationCode2',
  'seed',
  '*.seed',
  'base32StringSeed',
  '*.base32StringSeed',
];

/** Options of {@link createLogger}. */
export interface CreateLoggerOptions {
  readonly service: string;
  readonly level: LoggerOptions['level'];
  /** Where lines go (default stdout); tests pass a stream to read them. */
  readonly destination?: pino.DestinationStream;
}

/** A structured JSON logger (pino) with the service name on every line and secrets redacted. */
export function createLogger(options: CreateLoggerOptions): Logger {
  const loggerOptions: LoggerOptions = {
    name: options.service,
    level: options.level ?? 'info',
    redact: { paths: [...REDACTED_PATHS], censor: '[redacted]' },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
  };
  return options.destination === undefined
    ? pino(loggerOptions)
    : pino(loggerOptions, options.destination);
}
