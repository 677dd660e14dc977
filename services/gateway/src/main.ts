// The gateway process: configuration, logging, the gateway core, HTTP server, graceful shutdown.
import 'reflect-metadata';
import { ConfigError, createLogger, installShutdown } from '@gatehouse/service-kit';
import pg from 'pg';
import { resolveRootEmail, resolveSecretsKey } from './composition/secretsKey.js';
import { startGateway } from './composition/startGateway.js';
import { loadGatewayConfig } from './config.js';
import { createGatewayServer } from './server/createGatewayServer.js';

async function main(): Promise<void> {
  const config = loadGatewayConfig();
  const secrets = resolveSecretsKey(config.GATEHOUSE_SECRETS_KEY, config.NODE_ENV);
  const rootEmail = resolveRootEmail(config.GATEHOUSE_ROOT_EMAIL, config.NODE_ENV);
  const logger = createLogger({ service: 'gateway', level: config.LOG_LEVEL });
  if (secrets.development) {
    logger.warn(
      'GATEHOUSE_SECRETS_KEY is not set: using the public development key (never in production)',
    );
  }
  const pool = new pg.Pool({ connectionString: config.DATABASE_URL, max: 20 });
  pool.on('error', (error) => logger.error({ err: error }, 'idle database connection failed'));
  const gateway = await startGateway({
    pool,
    logger,
    secretsKey: secrets.key,
    bootstrap: {
      rootEmail,
      rootPassword: config.GATEHOUSE_ROOT_PASSWORD,
      accountId: config.GATEHOUSE_ACCOUNT_ID,
    },
    adminPrincipals: config.GATEHOUSE_ADMIN_PRINCIPALS,
    decisionRetentionDays: config.GATEHOUSE_DECISION_RETENTION_DAYS,
    signInLimits: {
      perIp: { burst: config.GATEWAY_SIGN_IN_PER_IP, perMinute: config.GATEWAY_SIGN_IN_PER_IP },
      perUser: {
        burst: config.GATEWAY_SIGN_IN_PER_USER,
        perMinute: config.GATEWAY_SIGN_IN_PER_USER,
      },
      maxKeys: 100_000,
    },
  });
  if (gateway.generatedRootPassword !== undefined) {
    // Shown once, on the terminal only: never in the JSON log, never stored in clear.
    process.stderr.write(
      `\ngateway: the root user (${rootEmail}) was created with this generated password, shown once:\n\n    ${gateway.generatedRootPassword}\n\nSign in, enable MFA, and keep it offline.\n\n`,
    );
  }
  const app = await createGatewayServer({
    logger,
    gateway,
    introspection: config.GRAPHQL_INTROSPECTION || config.NODE_ENV !== 'production',
    bodyLimitBytes: config.GATEWAY_BODY_LIMIT_BYTES,
    trustProxy: config.GATEWAY_TRUST_PROXY,
  });
  installShutdown(
    [
      { name: 'database pool', close: () => pool.end() },
      // Stops new requests, finishes in-flight ones, then the gateway core (log tail, decision log).
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
