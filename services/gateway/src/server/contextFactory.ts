import type { FastifyReply, FastifyRequest } from 'fastify';
import { GraphQLError } from 'graphql';
import type { GatewayContext } from '../context/gatewayContext.js';
import { boundedUserAgent } from '../context/requestFacts.js';
import { ResponseWarnings } from '../context/responseWarnings.js';
import type { Gateway } from '../composition/startGateway.js';
import { HTTP_STATUS } from '../errors/errorCodes.js';
import { mapError } from '../errors/mapError.js';

/**
 * Apollo's context function: the request's facts, its principal (authentication
 * happens here, once per request), and the warnings the principal carries (root
 * usage). Presented credentials that fail end the request with 401 UNAUTHENTICATED
 * before any field runs.
 */
export function createContextFactory(gateway: Gateway) {
  const { services, authenticator } = gateway;
  return async (request: FastifyRequest, reply: FastifyReply): Promise<GatewayContext> => {
    const facts = {
      requestId: request.id,
      sourceIp: request.ip,
      secureTransport: request.protocol === 'https',
      userAgent: boundedUserAgent(request.headers['user-agent']),
      receivedAt: services.clock.now(),
    };
    let principal;
    try {
      principal = await authenticator.authenticate({
        headers: request.headers,
        method: request.method,
        url: request.url,
        rawBody: request.rawBody,
      });
    } catch (error) {
      const mapped = mapError(error);
      if (mapped.fault)
        services.logger.error({ err: error, requestId: facts.requestId }, 'authentication failed');
      throw new GraphQLError(mapped.message, {
        extensions: {
          code: mapped.code,
          ...(Object.keys(mapped.details).length > 0 ? { details: mapped.details } : {}),
          ...(mapped.fault ? { requestId: facts.requestId } : {}),
          http: { status: HTTP_STATUS[mapped.code] },
        },
      });
    }
    const warnings = new ResponseWarnings();
    if (principal !== undefined) {
      warnings.addAll(principal.warnings);
      if (principal.principalType === 'Root') {
        services.logger.warn(
          { requestId: facts.requestId, sourceIp: facts.sourceIp },
          'request with root user credentials',
        );
      }
    }
    return {
      request: facts,
      principal,
      services,
      warnings,
      setHeader: (name, value) => void reply.header(name, value),
    };
  };
}
