import { describe, expect, it } from '@jest/globals';
import { parseAuthorizationHeader } from './authorizationHeader.js';

const SIGNATURE = 'a'.repeat(64);

describe('parseAuthorizationHeader', () => {
  it('reads nothing as anonymous', () => {
    expect(parseAuthorizationHeader(undefined)).toEqual({ kind: 'none' });
    expect(parseAuthorizationHeader('')).toEqual({ kind: 'none' });
  });

  it('reads a bearer token, scheme case-insensitive', () => {
    expect(parseAuthorizationHeader('Bearer ghs1.abc')).toEqual({
      kind: 'bearer',
      token: 'ghs1.abc',
    });
    expect(parseAuthorizationHeader('bearer ghs1.abc')).toEqual({
      kind: 'bearer',
      token: 'ghs1.abc',
    });
  });

  it('reads a signed access key', () => {
    expect(
      parseAuthorizationHeader(
        `GATEHOUSE-HMAC-SHA256 Credential=AKIAABCDEFGHIJKLMNOP, Signature=${SIGNATURE}`,
      ),
    ).toEqual({ kind: 'signed', accessKeyId: 'AKIAABCDEFGHIJKLMNOP', signature: SIGNATURE });
  });

  it.each([
    ['an empty bearer', 'Bearer '],
    ['a scheme without value', 'Bearer'],
    ['basic auth', 'Basic dXNlcjpwYXNz'],
    ['a signature of the wrong shape', 'GATEHOUSE-HMAC-SHA256 Credential=AKIA, Signature=xyz'],
    ['an oversized header', `Bearer ${'x'.repeat(2000)}`],
  ])('refuses %s rather than treating it as anonymous', (_name, header) => {
    expect(parseAuthorizationHeader(header).kind).toBe('malformed');
  });
});
