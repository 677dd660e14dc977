// The gateway process: configuration, logging, HTTP server, graceful shutdown.
import { ConfigError, createLogger, installShutdown } from '@gatehouse/service-kit';
import pg from 'pg';
import { loadGatewayConfig } from './config.js';
import { createGatewayServer } from './server/createGatewayServer.js';

async function main(): Promise<void> {
  const config = loadGatewayConfig();
  const logger = createLogger({ service: 'gateway', level: config.LOG_LEVEL });
  const pool = new pg.Pool({ connectionString: config.DATABASE_URL, max: 10 });
  pool.on('error', (error) => logger.error({ err: error }, 'idle database connection failed'));
  const app = await createGatewayServer({
    logger,
    pool,
    introspection: config.GRAPHQL_INTROSPECTION || config.NODE_ENV !== 'production',
  });
  installShutdown(
    [
      { name: 'database pool', close: () => pool.end() },
      { name: 'http server', close: () => app.close() },
    ],
    { logger },
  );
  const address = await app.listen({ host: config.GATEWAY_HOST, port: config.GATEWAY_PORT });
  logger.info({ address }, 'gateway listening');
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
  } else {
    process.stderr.write(
      `gateway: failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
  }
  process.exit(1);
});
