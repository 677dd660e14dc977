import { EXIT_CODES, type ExitCode } from './exitCodes.js';

/** Why a command failed; each maps to one exit code ({@link exitCodeOf}). */
export type CliErrorCode =
  | 'USAGE'
  | 'FINDINGS'
  | 'CONFIG'
  | 'STALE_PLAN'
  | 'AUTHENTICATION'
  | 'API'
  | 'NETWORK'
  | 'NOT_AVAILABLE';

/** Options of {@link CliError}. */
export interface CliErrorOptions {
  /** A hint printed under the message (what to do next). */
  readonly hint?: string | undefined;
  /** Structured facts for `--output json` (never secrets). */
  readonly details?: Readonly<Record<string, unknown>> | undefined;
  readonly cause?: unknown;
}

/**
 * The one error class of the CLI. Messages follow the project's style: lowercase,
 * no trailing period, user input in backticks.
 */
export class CliError extends Error {
  override readonly name = 'CliError';
  readonly code: CliErrorCode;
  readonly hint: string | undefined;
  readonly details: Readonly<Record<string, unknown>> | undefined;

  constructor(code: CliErrorCode, message: string, options: CliErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.hint = options.hint;
    this.details = options.details;
  }
}

/** The exit code of an error code. */
export function exitCodeOf(code: CliErrorCode): ExitCode {
  switch (code) {
    case 'FINDINGS':
      return EXIT_CODES.FINDINGS_OR_CHANGES;
    case 'USAGE':
    case 'CONFIG':
      return EXIT_CODES.USAGE;
    case 'STALE_PLAN':
      return EXIT_CODES.STALE_PLAN;
    case 'AUTHENTICATION':
      return EXIT_CODES.AUTHENTICATION;
    case 'API':
    case 'NETWORK':
    case 'NOT_AVAILABLE':
      return EXIT_CODES.API;
  }
}

/** True for a {@link CliError}. */
export function isCliError(error: unknown): error is CliError {
  return error instanceof CliError;
}
