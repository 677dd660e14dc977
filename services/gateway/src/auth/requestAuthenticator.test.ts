import { describe, expect, it } from '@jest/globals';
import { IamError, type Principal } from '@gatehouse/iam';
import { ManualClock } from '@gatehouse/iam/testing';
import { isGatewayError } from '../errors/gatewayError.js';
import { ReplayGuard } from './replayGuard.js';
import {
  RequestAuthenticator,
  type CredentialVerifier,
  type IncomingRequest,
} from './requestAuthenticator.js';
import { signingKeyFromSecret, signRequest } from './requestSigning.js';

const ALICE: Principal = {
  principalType: 'User',
  principalArn: 'arn:gatehouse:iam::123456789012:user/alice',
  principalId: 'AIDAALICE',
  accountId: '123456789012',
  userName: 'alice',
  mfaAuthenticated: false,
  originalPrincipalArn: 'arn:gatehouse:iam::123456789012:user/alice',
  passwordResetRequired: false,
  warnings: [],
};
const KEY_ID = 'AKIAABCDEFGHIJKLMNOP';
const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';

const verifier: CredentialVerifier = {
  authenticateSessionToken: (token) =>
    token === 'good'
      ? Promise.resolve(ALICE)
      : Promise.reject(new IamError('INVALID_CREDENTIALS', 'bad token')),
  authenticateSignedRequest: (accessKeyId, _token, verify) =>
    accessKeyId === KEY_ID && verify(signingKeyFromSecret(SECRET))
      ? Promise.resolve({ ...ALICE, accessKeyId })
      : Promise.reject(new IamError('INVALID_CREDENTIALS', 'bad signature')),
};

function setup() {
  const clock = new ManualClock('2026-11-28T12:00:00Z');
  const authenticator = new RequestAuthenticator(verifier, clock, new ReplayGuard(clock, 600_000));
  const signed = (body: string, time = clock.now(), secret = SECRET): IncomingRequest => ({
    method: 'POST',
    url: '/graphql',
    rawBody: body,
    headers: {
      host: '127.0.0.1:4000',
      ...signRequest({
        accessKeyId: KEY_ID,
        secretAccessKey: secret,
        method: 'POST',
        path: '/graphql',
        host: '127.0.0.1:4000',
        body,
        time,
      }),
    },
  });
  return { clock, authenticator, signed };
}

async function reasonOf(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
    return undefined;
  } catch (error) {
    if (isGatewayError(error)) return String(error.details.reason);
    if (error instanceof IamError) return error.code;
    throw error;
  }
}

describe('RequestAuthenticator', () => {
  it('is anonymous without credentials and refuses malformed ones', async () => {
    const { authenticator } = setup();
    expect(
      await authenticator.authenticate({
        method: 'POST',
        url: '/graphql',
        rawBody: '',
        headers: {},
      }),
    ).toBeUndefined();
    expect(
      await reasonOf(
        authenticator.authenticate({
          method: 'POST',
          url: '/graphql',
          rawBody: '',
          headers: { authorization: 'Basic x' },
        }),
      ),
    ).toBe('MALFORMED_AUTHORIZATION');
  });

  it('authenticates a bearer token through the verifier', async () => {
    const { authenticator } = setup();
    const request = {
      method: 'POST',
      url: '/graphql',
      rawBody: '',
      headers: { authorization: 'Bearer good' },
    };
    expect(await authenticator.authenticate(request)).toEqual(ALICE);
    expect(
      await reasonOf(
        authenticator.authenticate({ ...request, headers: { authorization: 'Bearer bad' } }),
      ),
    ).toBe('INVALID_CREDENTIALS');
  });

  it('authenticates a signed request once, and refuses its replay', async () => {
    const { authenticator, signed } = setup();
    const request = signed('{"query":"{ a }"}');
    expect((await authenticator.authenticate(request))?.accessKeyId).toBe(KEY_ID);
    expect(await reasonOf(authenticator.authenticate(request))).toBe('REPLAYED_REQUEST');
  });

  it('refuses a tampered body, a wrong secret, and a skewed or missing date', async () => {
    const { authenticator, signed, clock } = setup();
    expect(
      await reasonOf(authenticator.authenticate({ ...signed('{"a":1}'), rawBody: '{"a":2}' })),
    ).toBe('INVALID_CREDENTIALS');
    expect(
      await reasonOf(authenticator.authenticate(signed('{"a":3}', clock.now(), `${SECRET}!`))),
    ).toBe('INVALID_CREDENTIALS');
    expect(
      await reasonOf(
        authenticator.authenticate(signed('{"a":4}', new Date(clock.now().getTime() - 301_000))),
      ),
    ).toBe('REQUEST_TIME_SKEWED');
    const noDate = signed('{"a":5}');
    const { ['x-gatehouse-date']: _date, ...headers } = noDate.headers;
    expect(await reasonOf(authenticator.authenticate({ ...noDate, headers }))).toBe('MISSING_DATE');
  });
});
