/** What went wrong, as a closed set callers can switch on. */
export type DbErrorCode =
  | 'MIGRATIONS_DIR_INVALID'
  | 'MIGRATION_CHECKSUM_MISMATCH'
  | 'MIGRATION_PREVIOUSLY_FAILED'
  | 'MIGRATION_FAILED'
  | 'MIGRATION_UNKNOWN_APPLIED'
  | 'DATABASE_URL_INVALID';

/** The one error class of @gatehouse/db. */
export class DbError extends Error {
  override readonly name = 'DbError';
  readonly code: DbErrorCode;

  constructor(code: DbErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}
