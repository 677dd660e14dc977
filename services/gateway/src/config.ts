import { env, loadConfig } from '@gatehouse/service-kit';
import { z } from 'zod';

const positiveInt = (fallback: number, max: number) =>
  z.coerce.number().int().min(1).max(max).default(fallback);

/** The gateway's configuration, from environment variables (README, "Configuration"). */
export type GatewayConfig = ReturnType<typeof loadGatewayConfig>;

/** Reads and validates the gateway's environment; throws ConfigError naming each bad variable. */
export function loadGatewayConfig(
  variables: Readonly<Record<string, string | undefined>> = process.env,
) {
  return loadConfig(
    'gateway',
    {
      DATABASE_URL: env.postgresUrl(),
      GATEWAY_HOST: env.host('127.0.0.1'),
      GATEWAY_PORT: env.port(4000),
      KAFKA_BROKERS: env.hostList(),
      LOG_LEVEL: env.logLevel(),
      NODE_ENV: env.nodeEnv(),
      /** Off in production unless asked for: the schema is not a secret, but it is a map. */
      GRAPHQL_INTROSPECTION: env.flag(false),
      /** 32 bytes, base64: encrypts TOTP seeds at rest. Required in production. */
      GATEHOUSE_SECRETS_KEY: z
        .string()
        .regex(/^[A-Za-z0-9+/]{43}=$/, 'must be 32 bytes in base64 (44 characters)')
        .optional(),
      /** The root user's email, used at the first start (bootstrap). Required in production. */
      GATEHOUSE_ROOT_EMAIL: z.string().max(254).optional(),
      /** The root password at the first start; generated and shown once when absent. */
      GATEHOUSE_ROOT_PASSWORD: z.string().max(128).optional(),
      /** The account id at the first start (12 digits); random when absent. */
      GATEHOUSE_ACCOUNT_ID: z
        .string()
        .regex(/^\d{12}$/, 'must be 12 digits')
        .optional(),
      /** Days the decision log (`authorization_decisions`) keeps a decision; older ones are purged hourly. */
      GATEHOUSE_DECISION_RETENTION_DAYS: positiveInt(90, 3650),
      /** Trust `X-Forwarded-For`/`-Proto` from a reverse proxy (source IP, secure transport). */
      GATEWAY_TRUST_PROXY: env.flag(false),
      /** Largest request body in bytes (default 128 KiB). */
      GATEWAY_BODY_LIMIT_BYTES: positiveInt(128 * 1024, 16 * 1024 * 1024),
      /** Sign-in attempts per source IP per minute (also the burst). */
      GATEWAY_SIGN_IN_PER_IP: positiveInt(10, 100_000),
      /** Sign-in attempts per user name per minute (also the burst). */
      GATEWAY_SIGN_IN_PER_USER: positiveInt(5, 100_000),
      /**
       * Principals (ARN patterns, comma-separated) that may hold admin-equivalent
       * access; granting it to anyone else is blocked by the least-privilege gate.
       * Shared with the approvals service (its apply-time re-analysis).
       */
      GATEHOUSE_ADMIN_PRINCIPALS: env.arnPatternList(),
      GATEWAY_ADMIN_PRINCIPALS: env.renamed('GATEHOUSE_ADMIN_PRINCIPALS'),
    },
    variables,
  );
}
