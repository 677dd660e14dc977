import { describe, expect, it } from '@jest/globals';
import { signatureHeader, verifyWebhook, webhookSignature } from './webhookSignature.js';

const secret = 'a-webhook-secret-of-at-least-32-characters';
const body = '{"type":"ChangeRequestApproved"}';
const now = new Date('2026-11-28T09:00:00.000Z');
const ts = Math.floor(now.getTime() / 1000);

describe('webhook signatures', () => {
  it('is HMAC-SHA256 over `<timestamp>.<body>`', () => {
    // Fixed vector: any receiver can reproduce it.
    expect(webhookSignature('k', 1, 'b')).toBe(
      '2946e37a45bb02a0bf1bf1a7d9219543801fedd301f9f485aebd72c928639bea',
    );
    expect(webhookSignature(secret, ts, body)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('verifies, refuses tampering, stale timestamps and wrong secrets; accepts any rotated secret', () => {
    const header = signatureHeader([secret], ts, body);
    const verify = (overrides: Partial<Parameters<typeof verifyWebhook>[0]>) =>
      verifyWebhook({
        secret,
        body,
        timestampHeader: String(ts),
        signatureHeader: header,
        now,
        ...overrides,
      });
    expect(verify({})).toBe('valid');
    expect(verify({ body: `${body} ` })).toBe('mismatch');
    expect(verify({ timestampHeader: String(ts + 1) })).toBe('mismatch');
    expect(verify({ now: new Date(now.getTime() + 301_000) })).toBe('stale');
    expect(verify({ secret: 'another-secret-of-at-least-32-characters!' })).toBe('mismatch');
    expect(verify({ signatureHeader: 'sha1=abc' })).toBe('malformed');
    expect(verify({ timestampHeader: undefined })).toBe('malformed');
    const rotated = signatureHeader(['old-secret-of-at-least-32-characters!!!!', secret], ts, body);
    expect(verify({ signatureHeader: rotated })).toBe('valid');
  });
});
