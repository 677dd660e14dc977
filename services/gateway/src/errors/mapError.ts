import { isAuditError, type AuditErrorCode } from '@gatehouse/audit';
import { isEventStoreError } from '@gatehouse/event-store';
import { isIamError, type IamErrorCode } from '@gatehouse/iam';
import { isWorkflowError, type WorkflowErrorCode } from '@gatehouse/workflow';
import { GraphQLError } from 'graphql';
import { isGatewayErrorCode, type GatewayErrorCode } from './errorCodes.js';
import { isGatewayError, type ErrorDetails } from './gatewayError.js';

/** What a client is told about a failure, and whether the failure must be logged as a fault. */
export interface MappedError {
  readonly code: GatewayErrorCode;
  readonly message: string;
  readonly details: ErrorDetails;
  /** True for faults (masked as INTERNAL_SERVER_ERROR): log them with the request id. */
  readonly fault: boolean;
}

/** Options of {@link mapError}. */
export interface MapErrorOptions {
  /**
   * The operation proves who the caller is (`signIn`): a wrong MFA code is then an
   * authentication failure, not bad input.
   */
  readonly authenticating?: boolean;
}

/**
 * IAM's error codes as GraphQL codes. A `Record` over the closed union, so a code
 * added to `@gatehouse/iam` does not compile until it is mapped here.
 */
const IAM_CODES: Readonly<Record<IamErrorCode, GatewayErrorCode>> = {
  NO_SUCH_ENTITY: 'NOT_FOUND',
  ENTITY_ALREADY_EXISTS: 'CONFLICT',
  DELETE_CONFLICT: 'CONFLICT',
  CONCURRENT_MODIFICATION: 'CONFLICT',
  LIMIT_EXCEEDED: 'LIMIT_EXCEEDED',
  MALFORMED_POLICY_DOCUMENT: 'BAD_USER_INPUT',
  INVALID_INPUT: 'BAD_USER_INPUT',
  INVALID_AUTHENTICATION_CODE: 'BAD_USER_INPUT',
  PASSWORD_POLICY_VIOLATION: 'BAD_USER_INPUT',
  INVALID_CREDENTIALS: 'UNAUTHENTICATED',
  EXPIRED_TOKEN: 'UNAUTHENTICATED',
  MFA_REQUIRED: 'UNAUTHENTICATED',
  ACCESS_DENIED: 'FORBIDDEN',
  ACCOUNT_NOT_BOOTSTRAPPED: 'INTERNAL_SERVER_ERROR',
  SERVICE_FAILURE: 'INTERNAL_SERVER_ERROR',
};

/**
 * The approval workflow's error codes as GraphQL codes (the workflow code is
 * `details.reason`). Refusals of the domain's policy (separation of duties, MFA,
 * rules) are FORBIDDEN; a request in the wrong state or reviewed twice is CONFLICT.
 */
const WORKFLOW_CODES: Readonly<Record<WorkflowErrorCode, GatewayErrorCode>> = {
  INVALID_INPUT: 'BAD_USER_INPUT',
  INVALID_RULES: 'BAD_USER_INPUT',
  NOT_FOUND: 'NOT_FOUND',
  NOT_AUTHORIZED: 'FORBIDDEN',
  SELF_REVIEW: 'FORBIDDEN',
  NOT_ELIGIBLE_REVIEWER: 'FORBIDDEN',
  ALREADY_REVIEWED: 'CONFLICT',
  MFA_REQUIRED: 'FORBIDDEN',
  INVALID_STATE: 'CONFLICT',
  NO_MATCHING_RULE: 'FORBIDDEN',
  DURATION_NOT_ALLOWED: 'BAD_USER_INPUT',
  BREAK_GLASS_NOT_ALLOWED: 'FORBIDDEN',
  LEAST_PRIVILEGE_BLOCK: 'FORBIDDEN',
  UNSUPPORTED_CHANGE: 'BAD_USER_INPUT',
  CONCURRENT_MODIFICATION: 'CONFLICT',
  SERVICE_FAILURE: 'INTERNAL_SERVER_ERROR',
};

/** The audit package's error codes as GraphQL codes. */
const AUDIT_CODES: Readonly<Record<AuditErrorCode, GatewayErrorCode>> = {
  INVALID_INPUT: 'BAD_USER_INPUT',
  NOT_FOUND: 'NOT_FOUND',
  SERVICE_FAILURE: 'INTERNAL_SERVER_ERROR',
};

const MASKED_MESSAGE = 'internal server error';

function masked(): MappedError {
  return { code: 'INTERNAL_SERVER_ERROR', message: MASKED_MESSAGE, details: {}, fault: true };
}

/**
 * A domain package's error under its GraphQL code; its own code stays visible as
 * `details.reason` (set last, so details cannot hide it). Service failures are masked.
 */
function byCode(
  code: GatewayErrorCode,
  error: { readonly code: string; readonly message: string; readonly details: ErrorDetails },
): MappedError {
  if (code === 'INTERNAL_SERVER_ERROR') return masked();
  return {
    code,
    message: error.message,
    details: { ...error.details, reason: error.code },
    fault: false,
  };
}

/**
 * The one mapping from any thrown value to what a client sees: the gateway's own
 * errors as they are, `@gatehouse/iam`'s, `@gatehouse/workflow`'s and `@gatehouse/audit`'s by code (with their details: findings,
 * issues, violations), GraphQL request errors by their code, and everything else
 * (event-store and driver failures, bugs) masked as INTERNAL_SERVER_ERROR.
 */
export function mapError(error: unknown, options: MapErrorOptions = {}): MappedError {
  if (isGatewayError(error)) {
    return {
      code: error.code,
      message: error.message,
      details: error.details,
      fault: error.code === 'INTERNAL_SERVER_ERROR',
    };
  }
  if (isIamError(error)) {
    let code = IAM_CODES[error.code];
    if (error.code === 'INVALID_AUTHENTICATION_CODE' && options.authenticating === true) {
      code = 'UNAUTHENTICATED';
    }
    if (code === 'INTERNAL_SERVER_ERROR') return masked();
    return {
      code,
      message: error.message,
      details: { reason: error.code, ...error.details },
      fault: false,
    };
  }
  if (isWorkflowError(error)) return byCode(WORKFLOW_CODES[error.code], error);
  if (isAuditError(error)) return byCode(AUDIT_CODES[error.code], error);
  if (isEventStoreError(error)) return masked();
  if (error instanceof GraphQLError && error.originalError === undefined) {
    const code = error.extensions.code;
    if (isGatewayErrorCode(code) && code !== 'INTERNAL_SERVER_ERROR') {
      return { code, message: error.message, details: {}, fault: false };
    }
  }
  return masked();
}
