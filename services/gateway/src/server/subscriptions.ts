import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Principal } from '@gatehouse/iam';
import type { Logger } from '@gatehouse/service-kit';
import type { FastifyInstance } from 'fastify';
import {
  GraphQLError,
  OperationTypeNode,
  getOperationAST,
  parse,
  specifiedRules,
  validate,
  type DocumentNode,
  type ExecutionArgs,
  type GraphQLFormattedError,
  type GraphQLSchema,
} from 'graphql';
import { CloseCode } from 'graphql-ws';
import { useServer, type Extra } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import type { Gateway } from '../composition/startGateway.js';
import type { GatewayContext } from '../context/gatewayContext.js';
import { boundedUserAgent } from '../context/requestFacts.js';
import { ResponseWarnings } from '../context/responseWarnings.js';
import { mapError } from '../errors/mapError.js';
import { operationLimitRules } from '../hardening/operationLimits.js';

/** Bounds on live subscriptions (README, "Subscriptions"). */
export interface SubscriptionLimits {
  /** Open WebSocket connections per process; more are answered 503 at the upgrade. */
  readonly maxConnections: number;
  /** Active subscriptions on one connection; more are refused with LIMIT_EXCEEDED. */
  readonly maxSubscriptionsPerConnection: number;
  /** Largest WebSocket message accepted, in bytes. */
  readonly maxMessageBytes: number;
  /** Time a client has to send `connection_init` (ms). */
  readonly connectionInitWaitMs: number;
}

export const DEFAULT_SUBSCRIPTION_LIMITS: SubscriptionLimits = {
  maxConnections: 1000,
  maxSubscriptionsPerConnection: 20,
  maxMessageBytes: 64 * 1024,
  connectionInitWaitMs: 5000,
};

/** What a subscriber gets instead of an update once its credentials no longer stand. */
const SESSION_ENDED = new GraphQLError('the credentials of this connection no longer stand', {
  extensions: { code: 'UNAUTHENTICATED' },
});

/** Credential headers a client may send in `connection_init` (as on HTTP). */
const CREDENTIAL_HEADERS = ['authorization', 'x-gatehouse-date', 'x-gatehouse-security-token'];
const MAX_CREDENTIAL_LENGTH = 8192;

/**
 * The credentials of `connection_init`'s payload as the HTTP headers they stand
 * for (case-insensitive names, bounded values), with the upgrade's `Host`.
 * A signed request signs `GET /graphql` with an empty body.
 */
export function credentialHeaders(
  payload: Readonly<Record<string, unknown>> | undefined,
  upgrade: IncomingMessage,
): IncomingHttpHeaders {
  const headers: IncomingHttpHeaders = { host: upgrade.headers.host ?? '' };
  for (const [name, value] of Object.entries(payload ?? {})) {
    const key = name.toLowerCase();
    if (
      CREDENTIAL_HEADERS.includes(key) &&
      typeof value === 'string' &&
      value.length <= MAX_CREDENTIAL_LENGTH
    ) {
      headers[key] = value;
    }
  }
  return headers;
}

