import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { LimitExceededError } from '../hardening/limitExceededError.js';
import { isGatewayErrorCode, REQUEST_ERROR_CODES } from './errorCodes.js';

/** A logger for masked errors (the gateway's pino logger fits). */
export interface FaultLogger {
  error(object: object, message: string): void;
}

function isLimitError(error: unknown): boolean {
  return (
    error instanceof LimitExceededError ||
    (error instanceof GraphQLError && error.originalError instanceof LimitExceededError)
  );
}

/**
 * Apollo's `formatError`: the last line of defence. Resolver errors were mapped
 * already (authorization middleware); operation limits become `LIMIT_EXCEEDED`;
 * anything else that still carries no known code is masked and logged. No error
 * leaves with a stack trace or with extensions other than `code`, `details`,
 * `requestId`.
 */
export function createFormatError(
  logger: FaultLogger,
): (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError {
  return (formatted, error) => {
    const code = isLimitError(error) ? 'LIMIT_EXCEEDED' : formatted.extensions?.code;
    const known =
      (isGatewayErrorCode(code) && code !== 'INTERNAL_SERVER_ERROR') ||
      (typeof code === 'string' && REQUEST_ERROR_CODES.has(code)) ||
      (code === 'INTERNAL_SERVER_ERROR' && formatted.extensions?.requestId !== undefined);
    if (!known) {
      logger.error({ err: error }, 'unexpected error masked');
      return {
        message: 'internal server error',
        ...(formatted.path === undefined ? {} : { path: formatted.path }),
        extensions: { code: 'INTERNAL_SERVER_ERROR' },
      };
    }
    const extensions: Record<string, unknown> = { code };
    for (const key of ['details', 'requestId'] as const) {
      if (formatted.extensions?.[key] !== undefined) extensions[key] = formatted.extensions[key];
    }
    return { ...formatted, extensions };
  };
}
