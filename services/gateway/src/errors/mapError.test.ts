import { describe, expect, it } from '@jest/globals';
import { EventStoreError } from '@gatehouse/event-store';
import { IamError, type IamErrorCode } from '@gatehouse/iam';
import { WorkflowError, type WorkflowErrorCode } from '@gatehouse/workflow';
import { GraphQLError } from 'graphql';
import { GatewayError } from './gatewayError.js';
import { mapError } from './mapError.js';

describe('mapError', () => {
  it.each<[IamErrorCode, string]>([
    ['NO_SUCH_ENTITY', 'NOT_FOUND'],
    ['ENTITY_ALREADY_EXISTS', 'CONFLICT'],
    ['DELETE_CONFLICT', 'CONFLICT'],
    ['CONCURRENT_MODIFICATION', 'CONFLICT'],
    ['LIMIT_EXCEEDED', 'LIMIT_EXCEEDED'],
    ['MALFORMED_POLICY_DOCUMENT', 'BAD_USER_INPUT'],
    ['INVALID_INPUT', 'BAD_USER_INPUT'],
    ['INVALID_AUTHENTICATION_CODE', 'BAD_USER_INPUT'],
    ['PASSWORD_POLICY_VIOLATION', 'BAD_USER_INPUT'],
    ['INVALID_CREDENTIALS', 'UNAUTHENTICATED'],
    ['EXPIRED_TOKEN', 'UNAUTHENTICATED'],
    ['MFA_REQUIRED', 'UNAUTHENTICATED'],
    ['ACCESS_DENIED', 'FORBIDDEN'],
  ])('maps iam %s to %s with its details and the domain code as reason', (iamCode, code) => {
    const mapped = mapError(new IamError(iamCode, 'what happened', { details: { name: 'alice' } }));
    expect(mapped).toEqual({
      code,
      message: 'what happened',
      details: { reason: iamCode, name: 'alice' },
      fault: false,
    });
  });

  it.each<[WorkflowErrorCode, string]>([
    ['INVALID_INPUT', 'BAD_USER_INPUT'],
    ['INVALID_RULES', 'BAD_USER_INPUT'],
    ['NOT_FOUND', 'NOT_FOUND'],
    ['NOT_AUTHORIZED', 'FORBIDDEN'],
    ['SELF_REVIEW', 'FORBIDDEN'],
    ['NOT_ELIGIBLE_REVIEWER', 'FORBIDDEN'],
    ['ALREADY_REVIEWED', 'CONFLICT'],
    ['MFA_REQUIRED', 'FORBIDDEN'],
    ['INVALID_STATE', 'CONFLICT'],
    ['NO_MATCHING_RULE', 'FORBIDDEN'],
    ['DURATION_NOT_ALLOWED', 'BAD_USER_INPUT'],
    ['BREAK_GLASS_NOT_ALLOWED', 'FORBIDDEN'],
    ['LEAST_PRIVILEGE_BLOCK', 'FORBIDDEN'],
    ['UNSUPPORTED_CHANGE', 'BAD_USER_INPUT'],
    ['CONCURRENT_MODIFICATION', 'CONFLICT'],
  ])('maps workflow %s to %s with the workflow code as reason', (workflowCode, code) => {
    const mapped = mapError(
      new WorkflowError(workflowCode, 'what happened', { details: { requestId: 'r-1' } }),
    );
    expect(mapped).toEqual({
      code,
      message: 'what happened',
      details: { reason: workflowCode, requestId: 'r-1' },
      fault: false,
    });
  });

  it('treats a wrong MFA code at sign-in as an authentication failure', () => {
    const error = new IamError('INVALID_AUTHENTICATION_CODE', 'wrong code');
    expect(mapError(error, { authenticating: true }).code).toBe('UNAUTHENTICATED');
  });

  it.each([
    [
      'an iam service failure',
      new IamError('SERVICE_FAILURE', 'database said: password for user x'),
    ],
    ['an iam bootstrap problem', new IamError('ACCOUNT_NOT_BOOTSTRAPPED', 'no account')],
    [
      'a workflow service failure',
      new WorkflowError('SERVICE_FAILURE', 'pool exhausted at 10.0.0.3'),
    ],
    ['an event-store error', new EventStoreError('DATABASE_ERROR', 'connection refused 10.0.0.3')],
    ['a bug', new TypeError("Cannot read properties of undefined (reading 'x')")],
    ['a thrown string', 'boom'],
  ])('masks %s as INTERNAL_SERVER_ERROR without its message', (_name, error) => {
    expect(mapError(error)).toEqual({
      code: 'INTERNAL_SERVER_ERROR',
      message: 'internal server error',
      details: {},
      fault: true,
    });
  });

  it('passes gateway errors through', () => {
    const error = new GatewayError('TOO_MANY_REQUESTS', 'slow down', {
      details: { retryAfterSeconds: 6 },
    });
    expect(mapError(error)).toEqual({
      code: 'TOO_MANY_REQUESTS',
      message: 'slow down',
      details: { retryAfterSeconds: 6 },
      fault: false,
    });
  });

  it('keeps a known code of a GraphQL error and masks an unknown one', () => {
    expect(mapError(new GraphQLError('bad', { extensions: { code: 'BAD_USER_INPUT' } })).code).toBe(
      'BAD_USER_INPUT',
    );
    expect(mapError(new GraphQLError('odd', { extensions: { code: 'WEIRD' } })).fault).toBe(true);
  });
});
