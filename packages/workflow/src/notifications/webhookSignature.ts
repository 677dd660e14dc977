import { createHmac, timingSafeEqual } from 'node:crypto';

/** Headers of a signed webhook delivery. */
export const WEBHOOK_HEADERS = {
  /** The event id: the same on every retry (receivers deduplicate on it). */
  id: 'gatehouse-webhook-id',
  /** Unix seconds when this attempt was signed. */
  timestamp: 'gatehouse-webhook-timestamp',
  /** `v1=<hex>` per signing secret (several during a rotation), comma-separated. */
  signature: 'gatehouse-webhook-signature',
} as const;

/** HMAC-SHA256 over `<timestamp>.<body>` with the secret, hex. */
export function webhookSignature(secret: string | Buffer, timestamp: number, body: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${body}`, 'utf8').digest('hex');
}

/** The signature header for a body signed now with each secret. */
export function signatureHeader(
  secrets: readonly (string | Buffer)[],
  timestamp: number,
  body: string,
): string {
  return secrets.map((secret) => `v1=${webhookSignature(secret, timestamp, body)}`).join(',');
}

/** Why a delivery did not verify (or `valid`). */
export type WebhookVerification = 'valid' | 'malformed' | 'stale' | 'mismatch';

/**
 * Verifies a delivery as a receiver should: the timestamp within `toleranceSeconds`
 * of `now` (replays of old deliveries fail), and one `v1` signature matching in
 * constant time.
 */
export function verifyWebhook(input: {
  readonly secret: string | Buffer;
  readonly body: string;
  readonly timestampHeader: string | undefined;
  readonly signatureHeader: string | undefined;
  readonly now: Date;
  readonly toleranceSeconds?: number;
}): WebhookVerification {
  const { timestampHeader, signatureHeader: header } = input;
  if (timestampHeader === undefined || header === undefined || !/^\d{1,12}$/.test(timestampHeader))
    return 'malformed';
  const timestamp = Number(timestampHeader);
  if (Math.abs(input.now.getTime() / 1000 - timestamp) > (input.toleranceSeconds ?? 300))
    return 'stale';
  const expected = Buffer.from(webhookSignature(input.secret, timestamp, input.body), 'hex');
  const candidates = header
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part.startsWith('v1='))
    .map((part) => part.slice(3));
  if (candidates.length === 0) return 'malformed';
  for (const candidate of candidates) {
    if (!/^[0-9a-f]{64}$/.test(candidate)) continue;
    if (timingSafeEqual(Buffer.from(candidate, 'hex'), expected)) return 'valid';
  }
  return 'mismatch';
}
