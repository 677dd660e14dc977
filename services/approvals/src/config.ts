import { env, loadConfig } from '@gatehouse/service-kit';
import { z } from 'zod';

const list = () =>
  z
    .string()
    .optional()
    .transform((value) =>
      (value ?? '')
        .split(',')
        .map((part) => part.trim())
        .filter(Boolean),
    );

/** The approvals service's configuration, from environment variables. */
export type ApprovalsConfig = ReturnType<typeof loadApprovalsConfig>;

/** Reads and validates the approvals service's environment; throws ConfigError naming each bad variable. */
export function loadApprovalsConfig(
  variables: Readonly<Record<string, string | undefined>> = process.env,
) {
  return loadConfig(
    'approvals',
    {
      DATABASE_URL: env.postgresUrl(),
      APPROVALS_HOST: env.host('127.0.0.1'),
      APPROVALS_PORT: env.port(4100),
      /** When set, the service consumes the event log from Kafka instead of PostgreSQL. */
      KAFKA_BROKERS: env.hostList(),
      /** In Kafka mode, also run the log -> Kafka relay (one active instance across processes by its lock). */
      APPROVALS_KAFKA_RELAY: env.flag(true),
      /** The relay's topic (default `gatehouse.events.v1`). */
      APPROVALS_KAFKA_TOPIC: z
        .string()
        .regex(/^[A-Za-z0-9._-]{1,249}$/, 'must be a Kafka topic name')
        .default('gatehouse.events.v1'),
      /** The intake's Kafka consumer group: distinct per deployment sharing one Kafka cluster. */
      APPROVALS_KAFKA_GROUP_ID: z
        .string()
        .regex(/^[A-Za-z0-9._-]{1,249}$/, 'must be a Kafka group id')
        .default('gatehouse-approvals'),
      /**
       * The intake's consumer-group session timeout, ms: how long a crashed instance
       * holds its partitions before the group moves on (kafkajs default 30 s).
       */
      APPROVALS_KAFKA_SESSION_TIMEOUT_MS: z.coerce
        .number()
        .int()
        .min(6_000)
        .max(300_000)
        .optional(),
      /** 32 bytes, base64 (the gateway's key). Required in production. */
      GATEHOUSE_SECRETS_KEY: z
        .string()
        .regex(/^[A-Za-z0-9+/]{43}=$/, 'must be 32 bytes in base64 (44 characters)')
        .optional(),
      /** A rules file (YAML or JSON) published as the next version at start when it changed. */
      APPROVALS_RULES_FILE: z.string().min(1).max(4096).optional(),
      /** Webhook endpoints (comma-separated https:// or http:// URLs) told of every state change. */
      APPROVALS_WEBHOOK_URLS: list().refine(
        (urls) => urls.every((url) => /^https?:\/\/[^\s]+$/.test(url) && url.length <= 2048),
        'must be comma-separated http(s) URLs',
      ),
      /** HMAC secrets signing webhooks (comma-separated; several during a rotation; each 32+ characters). */
      APPROVALS_WEBHOOK_SECRETS: list().refine(
        (secrets) => secrets.every((secret) => secret.length >= 32 && secret.length <= 512),
        'each secret must be 32-512 characters',
      ),
      /** Principals (ARN patterns, comma-separated) that may hold admin-equivalent access (shared with the gateway). */
      GATEHOUSE_ADMIN_PRINCIPALS: env.arnPatternList(),
      APPROVALS_ADMIN_PRINCIPALS: env.renamed('GATEHOUSE_ADMIN_PRINCIPALS'),
      /** Run the event store's digest sealer here (one active instance across processes). */
      APPROVALS_SEALER: env.flag(true),
      /** How long a digest gathers events, ms (also the sealer's polling fallback). */
      APPROVALS_SEALER_INTERVAL_MS: z.coerce.number().int().min(100).max(3_600_000).default(1000),
      /** Polling fallback of the clocks, ms. */
      APPROVALS_POLL_INTERVAL_MS: z.coerce.number().int().min(10).max(60_000).default(1000),
      LOG_LEVEL: env.logLevel(),
      NODE_ENV: env.nodeEnv(),
    },
    variables,
  );
}
