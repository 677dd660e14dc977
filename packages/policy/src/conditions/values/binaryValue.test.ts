import { describe, expect, it } from '@jest/globals';
import { decodeBase64 } from './binaryValue.js';

describe('decodeBase64', () => {
  it('decodes to byte values', () => {
    expect(decodeBase64('QmluYXJ5')).toBe('Binary');
    expect(decodeBase64('/w==')).toBe('\u00ff');
  });

  it('accepts missing padding', () => {
    expect(decodeBase64('QQ')).toBe(decodeBase64('QQ=='));
  });

  it.each(['Q', 'Q!==', 'QR==', 'a b=', 'QQ=A'])('rejects %j', (text) => {
    expect(decodeBase64(text)).toBeUndefined();
  });

  it('agrees with Buffer on any bytes', () => {
    for (let length = 0; length < 20; length++) {
      const bytes = Buffer.from(Array.from({ length }, (_, i) => (i * 37 + length) % 256));
      expect(decodeBase64(bytes.toString('base64'))).toBe(bytes.toString('latin1'));
    }
  });
});
