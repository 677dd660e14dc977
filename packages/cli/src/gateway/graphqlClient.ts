import { randomUUID } from 'node:crypto';
import { CliError } from '../cli/cliError.js';
import { CLI_VERSION } from '../version.js';
import type { Credentials } from './credentials.js';
import { signRequest } from './requestSigning.js';

/** A GraphQL error as the gateway sends it (README, "Errors"). */
export interface GatewayGraphqlError {
  readonly message: string;
  readonly path?: readonly (string | number)[];
  readonly extensions?: {
    readonly code?: string;
    readonly details?: Readonly<Record<string, unknown>>;
    readonly requestId?: string;
    readonly warnings?: readonly string[];
  };
}

/** Facts of a failed call, in `CliError.details` (never secrets). */
export interface GatewayErrorDetails {
  /** `extensions.code` (`FORBIDDEN`, `NOT_FOUND`, `CONFLICT`, ...), or `HTTP_<status>`. */
  readonly gatewayCode: string;
  /** `extensions.details.reason`, when given. */
  readonly reason?: string | undefined;
  readonly requestId?: string | undefined;
  /** `extensions.details` as sent. */
  readonly gatewayDetails?: Readonly<Record<string, unknown>> | undefined;
}

/** The gateway's code of an error thrown by {@link GatewayClient.request}, if it is one. */
export function gatewayErrorOf(error: unknown): GatewayErrorDetails | undefined {
  if (!(error instanceof CliError) || error.details === undefined) return undefined;
  const code = error.details.gatewayCode;
  return typeof code === 'string' ? (error.details as unknown as GatewayErrorDetails) : undefined;
}

/** Options of {@link GatewayClient}. */
export interface GatewayClientOptions {
  /** The gateway's base URL (`http://127.0.0.1:4000`) or its GraphQL URL. */
  readonly endpoint: string;
  readonly credentials: Credentials;
  readonly fetch?: typeof fetch | undefined;
  readonly now?: (() => Date) | undefined;
  readonly timeoutMs?: number | undefined;
}

/** The GraphQL URL of an endpoint (`/graphql` added unless present). */
export function graphqlUrl(endpoint: string): URL {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw new CliError('CONFIG', `\`${endpoint}\` is not a URL`, {
      hint: 'give the gateway as `http(s)://host:port`',
    });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new CliError('CONFIG', `\`${endpoint}\` is not an http(s) URL`);
  }
  if (!url.pathname.endsWith('/graphql')) {
    url.pathname = `${url.pathname.replace(/\/+$/, '')}/graphql`;
  }
  return url;
}

const NOT_AVAILABLE = /^Cannot query field "(\w+)" on type "(Query|Mutation)"/;

/**
 * A GraphQL client of the gateway: POSTs operations with the credentials (signed with
 * `GATEHOUSE-HMAC-SHA256` for access keys, `Bearer` for sessions) and turns errors into
 * `CliError`s: AUTHENTICATION for `UNAUTHENTICATED`, NOT_AVAILABLE when the gateway's schema has
 * no such root field (an older gateway, or one without the approvals API), NETWORK when it
 * cannot be reached, API for everything else, with the gateway's code in `details`.
 */
export class GatewayClient {
  readonly url: URL;
  readonly credentials: Credentials;
  private readonly fetchImpl: typeof fetch;
  private readonly now: () => Date;
  private readonly timeoutMs: number;

  constructor(options: GatewayClientOptions) {
    this.url = graphqlUrl(options.endpoint);
    this.credentials = options.credentials;
    this.fetchImpl = options.fetch ?? fetch;
    this.now = options.now ?? (() => new Date());
    this.timeoutMs = options.timeoutMs ?? 60_000;
  }

