import type { GatewayErrorCode } from './errorCodes.js';

/** JSON-safe facts about a failure that may be shown to the caller (never secrets). */
export type ErrorDetails = Readonly<Record<string, unknown>>;

/** Options of {@link GatewayError}. */
export interface GatewayErrorOptions {
  readonly details?: ErrorDetails;
  readonly cause?: unknown;
}

/**
 * The one error class of the gateway: a code from the closed client-facing set
 * and details that are safe to show. Thrown by authentication, authorization,
 * limits and argument checks; domain errors are mapped to it in one place.
 */
export class GatewayError extends Error {
  override readonly name = 'GatewayError';
  readonly code: GatewayErrorCode;
  readonly details: ErrorDetails;

  constructor(code: GatewayErrorCode, message: string, options: GatewayErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.details = options.details ?? {};
  }
}

/** True when `error` is a {@link GatewayError} (optionally with this code). */
export function isGatewayError(error: unknown, code?: GatewayErrorCode): error is GatewayError {
  return error instanceof GatewayError && (code === undefined || error.code === code);
}

/** `BAD_USER_INPUT` for one argument, in the shape iam's INVALID_INPUT uses. */
export function badInput(argument: string, problem: string): GatewayError {
  return new GatewayError('BAD_USER_INPUT', `\`${argument}\` ${problem}`, {
    details: { issues: [{ path: argument, message: problem }] },
  });
}
