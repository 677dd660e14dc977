import { createHash } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import {
  formatSigningDate,
  parseSigningDate,
  signatureMatches,
  signingKeyFromSecret,
  signRequest,
  stringToSign,
  type SignedRequestParts,
} from './requestSigning.js';

const PARTS: SignedRequestParts = {
  date: '20261128T120000Z',
  method: 'post',
  path: '/graphql',
  host: 'Gatehouse.Example:4000',
  securityToken: '',
  body: '{"query":"{ getUser { arn } }"}',
};

describe('request signing', () => {
  it('signs a canonical text: algorithm, date, method, path, host, token, body hash', () => {
    expect(stringToSign(PARTS).split('\n')).toEqual([
      'GATEHOUSE-HMAC-SHA256',
      '20261128T120000Z',
      'POST',
      '/graphql',
      'gatehouse.example:4000',
      '',
      createHash('sha256').update(PARTS.body).digest('hex'),
    ]);
  });

  it('verifies what the client helper signs, and nothing else', () => {
    const secret = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
    const headers = signRequest({
      accessKeyId: 'AKIAABCDEFGHIJKLMNOP',
      secretAccessKey: secret,
      method: 'POST',
      path: '/graphql',
      host: 'gatehouse.example:4000',
      body: PARTS.body,
      time: new Date('2026-11-28T12:00:00Z'),
    });
    expect(headers['x-gatehouse-date']).toBe('20261128T120000Z');
    const signature = /Signature=([0-9a-f]{64})$/.exec(headers.authorization ?? '')?.[1] ?? '';
    const key = signingKeyFromSecret(secret);
    expect(signatureMatches(key, PARTS, signature)).toBe(true);
    expect(signatureMatches(key, { ...PARTS, body: `${String(PARTS.body)} ` }, signature)).toBe(
      false,
    );
    expect(signatureMatches(key, { ...PARTS, path: '/graphql?x' }, signature)).toBe(false);
    expect(signatureMatches(signingKeyFromSecret(`${secret}x`), PARTS, signature)).toBe(false);
    expect(signatureMatches(key, PARTS, 'not-hex')).toBe(false);
  });

  it('round-trips signing dates and refuses malformed ones', () => {
    const time = new Date('2026-02-03T04:05:06.789Z');
    expect(formatSigningDate(time)).toBe('20260203T040506Z');
    expect(parseSigningDate('20260203T040506Z')?.toISOString()).toBe('2026-02-03T04:05:06.000Z');
    expect(parseSigningDate('2026-02-03T04:05:06Z')).toBeUndefined();
    expect(parseSigningDate('20261340T250000Z')).toBeUndefined();
  });
});
