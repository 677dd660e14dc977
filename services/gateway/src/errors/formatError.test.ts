import { describe, expect, it } from '@jest/globals';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { LimitExceededError } from '../hardening/limitExceededError.js';
import { createFormatError } from './formatError.js';

function collectingLogger(): { logged: object[]; error(object: object): void } {
  const logged: object[] = [];
  return { logged, error: (object) => logged.push(object) };
}

describe('formatError', () => {
  it('masks an error without a known code and logs it', () => {
    const logger = collectingLogger();
    const formatted: GraphQLFormattedError = {
      message: 'connect ECONNREFUSED 10.1.2.3:5432',
      path: ['getUser'],
      extensions: { code: 'INTERNAL_SERVER_ERROR', stacktrace: ['at x'] },
    };
    expect(createFormatError(logger)(formatted, new Error('x'))).toEqual({
      message: 'internal server error',
      path: ['getUser'],
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
    expect(logger.logged).toHaveLength(1);
  });

  it('keeps typed errors, their details and request ids, and drops other extensions', () => {
    const format = createFormatError(collectingLogger());
    expect(
      format(
        {
          message: 'no',
          extensions: {
            code: 'FORBIDDEN',
            details: { action: 'iam:GetUser' },
            http: { status: 403 },
            stacktrace: [],
          },
        },
        undefined,
      ),
    ).toEqual({
      message: 'no',
      extensions: { code: 'FORBIDDEN', details: { action: 'iam:GetUser' } },
    });
    expect(
      format(
        {
          message: 'internal server error',
          extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: 'r-1' },
        },
        undefined,
      ),
    ).toEqual({
      message: 'internal server error',
      extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: 'r-1' },
    });
  });

  it('passes request errors (parse, validation) through', () => {
    const format = createFormatError(collectingLogger());
    expect(
      format({ message: 'Syntax Error', extensions: { code: 'GRAPHQL_PARSE_FAILED' } }, undefined)
        .extensions?.code,
    ).toBe('GRAPHQL_PARSE_FAILED');
  });

  it('turns operation limits into LIMIT_EXCEEDED', () => {
    const limit = new LimitExceededError('depth', 8, 12, []);
    const wrapped = new GraphQLError(limit.message, {
      originalError: limit,
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
    });
    const formatted = createFormatError(collectingLogger())(
      {
        message: limit.message,
        extensions: {
          code: 'GRAPHQL_VALIDATION_FAILED',
          details: { limit: 'depth', maximum: 8, actual: 12 },
        },
      },
      wrapped,
    );
    expect(formatted.extensions).toEqual({
      code: 'LIMIT_EXCEEDED',
      details: { limit: 'depth', maximum: 8, actual: 12 },
    });
  });
});
