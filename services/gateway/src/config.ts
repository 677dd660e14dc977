import { env, loadConfig } from '@gatehouse/service-kit';

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
    },
    variables,
  );
}
