import { randomUUID } from 'node:crypto';
import { ApolloServer } from '@apollo/server';
import fastifyApollo, { fastifyApolloDrainPlugin } from '@as-integrations/fastify';
import type { Logger } from '@gatehouse/service-kit';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Gateway } from '../composition/startGateway.js';
import type { GatewayContext } from '../context/gatewayContext.js';
import { acceptableRequestId } from '../context/requestFacts.js';
import { createFormatError } from '../errors/formatError.js';
import { operationLimitRules } from '../hardening/operationLimits.js';
import { buildGatewaySchema } from '../schema/buildGatewaySchema.js';
import { createContextFactory } from './contextFactory.js';
import { keepRawJsonBody } from './rawJsonBody.js';
import { attachSubscriptions, type SubscriptionLimits } from './subscriptions.js';
import { warningsPlugin } from './warningsPlugin.js';

/** Options of {@link createGatewayServer}. */
export interface GatewayServerOptions {
  readonly logger: Logger;
  readonly gateway: Gateway;
  readonly introspection: boolean;
  /** Largest request body accepted, in bytes (default 128 KiB). */
  readonly bodyLimitBytes?: number;
  /** Trust `X-Forwarded-*` from a reverse proxy. */
  readonly trustProxy?: boolean;
  /** Bounds on WebSocket subscriptions (default DEFAULT_SUBSCRIPTION_LIMITS). */
  readonly subscriptionLimits?: SubscriptionLimits;
}

/**
 * The gateway's HTTP server: GraphQL at POST /graphql, liveness at /healthz,
 * readiness at /readyz (503 while shutting down). Not yet listening. Closing it
 * stops new requests (503), lets in-flight ones finish (Apollo's drain plugin),
 * then closes the gateway core.
 */
export async function createGatewayServer(options: GatewayServerOptions): Promise<FastifyInstance> {
  const { gateway } = options;
  const limits = gateway.services.limits;
  // pino's Logger is a FastifyBaseLogger; naming the base type keeps the instance's default generics.
  const loggerInstance: FastifyBaseLogger = options.logger;
  const app = Fastify({
    loggerInstance,
    bodyLimit: options.bodyLimitBytes ?? 128 * 1024,
    trustProxy: options.trustProxy ?? false,
    genReqId: (request) => acceptableRequestId(request.headers['x-request-id']) ?? randomUUID(),
    return503OnClosing: true,
  });
  keepRawJsonBody(app);
  let closing = false;
  app.addHook('onClose', () => {
    closing = true;
  });
  app.addHook('onSend', (request, reply, payload, done) => {
    void reply.header('x-request-id', request.id);
    done(null, payload);
  });

  const schema = await buildGatewaySchema();
  const formatError = createFormatError(options.logger);
  const apollo = new ApolloServer<GatewayContext>({
    schema,
    introspection: options.introspection,
    // Field suggestions ("did you mean") map the schema: hidden when introspection is.
    hideSchemaDetailsFromClientErrors: !options.introspection,
    plugins: [fastifyApolloDrainPlugin(app), warningsPlugin],
    formatError,
    includeStacktraceInErrorResponses: false,
    validationRules: operationLimitRules(limits),
    parseOptions: { maxLexicalTokens: limits.maxTokens },
    maxRecursiveSelections: true,
    persistedQueries: false,
    allowBatchedHttpRequests: false,
  });
  await apollo.start();
  await app.register(fastifyApollo(apollo), {
    path: '/graphql',
    method: ['POST', 'OPTIONS'],
    context: createContextFactory(gateway),
  });

  const subscriptions = attachSubscriptions({
    app,
    schema,
    gateway,
    logger: options.logger,
    formatError,
    ...(options.subscriptionLimits === undefined ? {} : { limits: options.subscriptionLimits }),
    ...(options.trustProxy === undefined ? {} : { trustProxy: options.trustProxy }),
  });
  // Before the HTTP server waits for its connections: WebSockets would hold it open.
  app.addHook('preClose', async () => {
    await subscriptions.close();
  });

  app.get('/healthz', () => ({ status: 'ok' }));
  app.get('/readyz', async (_request, reply) => {
    if (closing) return reply.code(503).send({ status: 'unavailable', reason: 'shutting down' });
    const readiness = await gateway.readiness();
    return readiness.ready
      ? { status: 'ready' }
      : reply.code(503).send({ status: 'unavailable', reason: readiness.reason });
  });
  app.addHook('onClose', async () => {
    await gateway.close();
  });
  return app;
}
