import type { MiddlewareFn } from 'type-graphql';
import type { GatewayContext } from '../context/gatewayContext.js';
import { mapError } from './mapError.js';
import { toGraphQLError } from './toGraphQLError.js';

/** Fields whose credential failures are authentication failures (a wrong MFA code at sign-in). */
const AUTHENTICATING_FIELDS: ReadonlySet<string> = new Set(['signIn']);

/**
 * type-graphql global middleware, outermost: every error a resolver or the
 * authorization middleware throws leaves as a typed GraphQL error (`mapError`);
 * faults are logged with the request id and masked.
 */
export const errorMappingMiddleware: MiddlewareFn<GatewayContext> = async (
  { context, info },
  next,
) => {
  try {
    return (await next()) as unknown;
  } catch (error) {
    const mapped = mapError(error, { authenticating: AUTHENTICATING_FIELDS.has(info.fieldName) });
    if (mapped.fault) {
      context.services.logger.error(
        { err: error, requestId: context.request.requestId, field: info.fieldName },
        'request failed',
      );
    }
    if (mapped.code === 'TOO_MANY_REQUESTS') {
      const retry = mapped.details.retryAfterSeconds;
      if (typeof retry === 'number') context.setHeader('retry-after', String(retry));
    }
    throw toGraphQLError(mapped, context.request.requestId);
  }
};
