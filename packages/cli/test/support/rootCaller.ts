// GraphQL calls as the root user of a gateway under test, for setting up what a CLI test needs.
import type { GatewayUnderTest } from '@gatehouse/gateway/testing';

/** A caller as root that signs in once (the gateway limits sign-ins per user). */
export interface RootCaller {
  <T>(query: string, variables?: Record<string, unknown>): Promise<T>;
  /** The root session token (for `GATEHOUSE_SESSION_TOKEN`). */
  session(): Promise<string>;
}

/** Root's caller on `gateway`: each call's errors are thrown with the query. */
export function rootCaller(gateway: () => GatewayUnderTest): RootCaller {
  let token: Promise<string> | undefined;
  const session = () => (token ??= gateway().rootToken());
  const call = async <T>(query: string, variables: Record<string, unknown> = {}): Promise<T> => {
    const response = await gateway().call<T>(query, variables, await session());
    if (response.body.errors !== undefined || response.body.data === undefined) {
      throw new Error(`${query}: ${JSON.stringify(response.body.errors)}`);
    }
    return response.body.data;
  };
  return Object.assign(call, { session });
}
