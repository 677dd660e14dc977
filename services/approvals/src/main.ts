// The approvals process: configuration, logging, health endpoints, graceful shutdown.
import { ConfigError, createLogger, installShutdown } from '@gatehouse/service-kit';
import pg from 'pg';
import { loadApprovalsConfig } from './config.js';
import { createApprovalsServer } from './server/createApprovalsServer.js';

async function main(): Promise<void> {
  const config = loadApprovalsConfig();
  const logger = createLogger({ service: 'approvals', level: config.LOG_LEVEL });
  const pool = new pg.Pool({ connectionString: config.DATABASE_URL, max: 5 });
  pool.on('error', (error) => logger.error({ err: error }, 'idle database connection failed'));
  const app = createApprovalsServer({ logger, pool });
  installShutdown(
    [
      { name: 'database pool', close: () => pool.end() },
      { name: 'http server', close: () => app.close() },
    ],
    { logger },
  );
  const address = await app.listen({ host: config.APPROVALS_HOST, port: config.APPROVALS_PORT });
  logger.info({ address }, 'approvals listening');
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
  } else {
    process.stderr.write(
      `approvals: failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
  }
  process.exit(1);
});
