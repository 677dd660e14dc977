// GraphQL over HTTP as a client sends it: POST /graphql with JSON, a bearer
// session token from signIn, typed errors read from `extensions.code`.
import { mfaCode } from '@gatehouse/iam/testing';

/** A GraphQL error as the gateway returns it. */
export interface GraphqlError {
  readonly message: string;
  readonly extensions?: { readonly code?: string; readonly details?: unknown };
}

/** A response as received, with its HTTP status and the first error's code. */
export interface GraphqlResponse<T> {
  readonly status: number;
  readonly data?: T | null;
  readonly errors?: readonly GraphqlError[];
  /** `errors[0].extensions.code`, if any. */
  readonly code: string | undefined;
}

export const SIGN_IN = /* GraphQL */ `
  mutation ($u: String, $e: String, $p: String!, $c: String) {
    signIn(userName: $u, rootEmail: $e, password: $p, authenticationCode: $c) {
      sessionToken
      principal {
        arn
        mfaAuthenticated
      }
    }
  }
`;

/** Sign-in input: a user name or the root email, a password, an MFA code when enabled. */
export interface Credentials {
  readonly userName?: string;
  readonly rootEmail?: string;
  readonly password: string;
  readonly mfaCode?: string;
}

/** A client of the gateway at a base URL (stable across a gateway restart on a fixed port). */
export class GraphqlClient {
  readonly baseUrl: string;

  constructor(baseUrl: string) {
    this.baseUrl = baseUrl;
  }

  /** Sends one operation; network failures reject (the caller decides whether they are acceptable). */
  async call<T = Record<string, unknown>>(
    query: string,
    variables: Record<string, unknown> = {},
    token?: string,
    timeoutMs = 30_000,
  ): Promise<GraphqlResponse<T>> {
    const response = await fetch(`${this.baseUrl}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
      },
      body: JSON.stringify({ query, variables }),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const body = (await response.json()) as { data?: T | null; errors?: GraphqlError[] };
    return { status: response.status, ...body, code: body.errors?.[0]?.extensions?.code };
  }

  /** Sends one operation and returns its data; throws with the errors when there are any. */
  async must<T = Record<string, unknown>>(
    query: string,
    variables: Record<string, unknown> = {},
    token?: string,
  ): Promise<T> {
    const response = await this.call<T>(query, variables, token);
    if (response.errors !== undefined || response.data === undefined || response.data === null) {
      throw new Error(`${query.trim()}\nfailed: ${JSON.stringify(response.errors)}`);
    }
    return response.data;
  }

  /** Signs in and returns the session token. */
  async signIn(credentials: Credentials): Promise<string> {
    const data = await this.must<{ signIn: { sessionToken: string } }>(SIGN_IN, {
      u: credentials.userName,
      e: credentials.rootEmail,
      p: credentials.password,
      c: credentials.mfaCode,
    });
    return data.signIn.sessionToken;
  }

  /**
   * Creates and enables a virtual MFA device for the signed-in principal with the
   * codes of the previous and the current 30 s step at `enabledAt`. Sign in next
   * with the code one step after (`mfaCode(seed, enabledAt, 1)`): the two used
   * here are spent, and a code computed from a later clock reading could fall out
   * of the accepted window.
   */
  async enableVirtualMfaDevice(
    token: string,
    deviceName: string,
  ): Promise<{ readonly seed: string; readonly enabledAt: Date }> {
    const device = (
      await this.must<{
        createVirtualMfaDevice: { serialNumber: string; base32StringSeed: string };
      }>(
        `mutation($n: String!) { createVirtualMfaDevice(virtualMfaDeviceName: $n) { serialNumber base32StringSeed } }`,
        { n: deviceName },
        token,
      )
    ).createVirtualMfaDevice;
    const now = new Date();
    await this.must(
      `mutation($s: String!, $a: String!, $b: String!) { enableMfaDevice(serialNumber: $s, authenticationCode1: $a, authenticationCode2: $b) { checkpoint } }`,
      {
        s: device.serialNumber,
        a: mfaCode(device.base32StringSeed, now, -1),
        b: mfaCode(device.base32StringSeed, now),
      },
      token,
    );
    return { seed: device.base32StringSeed, enabledAt: now };
  }
}
