// The approvals process: configuration, logging, the workflow's intake, clocks
// and apply, webhooks, health endpoints, graceful shutdown.
import { createHash } from 'node:crypto';
import { ConfigError, createLogger, installShutdown } from '@gatehouse/service-kit';
import pg from 'pg';
import { startApprovals } from './composition/startApprovals.js';
import { loadApprovalsConfig } from './config.js';
import { createApprovalsServer } from './server/createApprovalsServer.js';

function secretsKey(configured: string | undefined, nodeEnv: string): string {
  if (configured !== undefined) return configured;
  if (nodeEnv === 'production') {
    throw new ConfigError('approvals', [
      {
        variable: 'GATEHOUSE_SECRETS_KEY',
        message: 'is required in production (32 bytes, base64)',
      },
    ]);
  }
  // The gateway's public development key (the approvals service seals nothing with it).
  return createHash('sha256').update('gatehouse development secrets key (public)').digest('base64');
}

async function main(): Promise<void> {
  const config = loadApprovalsConfig();
  if (config.APPROVALS_WEBHOOK_URLS.length > 0 && config.APPROVALS_WEBHOOK_SECRETS.length === 0) {
    throw new ConfigError('approvals', [
      { variable: 'APPROVALS_WEBHOOK_SECRETS', message: 'is required with APPROVALS_WEBHOOK_URLS' },
    ]);
  }
  const logger = createLogger({ service: 'approvals', level: config.LOG_LEVEL });
  const pool = new pg.Pool({ connectionString: config.DATABASE_URL, max: 10 });
  pool.on('error', (error) => logger.error({ err: error }, 'idle database connection failed'));
  const approvals = await startApprovals({
    pool,
    logger,
    secretsKey: secretsKey(config.GATEHOUSE_SECRETS_KEY, config.NODE_ENV),
    kafkaBrokers: config.KAFKA_BROKERS,
    kafkaTopic: config.APPROVALS_KAFKA_TOPIC,
    kafkaGroupId: config.APPROVALS_KAFKA_GROUP_ID,
    ...(config.APPROVALS_KAFKA_SESSION_TIMEOUT_MS === undefined
      ? {}
      : { kafkaSessionTimeoutMs: config.APPROVALS_KAFKA_SESSION_TIMEOUT_MS }),
    kafkaRelay: config.APPROVALS_KAFKA_RELAY,
    ...(config.APPROVALS_RULES_FILE === undefined
      ? {}
      : { rulesFile: config.APPROVALS_RULES_FILE }),
    webhook: {
      endpoints: config.APPROVALS_WEBHOOK_URLS,
      secrets: config.APPROVALS_WEBHOOK_SECRETS,
    },
    adminPrincipals: config.GATEHOUSE_ADMIN_PRINCIPALS,
    pollIntervalMs: config.APPROVALS_POLL_INTERVAL_MS,
    sealer: config.APPROVALS_SEALER ? { intervalMs: config.APPROVALS_SEALER_INTERVAL_MS } : false,
  });
  const app = createApprovalsServer({ logger, pool, readiness: () => approvals.readiness() });
  installShutdown(
    // Closed in reverse order: the HTTP server, then the workflow core, then the pool.
    [
      { name: 'database pool', close: () => pool.end() },
      { name: 'approvals', close: () => approvals.close() },
      { name: 'http server', close: () => app.close() },
    ],
    { logger },
  );
  const address = await app.listen({ host: config.APPROVALS_HOST, port: config.APPROVALS_PORT });
  logger.info({ address, intake: approvals.intake.mode }, 'approvals listening');
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
