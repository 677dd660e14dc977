import { env, loadConfig } from '@gatehouse/service-kit';

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
      LOG_LEVEL: env.logLevel(),
      NODE_ENV: env.nodeEnv(),
    },
    variables,
  );
}
