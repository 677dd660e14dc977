import { ApolloServer } from '@apollo/server';
import fastifyApollo, { fastifyApolloDrainPlugin } from '@as-integrations/fastify';
import type { Logger } from '@gatehouse/service-kit';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type pg from 'pg';
import { buildGatewaySchema } from '../schema/buildGatewaySchema.js';

/** Options of {@link createGatewayServer}. */
export interface GatewayServerOptions {
  readonly logger: Logger;
  readonly pool: pg.Pool;
  readonly introspection: boolean;
  /** Largest request body accepted, in bytes. */
  readonly bodyLimitBytes?: number;
}

/**
 * The gateway's HTTP server: GraphQL at POST /graphql, liveness at /healthz,
 * readiness (PostgreSQL reachable) at /readyz. Not yet listening.
 */
export async function createGatewayServer(options: GatewayServerOptions): Promise<FastifyInstance> {
  // pino's Logger is a FastifyBaseLogger; naming the base type keeps the instance's default generics.
  const loggerInstance: FastifyBaseLogger = options.logger;
  const app = Fastify({
    loggerInstance,
    bodyLimit: options.bodyLimitBytes ?? 256 * 1024,
  });
  const apollo = new ApolloServer({
    schema: await buildGatewaySchema(),
    introspection: options.introspection,
    plugins: [fastifyApolloDrainPlugin(app)],
    // Clients see typed codes and messages, never stack traces.
    includeStacktraceInErrorResponses: false,
  });
  await apollo.start();
  await app.register(fastifyApollo(apollo), { path: '/graphql' });

  app.get('/healthz', () => ({ status: 'ok' }));
  app.get('/readyz', async (_request, reply) => {
    try {
      await options.pool.query('SELECT 1');
      return { status: 'ready' };
    } catch {
      return reply.code(503).send({ status: 'unavailable', reason: 'database unreachable' });
    }
  });
  return app;
}