/** Options of {@link attachSubscriptions}. */
export interface AttachSubscriptionsOptions {
  readonly app: FastifyInstance;
  readonly schema: GraphQLSchema;
  readonly gateway: Gateway;
  readonly logger: Logger;
  readonly formatError: (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;
  readonly limits?: SubscriptionLimits;
  readonly trustProxy?: boolean;
}

/**
 * GraphQL subscriptions over WebSocket (the graphql-ws protocol) at `/graphql`
 * on the gateway's HTTP server. A connection authenticates once with the same
 * credentials as HTTP, sent in `connection_init` (missing or failing: closed
 * with 4401); each subscription is authorized by its field's declaration when
 * it starts. Only subscriptions travel here (queries and mutations use POST),
 * with the same operation limits. `close()` ends every connection (1001) and
 * stops accepting new ones.
 */
export function attachSubscriptions(options: AttachSubscriptionsOptions): {
  close(): Promise<void>;
} {
  const { app, schema, gateway, logger } = options;
  const limits = options.limits ?? DEFAULT_SUBSCRIPTION_LIMITS;
  const operationLimits = gateway.services.limits;
  const rules = [...specifiedRules, ...operationLimitRules(operationLimits)];
  const wss = new WebSocketServer({ noServer: true, maxPayload: limits.maxMessageBytes });
  let closing = false;

  const refuse = (socket: Duplex, status: string): void => {
    socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  };
  app.server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = (request.url ?? '').split('?')[0];
    if (path !== '/graphql') {
      refuse(socket, '404 Not Found');
      return;
    }
    if (closing) {
      refuse(socket, '503 Service Unavailable');
      return;
    }
    if (wss.clients.size >= limits.maxConnections) {
      logger.warn({ connections: wss.clients.size }, 'subscription connection limit reached');
      refuse(socket, '503 Service Unavailable');
      return;
    }
    wss.handleUpgrade(request, socket, head, (ws) => {
      wss.emit('connection', ws, request);
    });
  });

  const formatted = (errors: readonly GraphQLError[]): GraphQLFormattedError[] =>
    errors.map((error) => options.formatError(error.toJSON(), error.originalError ?? error));

  // The principal each connection authenticated as (its socket is the key).
  const principals = new WeakMap<object, Principal>();
  const server = useServer(
    {
      schema,
      connectionInitWaitTimeout: limits.connectionInitWaitMs,
      onConnect: async (ctx) => {
        const extra = ctx.extra;
        const headers = credentialHeaders(ctx.connectionParams, extra.request);
        let principal: Principal | undefined;
        try {
          principal = await gateway.authenticator.authenticate({
            headers,
            method: 'GET',
            url: '/graphql',
            rawBody: '',
          });
        } catch (error) {
          const mapped = mapError(error);
          if (mapped.fault) logger.error({ err: error }, 'subscription authentication failed');
          extra.socket.close(CloseCode.Unauthorized, 'Unauthorized');
          return false;
        }
        if (principal === undefined) {
          extra.socket.close(CloseCode.Unauthorized, 'Unauthorized');
          return false;
        }
        principals.set(extra.socket, principal);
        return true;
      },
      onSubscribe: (ctx, _id, payload) => {
        // graphql-ws has already reserved this subscription's place in `subscriptions`.
        if (Object.keys(ctx.subscriptions).length > limits.maxSubscriptionsPerConnection) {
          return [
            new GraphQLError(
              `at most ${limits.maxSubscriptionsPerConnection} subscriptions per connection`,
              { extensions: { code: 'LIMIT_EXCEEDED' } },
            ),
          ];
        }
        let document: DocumentNode;
        try {
          document = parse(payload.query, { maxLexicalTokens: operationLimits.maxTokens });
        } catch (error) {
          if (error instanceof GraphQLError) return [error];
          throw error;
        }
        const operation = getOperationAST(document, payload.operationName);
        if (operation?.operation !== OperationTypeNode.SUBSCRIPTION) {
          return [
            new GraphQLError('only subscriptions are served over WebSocket: use POST /graphql', {
              extensions: { code: 'BAD_USER_INPUT' },
            }),
          ];
        }
        const errors = validate(schema, document, rules);
        if (errors.length > 0) return errors;
        const args: ExecutionArgs = {
          schema,
          document,
          operationName: payload.operationName,
          variableValues: payload.variables,
          contextValue: contextOf(ctx.extra),
        };
        return args;
      },
      // Before each delivery the connection's credentials must still stand (a
      // revoked or expired session, a deactivated key, a deleted user): otherwise
      // the update is withheld and the connection closed, as HTTP would refuse it.
      // Then the same masking as HTTP: typed codes pass, anything else is INTERNAL_SERVER_ERROR.
      onNext: (ctx, _id, _payload, _args, result) => {
        if (!credentialsStand(ctx.extra)) {
          ctx.extra.socket.close(CloseCode.Unauthorized, 'Unauthorized');
          return { errors: [SESSION_ENDED.toJSON()] };
        }
        return result.errors === undefined
          ? undefined
          : {
              ...(result.data === undefined ? {} : { data: result.data }),
              errors: formatted(result.errors),
            };
      },
      onError: (_ctx, _id, _payload, errors) => formatted(errors),
    },
    wss,
  );

  function credentialsStand(extra: Extra): boolean {
    const principal = principals.get(extra.socket);
    if (principal === undefined) return false;
    try {
      gateway.services.iam.reconfirmPrincipal(principal);
      return true;
    } catch {
      return false;
    }
  }

  function contextOf(extra: Extra): GatewayContext {
    const { request } = extra;
    const trusted = options.trustProxy === true;
    const forwardedFor = trusted
      ? String(request.headers['x-forwarded-for'] ?? '')
          .split(',')[0]
          ?.trim()
      : undefined;
    return {
      request: {
        requestId: randomUUID(),
        sourceIp:
          forwardedFor !== undefined && forwardedFor !== ''
            ? forwardedFor
            : (request.socket.remoteAddress ?? ''),
        secureTransport: trusted
          ? request.headers['x-forwarded-proto'] === 'https'
          : 'encrypted' in request.socket && request.socket.encrypted === true,
        userAgent: boundedUserAgent(request.headers['user-agent']),
        receivedAt: gateway.services.clock.now(),
      },
      principal: principals.get(extra.socket),
      services: gateway.services,
      warnings: new ResponseWarnings(),
      setHeader: () => undefined,
    };
  }

  return {
    async close() {
      closing = true;
      await server.dispose();
    },
  };
}