  /** Runs one operation and returns its `data`; throws `CliError` on any error. */
  async request<T>(query: string, variables: Readonly<Record<string, unknown>> = {}): Promise<T> {
    const { data, errors } = await this.send(query, variables);
    if (errors !== undefined && errors.length > 0) throw toCliError(errors, this.url);
    if (data === undefined || data === null) {
      throw new CliError('API', 'the gateway answered without data', {
        details: { gatewayCode: 'NO_DATA' },
      });
    }
    return data as T;
  }

  private async send(
    query: string,
    variables: Readonly<Record<string, unknown>>,
  ): Promise<{ data?: unknown; errors?: GatewayGraphqlError[] }> {
    const credentials = this.credentials;
    // The gateway refuses a signature it has already accepted (replay guard) and signatures cover
    // the body and the time to the second, so two identical signed requests within one second
    // (plan's reads, then apply's fresh-state check) would collide: a nonce makes each unique.
    const body = JSON.stringify({
      query,
      variables,
      ...(credentials.kind === 'accessKey' ? { extensions: { nonce: randomUUID() } } : {}),
    });
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      accept: 'application/json',
      'user-agent': `gatehouse-cli/${CLI_VERSION}`,
    };
    if (credentials.kind === 'accessKey') {
      Object.assign(
        headers,
        signRequest({
          accessKeyId: credentials.accessKeyId,
          secretAccessKey: credentials.secretAccessKey,
          sessionToken: credentials.sessionToken,
          method: 'POST',
          path: `${this.url.pathname}${this.url.search}`,
          host: this.url.host,
          body,
          time: this.now(),
        }),
      );
    } else if (credentials.kind === 'session') {
      headers.authorization = `Bearer ${credentials.sessionToken}`;
    }
    let response: Response;
    try {
      response = await this.fetchImpl(this.url, {
        method: 'POST',
        headers,
        body,
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
      const reason = cause instanceof Error ? cause.message : String(cause);
      throw new CliError(
        'NETWORK',
        `cannot reach the gateway at \`${this.url.origin}\`: ${reason}`,
        {
          hint: 'check `--endpoint` (or the profile) and that the gateway is running',
          cause: error,
        },
      );
    }
    const text = await response.text();
    let parsed: { data?: unknown; errors?: GatewayGraphqlError[] };
    try {
      parsed = JSON.parse(text) as typeof parsed;
    } catch {
      throw new CliError(
        response.status === 401 ? 'AUTHENTICATION' : 'API',
        `the gateway answered HTTP ${response.status} without a GraphQL response`,
        { details: { gatewayCode: `HTTP_${response.status}` } },
      );
    }
    return parsed;
  }
}

function toCliError(errors: readonly GatewayGraphqlError[], url: URL): CliError {
  const first = errors[0];
  const code = first?.extensions?.code ?? 'UNKNOWN';
  const message = first?.message ?? 'unknown error';
  const reasonValue = first?.extensions?.details?.reason;
  const reason = typeof reasonValue === 'string' ? reasonValue : undefined;
  const details = {
    gatewayCode: code,
    ...(reason === undefined ? {} : { reason }),
    ...(first?.extensions?.requestId === undefined
      ? {}
      : { requestId: first.extensions.requestId }),
    ...(first?.extensions?.details === undefined
      ? {}
      : { gatewayDetails: first.extensions.details }),
  };
  if (code === 'UNAUTHENTICATED') {
    return new CliError('AUTHENTICATION', `the gateway refused the credentials: ${message}`, {
      details,
      hint: 'sign in again with `gatehouse login`',
    });
  }
  const missing = NOT_AVAILABLE.exec(message);
  if (code === 'GRAPHQL_VALIDATION_FAILED' && missing !== null) {
    return new CliError(
      'NOT_AVAILABLE',
      `the gateway at \`${url.origin}\` has no \`${String(missing[1])}\` ${missing[2] === 'Mutation' ? 'mutation' : 'query'}`,
      { details: { ...details, field: missing[1] } },
    );
  }
  return new CliError('API', `${code}: ${message}`, { details });
}
