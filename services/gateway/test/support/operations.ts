// GraphQL documents the integration tests send, and small helpers around them.
import { mfaCode } from '@gatehouse/iam/testing';
import {
  ACCOUNT_ID,
  ROOT_EMAIL,
  ROOT_PASSWORD,
  type GqlResponse,
  type TestGateway,
} from './testGateway.js';

export const SIGN_IN = /* GraphQL */ `
  mutation SignIn($userName: String, $rootEmail: String, $password: String!, $code: String) {
    signIn(
      userName: $userName
      rootEmail: $rootEmail
      password: $password
      authenticationCode: $code
    ) {
      sessionToken
      sessionId
      rootSignIn
      principal {
        arn
        principalType
        mfaAuthenticated
      }
      warnings
    }
  }
`;

export const ANALYSIS = /* GraphQL */ `
  status
  changeRequestId
  checkpoint
  analysis { verdict risk findings { code risk message principal } newAccess { principal action resource } }
`;

/** A user ARN of the test account. */
export function userArn(name: string, path = '/'): string {
  return `arn:gatehouse:iam::${ACCOUNT_ID}:user${path}${name}`;
}

/** A managed policy ARN of the test account. */
export function policyArn(name: string, path = '/'): string {
  return `arn:gatehouse:iam::${ACCOUNT_ID}:policy${path}${name}`;
}

/** A role ARN of the test account. */
export function roleArn(name: string, path = '/'): string {
  return `arn:gatehouse:iam::${ACCOUNT_ID}:role${path}${name}`;
}

/** A policy document allowing (or denying) actions on resources. */
export function policy(
  effect: 'Allow' | 'Deny',
  actions: string[],
  resources: string[] = ['*'],
): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: effect, Action: actions, Resource: resources }],
  });
}

/** The first error's code, or undefined. */
export function errorCode(response: GqlResponse<unknown>): string | undefined {
  return response.errors?.[0]?.extensions?.code;
}

/** Throws with the errors when a response has any (keeps test failures readable). */
export function ok<T>(response: GqlResponse<T>): T {
  if (response.errors !== undefined || response.data === null || response.data === undefined) {
    throw new Error(`unexpected errors: ${JSON.stringify(response.errors)}`);
  }
  return response.data;
}

interface SignInData {
  signIn: {
    sessionToken: string;
    rootSignIn: boolean;
    principal: { arn: string; mfaAuthenticated: boolean };
    warnings: string[];
  };
}

/** Signs in as root (password only) and returns the session token. */
export async function rootToken(gw: TestGateway): Promise<string> {
  const data = ok(
    await gw.gql<SignInData>(SIGN_IN, { rootEmail: ROOT_EMAIL, password: ROOT_PASSWORD }),
  );
  return data.signIn.sessionToken;
}

/** Signs in as a user and returns the session token. */
export async function userToken(
  gw: TestGateway,
  userName: string,
  password: string,
  code?: string,
): Promise<string> {
  const data = ok(
    await gw.gql<SignInData>(SIGN_IN, {
      userName,
      password,
      ...(code === undefined ? {} : { code }),
    }),
  );
  return data.signIn.sessionToken;
}

/** Creates a user with a password (as the caller of `token`) and returns nothing. */
export async function createUserWithPassword(
  gw: TestGateway,
  token: string,
  userName: string,
  password: string,
): Promise<void> {
  ok(
    await gw.gql(
      `mutation($u: String!) { createUser(userName: $u) { status } }`,
      { u: userName },
      { token },
    ),
  );
  ok(
    await gw.gql(
      `mutation($u: String!, $p: String!) { createLoginProfile(userName: $u, password: $p) { userName } }`,
      { u: userName, p: password },
      { token },
    ),
  );
}

/** Two consecutive TOTP codes now (for EnableMFADevice), then moves the clock past them. */
export function twoCodes(gw: TestGateway, seed: string): [string, string] {
  const now = gw.clock.now();
  const codes: [string, string] = [mfaCode(seed, now), mfaCode(seed, now, 1)];
  return codes;
}

/** A fresh TOTP code after moving the clock one step on (never the same step twice). */
export function nextCode(gw: TestGateway, seed: string): string {
  gw.clock.advanceSeconds(30);
  return mfaCode(seed, gw.clock.now(), 1);
}
