// The CLI signs access-key requests itself (it must not import the gateway at run time); the
// gateway's exported reference implementation must produce the same headers.
import { describe, expect, it } from '@jest/globals';
import { signRequest as gatewaySignRequest } from '@gatehouse/gateway';
import { signRequest } from '../src/index.js';

describe('signRequest', () => {
  it.each([
    { sessionToken: undefined, body: '{"query":"{ getCallerIdentity { arn } }"}' },
    { sessionToken: 'ghs1.temporary', body: '{"query":"mutation { signOut { checkpoint } }"}' },
    { sessionToken: undefined, body: '' },
  ])('gives the gateway reference’s headers (%#)', ({ sessionToken, body }) => {
    const input = {
      accessKeyId: 'AKIAEXAMPLE',
      secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
      sessionToken,
      method: 'post',
      path: '/graphql',
      host: 'IAM.Example.com:4000',
      body,
      time: new Date('2026-11-28T12:34:56.789Z'),
    };
    expect(signRequest(input)).toEqual(gatewaySignRequest(input));
    expect(signRequest(input)['x-gatehouse-date']).toBe('20261128T123456Z');
  });

  it('changes the signature with the body', () => {
    const input = {
      accessKeyId: 'AKIAEXAMPLE',
      secretAccessKey: 'secret',
      method: 'POST',
      path: '/graphql',
      host: 'gw',
      body: 'a',
      time: new Date('2026-11-28T12:00:00Z'),
    };
    expect(signRequest(input).authorization).not.toBe(
      signRequest({ ...input, body: 'b' }).authorization,
    );
  });
});
