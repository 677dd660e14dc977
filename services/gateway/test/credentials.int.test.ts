// Credentials over HTTP: wrong password, reused TOTP code, signed access-key
// requests (valid, tampered, replayed, skewed, inactive key), temporary
// credentials, expired and revoked sessions.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mfaCode } from '@gatehouse/iam/testing';
import { signRequest } from '../src/auth/requestSigning.js';
import {
  SIGN_IN,
  createUserWithPassword,
  errorCode,
  ok,
  rootToken,
  twoCodes,
  userToken,
} from './support/operations.js';
import { startTestGateway, type GqlResponse, type TestGateway } from './support/testGateway.js';

let gw: TestGateway;
let root = '';
const PASSWORD = 'Alice-Password-1!';
const WHO_AM_I = JSON.stringify({ query: '{ getCallerIdentity { arn principalType } }' });

beforeAll(async () => {
  gw = await startTestGateway();
  root = await rootToken(gw);
  await createUserWithPassword(gw, root, 'alice', PASSWORD);
});

afterAll(async () => {
  await gw.close();
});

function reasonOf(response: GqlResponse<unknown>): unknown {
  return response.errors?.[0]?.extensions?.details?.reason;
}

/** POSTs `body` signed with the key (and session token) at the gateway's current time. */
function signedPost(
  body: string,
  key: { accessKeyId: string; secretAccessKey: string; sessionToken?: string },
  time = gw.clock.now(),
): Promise<GqlResponse> {
  const headers = signRequest({
    ...key,
    method: 'POST',
    path: '/graphql',
    host: new URL(gw.url).host,
    body,
    time,
  });
  return gw.post(body, headers);
}

describe('passwords and MFA', () => {
  it('refuses a wrong password with 401 UNAUTHENTICATED, appending nothing', async () => {
    const before = await gw.eventCount();
    const response = await gw.gql(SIGN_IN, { userName: 'alice', password: 'Wrong-Password-1!' });
    expect(errorCode(response)).toBe('UNAUTHENTICATED');
    expect(reasonOf(response)).toBe('INVALID_CREDENTIALS');
    expect(await gw.eventCount()).toBe(before);
  });

  it('refuses an unknown user the same way', async () => {
    const response = await gw.gql(SIGN_IN, { userName: 'nobody-here', password: PASSWORD });
    expect(errorCode(response)).toBe('UNAUTHENTICATED');
    expect(reasonOf(response)).toBe('INVALID_CREDENTIALS');
  });

  it('refuses a TOTP code that was already used', async () => {
    const device = ok(
      await gw.gql<{ createVirtualMfaDevice: { serialNumber: string; base32StringSeed: string } }>(
        `mutation { createVirtualMfaDevice(virtualMfaDeviceName: "alice-phone") { serialNumber base32StringSeed } }`,
        {},
        { token: root },
      ),
    ).createVirtualMfaDevice;
    const [c1, c2] = twoCodes(gw, device.base32StringSeed);
    ok(
      await gw.gql(
        `mutation($s: String!, $a: String!, $b: String!) { enableMfaDevice(userName: "alice", serialNumber: $s, authenticationCode1: $a, authenticationCode2: $b) { checkpoint } }`,
        { s: device.serialNumber, a: c1, b: c2 },
        { token: root },
      ),
    );
    gw.clock.advanceSeconds(60);
    const code = mfaCode(device.base32StringSeed, gw.clock.now());
    ok(await gw.gql(SIGN_IN, { userName: 'alice', password: PASSWORD, code }));
    const reused = await gw.gql(SIGN_IN, { userName: 'alice', password: PASSWORD, code });
    expect(errorCode(reused)).toBe('UNAUTHENTICATED');
    expect(reasonOf(reused)).toBe('INVALID_AUTHENTICATION_CODE');
    // A code is also needed now.
    expect(reasonOf(await gw.gql(SIGN_IN, { userName: 'alice', password: PASSWORD }))).toBe(
      'MFA_REQUIRED',
    );
    // Keep using alice below without MFA.
    gw.clock.advanceSeconds(30);
    ok(
      await gw.gql(
        `mutation($s: String!) { deactivateMfaDevice(userName: "alice", serialNumber: $s) { checkpoint } }`,
        { s: device.serialNumber },
        { token: root },
      ),
    );
  });
});

