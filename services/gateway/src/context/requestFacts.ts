/** What the gateway knows about an HTTP request before it authenticates it. */
export interface RequestFacts {
  /** A fresh UUID, or the caller's `X-Request-Id` when well-formed; the correlation id of events. */
  readonly requestId: string;
  /** The client address (Fastify's `request.ip`: the proxy's client when `GATEWAY_TRUST_PROXY` is set). */
  readonly sourceIp: string;
  /** HTTPS (directly, or `X-Forwarded-Proto: https` from a trusted proxy): `aws:SecureTransport`. */
  readonly secureTransport: boolean;
  readonly userAgent: string | undefined;
  readonly receivedAt: Date;
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{8,128}$/;

/** The caller's request id when it is safe to reuse (bounded, no control characters). */
export function acceptableRequestId(value: string | string[] | undefined): string | undefined {
  return typeof value === 'string' && REQUEST_ID.test(value) ? value : undefined;
}

/** A user agent bounded to 512 printable characters (it is recorded in event metadata). */
export function boundedUserAgent(value: string | string[] | undefined): string | undefined {
  if (typeof value !== 'string' || value === '') return undefined;
  // eslint-disable-next-line no-control-regex -- stripping control characters is the point
  return value.replace(/[\u0000-\u001f\u007f]/g, '').slice(0, 512);
}
