/**
 * What went wrong, named after the IAM and STS API's own error codes so users
 * recognise them (NoSuchEntity -> NO_SUCH_ENTITY). The list is closed: the
 * gateway maps each code to a GraphQL error code in one place.
 */
export type IamErrorCode =
  /** The named user, group, role, policy, version, key, device or session does not exist. */
  | 'NO_SUCH_ENTITY'
  /** The name is taken (names are unique per account, case-insensitively). */
  | 'ENTITY_ALREADY_EXISTS'
  /** The entity is still in use (members, attachments, credentials, a default version). */
  | 'DELETE_CONFLICT'
  /** An IAM quota would be exceeded (versions, keys, groups per user, tags, sizes). */
  | 'LIMIT_EXCEEDED'
  /** A policy document has ERROR findings; `details.findings` lists them. */
  | 'MALFORMED_POLICY_DOCUMENT'
  /** A parameter is malformed or out of range; `details.issues` says which. */
  | 'INVALID_INPUT'
  /** An MFA code is wrong, stale or was used before. */
  | 'INVALID_AUTHENTICATION_CODE'
  /** The password breaks the account password policy; `details.violations` says how. */
  | 'PASSWORD_POLICY_VIOLATION'
  /** Another change to the same entities won twice in a row; retry the request. */
  | 'CONCURRENT_MODIFICATION'
  /** The credentials (password, access key, token) are wrong or disabled. */
  | 'INVALID_CREDENTIALS'
  /** The session or its token has expired or was revoked. */
  | 'EXPIRED_TOKEN'
  /** MFA is enabled for this principal and no code was given. */
  | 'MFA_REQUIRED'
  /** The caller is not allowed to do this (policy decision or a root-only task). */
  | 'ACCESS_DENIED'
  /** The account has not been created yet (call `bootstrap` first). */
  | 'ACCOUNT_NOT_BOOTSTRAPPED'
  /** An unexpected failure of the database or the event store; `cause` holds it. */
  | 'SERVICE_FAILURE';

/** Facts about a failure that are safe to show and log (never secrets). */
export type IamErrorDetails = Readonly<
  Record<string, string | number | boolean | null | readonly unknown[]>
>;

/** The one error class of @gatehouse/iam. */
export class IamError extends Error {
  override readonly name = 'IamError';
  readonly code: IamErrorCode;
  readonly details: IamErrorDetails;

  constructor(
    code: IamErrorCode,
    message: string,
    options: { cause?: unknown; details?: IamErrorDetails } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.details = options.details ?? {};
  }
}

/** True when `error` is an {@link IamError}, optionally with the given code. */
export function isIamError(error: unknown, code?: IamErrorCode): error is IamError {
  return error instanceof IamError && (code === undefined || error.code === code);
}

/** `NO_SUCH_ENTITY` in IAM's wording. */
export function noSuchEntity(kind: string, name: string): IamError {
  return new IamError('NO_SUCH_ENTITY', `the ${kind} with name \`${name}\` cannot be found`, {
    details: { entity: kind, name },
  });
}

/** `ENTITY_ALREADY_EXISTS` in IAM's wording. */
export function alreadyExists(kind: string, name: string): IamError {
  return new IamError('ENTITY_ALREADY_EXISTS', `${kind} with name \`${name}\` already exists`, {
    details: { entity: kind, name },
  });
}

/** `LIMIT_EXCEEDED` naming the quota. */
export function limitExceeded(quota: string, limit: number, message: string): IamError {
  return new IamError('LIMIT_EXCEEDED', message, { details: { quota, limit } });
}

/** `DELETE_CONFLICT` with the reason. */
export function deleteConflict(message: string, details: IamErrorDetails = {}): IamError {
  return new IamError('DELETE_CONFLICT', message, { details });
}

/** `INVALID_INPUT` for one field. */
export function invalidInput(field: string, problem: string): IamError {
  return new IamError('INVALID_INPUT', `\`${field}\` ${problem}`, {
    details: { issues: [{ path: field, message: problem }] },
  });
}
