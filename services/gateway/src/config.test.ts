import { describe, expect, it } from '@jest/globals';
import { ConfigError } from '@gatehouse/service-kit';
import { loadGatewayConfig } from './config.js';

describe('loadGatewayConfig', () => {
  it('listens on 127.0.0.1:4000 with introspection off by default', () => {
    const config = loadGatewayConfig({ DATABASE_URL: 'postgresql://postgres@127.0.0.1/gatehouse' });

    expect(config).toMatchObject({
      GATEWAY_HOST: '127.0.0.1',
      GATEWAY_PORT: 4000,
      GRAPHQL_INTROSPECTION: false,
    });
  });

  it('stops on a missing DATABASE_URL, naming it', () => {
    expect(() => loadGatewayConfig({})).toThrow(ConfigError);
    expect(() => loadGatewayConfig({})).toThrow(/DATABASE_URL: is required/);
  });

  it('reads the admin principals shared with the approvals service', () => {
    const database = { DATABASE_URL: 'postgresql://postgres@127.0.0.1/gatehouse' };
    expect(
      loadGatewayConfig({
        ...database,
        GATEHOUSE_ADMIN_PRINCIPALS: 'arn:gatehouse:iam::123456789012:user/ops',
      }).GATEHOUSE_ADMIN_PRINCIPALS,
    ).toEqual(['arn:gatehouse:iam::123456789012:user/ops']);
    expect(() =>
      loadGatewayConfig({
        ...database,
        GATEWAY_ADMIN_PRINCIPALS: 'arn:gatehouse:iam::123456789012:user/ops',
      }),
    ).toThrow(/GATEWAY_ADMIN_PRINCIPALS: was renamed: set GATEHOUSE_ADMIN_PRINCIPALS/);
  });
});
