import type { Logger } from '@gatehouse/service-kit';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type pg from 'pg';

/** Options of {@link createApprovalsServer}. */
export interface ApprovalsServerOptions {
  readonly logger: Logger;
  readonly pool: pg.Pool;
}

/** The approvals service's operational endpoints: liveness at /healthz, readiness at /readyz. */
export function createApprovalsServer(options: ApprovalsServerOptions): FastifyInstance {
  const loggerInstance: FastifyBaseLogger = options.logger;
  const app = Fastify({ loggerInstance, bodyLimit: 64 * 1024 });
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
