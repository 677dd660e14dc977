import { describe, expect, it } from '@jest/globals';
import { ConfigError } from '@gatehouse/service-kit';
import { loadApprovalsConfig } from './config.js';

describe('loadApprovalsConfig', () => {
  it('defaults to PostgreSQL consumption on 127.0.0.1:4100', () => {
    const config = loadApprovalsConfig({
      DATABASE_URL: 'postgresql://postgres@127.0.0.1/gatehouse',
    });

    expect(config).toMatchObject({
      APPROVALS_HOST: '127.0.0.1',
      APPROVALS_PORT: 4100,
      KAFKA_BROKERS: [],
    });
  });

  it('reads the Kafka consumer group, defaulting to gatehouse-approvals, and refuses a bad one', () => {
    const base = { DATABASE_URL: 'postgresql://postgres@127.0.0.1/gatehouse' };
    expect(loadApprovalsConfig(base).APPROVALS_KAFKA_GROUP_ID).toBe('gatehouse-approvals');
    expect(
      loadApprovalsConfig({ ...base, APPROVALS_KAFKA_GROUP_ID: 'staging.approvals' })
        .APPROVALS_KAFKA_GROUP_ID,
    ).toBe('staging.approvals');
    expect(() => loadApprovalsConfig({ ...base, APPROVALS_KAFKA_GROUP_ID: 'a b' })).toThrow(
      /APPROVALS_KAFKA_GROUP_ID/,
    );
  });

  it('reads the intake session timeout within the broker limits (6 s to 5 min)', () => {
    const base = { DATABASE_URL: 'postgresql://postgres@127.0.0.1/gatehouse' };
    expect(loadApprovalsConfig(base).APPROVALS_KAFKA_SESSION_TIMEOUT_MS).toBeUndefined();
    expect(
      loadApprovalsConfig({ ...base, APPROVALS_KAFKA_SESSION_TIMEOUT_MS: '6000' })
        .APPROVALS_KAFKA_SESSION_TIMEOUT_MS,
    ).toBe(6000);
    expect(() =>
      loadApprovalsConfig({ ...base, APPROVALS_KAFKA_SESSION_TIMEOUT_MS: '100' }),
    ).toThrow(/APPROVALS_KAFKA_SESSION_TIMEOUT_MS/);
  });

  it('stops on a missing DATABASE_URL, naming it', () => {
    expect(() => loadApprovalsConfig({})).toThrow(ConfigError);
    expect(() => loadApprovalsConfig({})).toThrow(/DATABASE_URL: is required/);
  });

  it('runs the sealer every second and reads the shared admin principals', () => {
    const config = loadApprovalsConfig({
      DATABASE_URL: 'postgresql://postgres@127.0.0.1/gatehouse',
      GATEHOUSE_ADMIN_PRINCIPALS: 'arn:gatehouse:iam::123456789012:user/ops',
    });
    expect(config).toMatchObject({
      APPROVALS_SEALER: true,
      APPROVALS_SEALER_INTERVAL_MS: 1000,
      GATEHOUSE_ADMIN_PRINCIPALS: ['arn:gatehouse:iam::123456789012:user/ops'],
    });
    expect(() =>
      loadApprovalsConfig({
        DATABASE_URL: 'postgresql://postgres@127.0.0.1/gatehouse',
        APPROVALS_SEALER_INTERVAL_MS: '5',
      }),
    ).toThrow(/APPROVALS_SEALER_INTERVAL_MS/);
    expect(() =>
      loadApprovalsConfig({
        DATABASE_URL: 'postgresql://postgres@127.0.0.1/gatehouse',
        APPROVALS_ADMIN_PRINCIPALS: 'arn:gatehouse:iam::123456789012:user/ops',
      }),
    ).toThrow(/APPROVALS_ADMIN_PRINCIPALS: was renamed: set GATEHOUSE_ADMIN_PRINCIPALS/);
  });
});
