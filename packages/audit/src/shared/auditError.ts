/** What went wrong, as a closed set (map each to the API's error code). */
export type AuditErrorCode = 'INVALID_INPUT' | 'NOT_FOUND' | 'SERVICE_FAILURE';

/** Details that help a caller fix its input (never secrets). */
export interface AuditErrorDetails {
  readonly field?: string;
  readonly [key: string]: unknown;
}

/** The one error class of @gatehouse/audit. */
export class AuditError extends Error {
  override readonly name = 'AuditError';
  readonly code: AuditErrorCode;
  readonly details: AuditErrorDetails;

  constructor(
    code: AuditErrorCode,
    message: string,
    options: { details?: AuditErrorDetails; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.details = options.details ?? {};
  }
}

export function isAuditError(error: unknown): error is AuditError {
  return error instanceof AuditError;
}

/** Bad input: names the field and says what is expected. */
export function invalidInput(field: string, message: string): AuditError {
  return new AuditError('INVALID_INPUT', `${field}: ${message}`, { details: { field } });
}

/** Wraps a database failure (the driver's error stays in `cause`, out of messages). */
export async function guarded<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isAuditError(error)) throw error;
    throw new AuditError('SERVICE_FAILURE', 'the audit query failed', { cause: error });
  }
}
