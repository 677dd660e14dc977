// deploy/docker-compose.yml cannot run here (no Docker engine), so its drift from
// the processes is checked statically: every variable it gives the gateway and
// the approvals service is one that service reads, and their configuration
// loaders accept the values (with the user-supplied ones filled in).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { loadApprovalsConfig } from '@gatehouse/approvals';
import { loadGatewayConfig } from '@gatehouse/gateway';
import { parse } from 'yaml';

const repoRoot = path.resolve(import.meta.dirname, '../../..');

interface ComposeFile {
  services: Record<string, { environment?: Record<string, string | number> }>;
}

// What a user exports before `docker compose up`.
const userVariables: Record<string, string> = {
  GATEHOUSE_SECRETS_KEY: Buffer.alloc(32, 7).toString('base64'),
};

/** Compose's `${NAME:?message}` and `${NAME:-default}`, from userVariables. */
function interpolate(value: string | number): string {
  return String(value).replace(
    /\$\{([A-Z_]+)(?::([?-])([^}]*))?\}/g,
    (_match, name: string, kind?: string, rest?: string) => {
      const given = userVariables[name];
      if (given !== undefined) return given;
      if (kind === '?') throw new Error(`${name} is required: ${rest}`);
      return rest ?? '';
    },
  );
}

function serviceEnv(compose: ComposeFile, service: string): Record<string, string> {
  const environment = compose.services[service]?.environment ?? {};
  return Object.fromEntries(
    Object.entries(environment).map(([name, value]) => [name, interpolate(value)]),
  );
}

const compose = parse(readFileSync(path.join(repoRoot, 'deploy/docker-compose.yml'), 'utf8'), {
  merge: true,
}) as ComposeFile;

describe('deploy/docker-compose.yml', () => {
  it.each([
    ['gateway', loadGatewayConfig],
    ['approvals', loadApprovalsConfig],
  ] as const)('gives the %s only variables it reads, with values it accepts', (service, load) => {
    const env = serviceEnv(compose, service);
    const config = load(env) as Record<string, unknown>;
    const unread = Object.keys(env).filter((name) => !(name in config));
    expect(unread).toEqual([]);
    expect(config).toMatchObject({ NODE_ENV: 'production', KAFKA_BROKERS: ['kafka:9092'] });
  });

  it('gives both services the same admin principals, database and secrets key', () => {
    const gateway = serviceEnv(compose, 'gateway');
    const approvals = serviceEnv(compose, 'approvals');
    expect(approvals.GATEHOUSE_ADMIN_PRINCIPALS).toBe(gateway.GATEHOUSE_ADMIN_PRINCIPALS);
    expect(approvals.DATABASE_URL).toBe(gateway.DATABASE_URL);
    expect(approvals.GATEHOUSE_SECRETS_KEY).toBe(gateway.GATEHOUSE_SECRETS_KEY);
  });
});
