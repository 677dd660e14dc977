import { describe, expect, it } from '@jest/globals';
import { z } from 'zod';
import { ConfigError, env, loadConfig } from './loadConfig.js';

const shape = {
  DATABASE_URL: env.postgresUrl(),
  PORT: env.port(4000),
  KAFKA_BROKERS: env.hostList(),
  INTROSPECTION: env.flag(false),
  ROOT_PASSWORD: z.string().min(12),
};

describe('loadConfig', () => {
  it('coerces and defaults values', () => {
    const config = loadConfig('svc', shape, {
      DATABASE_URL: 'postgresql://u@h:5432/db',
      KAFKA_BROKERS: 'a:9092, b:9093',
      INTROSPECTION: '1',
      ROOT_PASSWORD: 'correct horse battery',
    });

    expect(config).toEqual({
      DATABASE_URL: 'postgresql://u@h:5432/db',
      PORT: 4000,
      KAFKA_BROKERS: ['a:9092', 'b:9093'],
      INTROSPECTION: true,
      ROOT_PASSWORD: 'correct horse battery',
    });
  });

  it('names every bad or missing variable and never echoes a value', () => {
    const attempt = () =>
      loadConfig('svc', shape, {
        PORT: '70000',
        KAFKA_BROKERS: 'nohost',
        ROOT_PASSWORD: 'hunter2',
      });

    expect(attempt).toThrow(ConfigError);
    try {
      attempt();
    } catch (error) {
      const problems = (error as ConfigError).problems.map((problem) => problem.variable).sort();
      expect(problems).toEqual(['DATABASE_URL', 'KAFKA_BROKERS', 'PORT', 'ROOT_PASSWORD']);
      expect((error as Error).message).toContain('DATABASE_URL: is required');
      expect((error as Error).message).not.toContain('hunter2');
    }
  });

  it('treats an empty variable as unset', () => {
    const config = loadConfig('svc', { PORT: env.port(4000) }, { PORT: '' });

    expect(config.PORT).toBe(4000);
  });

  it('reads ARN pattern lists and refuses what is not an ARN', () => {
    const shape = { ADMINS: env.arnPatternList() };
    expect(loadConfig('svc', shape, {}).ADMINS).toEqual([]);
    expect(
      loadConfig('svc', shape, {
        ADMINS: 'arn:gatehouse:iam::123456789012:user/ops-*, arn:gatehouse:iam::*:role/admin',
      }).ADMINS,
    ).toEqual(['arn:gatehouse:iam::123456789012:user/ops-*', 'arn:gatehouse:iam::*:role/admin']);
    expect(() => loadConfig('svc', shape, { ADMINS: 'alice' })).toThrow(/ADMINS: must be/);
  });

  it('refuses a renamed variable while it is set, naming the new one', () => {
    const shape = { OLD_NAME: env.renamed('NEW_NAME') };
    expect(() => loadConfig('svc', shape, {})).not.toThrow();
    expect(() => loadConfig('svc', shape, { OLD_NAME: 'x' })).toThrow(
      /OLD_NAME: was renamed: set NEW_NAME instead/,
    );
  });
});