describe('signed access-key requests', () => {
  let key = { accessKeyId: '', secretAccessKey: '' };

  beforeAll(async () => {
    key = ok(
      await gw.gql<{ createAccessKey: { accessKeyId: string; secretAccessKey: string } }>(
        `mutation { createAccessKey(userName: "alice") { accessKeyId secretAccessKey } }`,
        {},
        { token: root },
      ),
    ).createAccessKey;
  });

  it('authenticates a request signed with the secret, which never travels', async () => {
    const response = await signedPost(WHO_AM_I, key);
    expect(response.errors).toBeUndefined();
    expect(response.data).toEqual({
      getCallerIdentity: { arn: expect.stringContaining(':user/alice'), principalType: 'User' },
    });
  });

  it('refuses a replay, a tampered body, a wrong secret, and a skewed clock', async () => {
    const body = JSON.stringify({ query: '{ getCallerIdentity { arn } }', variables: { n: 1 } });
    const headers = signRequest({
      ...key,
      method: 'POST',
      path: '/graphql',
      host: new URL(gw.url).host,
      body,
      time: gw.clock.now(),
    });
    ok(await gw.post(body, headers));
    const replay = await gw.post(body, headers);
    expect({ status: replay.status, reason: reasonOf(replay) }).toEqual({
      status: 401,
      reason: 'REPLAYED_REQUEST',
    });
    const tampered = await gw.post(body.replace('"n":1', '"n":2'), headers);
    expect(reasonOf(tampered)).toBe('INVALID_CREDENTIALS');
    const wrong = await signedPost(WHO_AM_I, {
      ...key,
      secretAccessKey: `${key.secretAccessKey.slice(0, -1)}A`,
    });
    expect(reasonOf(wrong)).toBe('INVALID_CREDENTIALS');
    const skewed = await signedPost(WHO_AM_I, key, new Date(gw.clock.now().getTime() - 6 * 60_000));
    expect(reasonOf(skewed)).toBe('REQUEST_TIME_SKEWED');
  });

  it('refuses an inactive key', async () => {
    ok(
      await gw.gql(
        `mutation($k: String!) { updateAccessKey(userName: "alice", accessKeyId: $k, status: "Inactive") { checkpoint } }`,
        { k: key.accessKeyId },
        { token: root },
      ),
    );
    const response = await signedPost(WHO_AM_I, key);
    expect(errorCode(response)).toBe('UNAUTHENTICATED');
    expect(response.errors?.[0]?.message).toMatch(/inactive/);
  });

  it('authenticates temporary credentials with their session token', async () => {
    // GetSessionToken is called with long-term credentials (as in STS).
    const longTerm = ok(
      await gw.gql<{ createAccessKey: { accessKeyId: string; secretAccessKey: string } }>(
        `mutation { createAccessKey(userName: "alice") { accessKeyId secretAccessKey } }`,
        {},
        { token: root },
      ),
    ).createAccessKey;
    const issued = await signedPost(
      JSON.stringify({
        query:
          'mutation { getSessionToken(durationSeconds: 900) { credentials { accessKeyId secretAccessKey sessionToken } } }',
      }),
      longTerm,
    );
    const temporary = ok(
      issued as GqlResponse<{
        getSessionToken: {
          credentials: { accessKeyId: string; secretAccessKey: string; sessionToken: string };
        };
      }>,
    ).getSessionToken.credentials;
    expect(temporary.accessKeyId).toMatch(/^ASIA/);
    const response = await signedPost(WHO_AM_I, temporary);
    expect(response.errors).toBeUndefined();
    const withoutToken = await signedPost(WHO_AM_I, {
      accessKeyId: temporary.accessKeyId,
      secretAccessKey: temporary.secretAccessKey,
    });
    expect(reasonOf(withoutToken)).toBe('INVALID_CREDENTIALS');
  });
});

describe('sessions', () => {
  it('refuses an expired session (the clock moves, nobody sleeps)', async () => {
    const token = await userToken(gw, 'alice', PASSWORD);
    ok(await gw.gql(`{ getCallerIdentity { arn } }`, {}, { token }));
    gw.clock.advanceSeconds(12 * 3600 + 1);
    const response = await gw.gql(`{ getCallerIdentity { arn } }`, {}, { token });
    expect({
      status: response.status,
      code: errorCode(response),
      reason: reasonOf(response),
    }).toEqual({
      status: 401,
      code: 'UNAUTHENTICATED',
      reason: 'EXPIRED_TOKEN',
    });
    root = ok(
      await gw.gql<{ signIn: { sessionToken: string } }>(SIGN_IN, {
        rootEmail: 'root@example.com',
        password: 'Root-Password-1!',
      }),
    ).signIn.sessionToken;
  });

  it('refuses a revoked session', async () => {
    const signedIn = ok(
      await gw.gql<{ signIn: { sessionToken: string; sessionId: string } }>(SIGN_IN, {
        userName: 'alice',
        password: PASSWORD,
      }),
    ).signIn;
    ok(
      await gw.gql(
        `mutation($s: String!) { revokeSession(sessionId: $s) { checkpoint } }`,
        { s: signedIn.sessionId },
        { token: root },
      ),
    );
    const response = await gw.gql(
      `{ getCallerIdentity { arn } }`,
      {},
      { token: signedIn.sessionToken },
    );
    expect(reasonOf(response)).toBe('EXPIRED_TOKEN');
    expect(response.errors?.[0]?.message).toMatch(/revoked/);
  });

  it('ends a session on signOut', async () => {
    const token = await userToken(gw, 'alice', PASSWORD);
    ok(await gw.gql(`mutation { signOut { checkpoint } }`, {}, { token }));
    expect(errorCode(await gw.gql(`{ getCallerIdentity { arn } }`, {}, { token }))).toBe(
      'UNAUTHENTICATED',
    );
  });

  it('refuses malformed and forged credentials with 401', async () => {
    const forged = await gw.gql(
      `{ getCallerIdentity { arn } }`,
      {},
      { token: `ghs1.ASES${'A'.repeat(22)}.${'x'.repeat(43)}` },
    );
    expect({ status: forged.status, code: errorCode(forged) }).toEqual({
      status: 401,
      code: 'UNAUTHENTICATED',
    });
    const malformed = await gw.gql(
      `{ serviceInfo { name } }`,
      {},
      { headers: { authorization: 'Basic YTpi' } },
    );
    expect({ status: malformed.status, reason: reasonOf(malformed) }).toEqual({
      status: 401,
      reason: 'MALFORMED_AUTHORIZATION',
    });
  });
});
