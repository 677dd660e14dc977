/**
 * Every code a workflow operation can fail with. Closed: the gateway maps each
 * to `extensions.code` in one place.
 */
export type WorkflowErrorCode =
  /** An input is malformed or out of bounds (`details.issues`). */
  | 'INVALID_INPUT'
  /** The rules file does not validate (`details.errors`: located errors). */
  | 'INVALID_RULES'
  /** No change request (or grant) with that id. */
  | 'NOT_FOUND'
  /** The caller lacks the `approvals:` permission the operation needs. */
  | 'NOT_AUTHORIZED'
  /** Separation of duties: the requester or the beneficiary may not review. */
  | 'SELF_REVIEW'
  /** The reviewer can count toward none of the rule's quorums. */
  | 'NOT_ELIGIBLE_REVIEWER'
  /** This person has reviewed this request already. */
  | 'ALREADY_REVIEWED'
  /** The rule requires reviewers to have signed in with MFA (recently enough). */
  | 'MFA_REQUIRED'
  /** The request is not in a state that allows the operation. */
  | 'INVALID_STATE'
  /** No approval rule matches the request. */
  | 'NO_MATCHING_RULE'
  /** The requested duration exceeds the rule's maximum, or the rule requires one. */
  | 'DURATION_NOT_ALLOWED'
  /** Break-glass is not allowed for this request by the rules. */
  | 'BREAK_GLASS_NOT_ALLOWED'
  /** The least-privilege analysis blocks the change. */
  | 'LEAST_PRIVILEGE_BLOCK'
  /** The change cannot go through the workflow (or cannot be time-bound). */
  | 'UNSUPPORTED_CHANGE'
  /** Another writer changed the request at the same time; retry. */
  | 'CONCURRENT_MODIFICATION'
  /** The event store or another dependency failed (`cause`). */
  | 'SERVICE_FAILURE';

/** Structured context of an error (plain JSON). */
export type WorkflowErrorDetails = Readonly<Record<string, unknown>>;

/** The one error class of `@gatehouse/workflow`. */
export class WorkflowError extends Error {
  override readonly name = 'WorkflowError';
  readonly code: WorkflowErrorCode;
  readonly details: WorkflowErrorDetails;

  constructor(
    code: WorkflowErrorCode,
    message: string,
    options: { readonly details?: WorkflowErrorDetails; readonly cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.details = options.details ?? {};
  }
}

/** True for a {@link WorkflowError}, optionally of one code. */
export function isWorkflowError(error: unknown, code?: WorkflowErrorCode): error is WorkflowError {
  return error instanceof WorkflowError && (code === undefined || error.code === code);
}

/** An `INVALID_INPUT` error about one field. */
export function invalidInput(path: string, message: string): WorkflowError {
  return new WorkflowError('INVALID_INPUT', `\`${path}\` ${message}`, {
    details: { issues: [{ path, message }] },
  });
}
