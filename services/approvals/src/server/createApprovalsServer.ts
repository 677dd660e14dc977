import type { Logger } from '@gatehouse/service-kit';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type pg from 'pg';

/** Options of {@link createApprovalsServer}. */
export interface ApprovalsServerOptions {
  readonly logger: Logger;
  readonly pool: pg.Pool;
  /** The workflow core's own readiness (intake running); ready when absent. */
  readonly readiness?: () => { readonly ready: boolean; readonly reason?: string };
}

/** The approvals service's operational endpoints: liveness at /healthz, readiness at /readyz. */
export function createApprovalsServer(options: ApprovalsServerOptions): FastifyInstance {
  const loggerInstance: FastifyBaseLogger = options.logger;
  const app = Fastify({ loggerInstance, bodyLimit: 64 * 1024 });
  app.get('/healthz', () => ({ status: 'ok' }));
  app.get('/readyz', async (_request, reply) => {
    try {
      await options.pool.query('SELECT 1');
    } catch {
      return reply.code(503).send({ status: 'unavailable', reason: 'database unreachable' });
    }
    const core = options.readiness?.() ?? { ready: true };
    if (!core.ready) {
      return reply.code(503).send({ status: 'unavailable', reason: core.reason ?? 'not ready' });
    }
    return { status: 'ready' };
  });
  return app;
}
