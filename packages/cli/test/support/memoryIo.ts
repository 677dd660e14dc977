// The CLI run in-process for unit tests: streams are buffers, standard input is a string, and the
// gateway is a function from GraphQL operations to answers (no network). Every operation sent is
// first validated against the gateway's real schema: a run that sent an invalid one throws.
import { Readable } from 'node:stream';
import { runCli, type CliIo } from '../../src/index.js';
import { schemaErrors } from './gatewaySchema.js';

/** A GraphQL request as the CLI sent it. */
export interface SentRequest {
  readonly query: string;
  readonly variables: Record<string, unknown>;
  readonly headers: Record<string, string>;
}

/** Answers one GraphQL request: `{ data }` or `{ errors }`. */
export type GatewayAnswer = (request: SentRequest) => unknown;

/** What an in-process run printed, how it exited, and what it sent. */
export interface MemoryRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly sent: readonly SentRequest[];
}

/** Runs `gatehouse <argv>` in-process. */
export async function runInMemory(
  argv: readonly string[],
  options: {
    env?: Record<string, string>;
    input?: string;
    cwd?: string;
    gateway?: GatewayAnswer;
    stdoutIsTTY?: boolean;
  } = {},
): Promise<MemoryRun> {
  let stdout = '';
  let stderr = '';
  const sent: SentRequest[] = [];
  const invalid: string[] = [];
  const fakeFetch = (async (_url: unknown, init?: RequestInit) => {
    const body = JSON.parse(typeof init?.body === 'string' ? init.body : '{}') as {
      query: string;
      variables?: Record<string, unknown>;
    };
    const request: SentRequest = {
      query: body.query,
      variables: body.variables ?? {},
      headers: { ...(init?.headers as Record<string, string>) },
    };
    sent.push(request);
    const errors = await schemaErrors(request.query);
    if (errors.length > 0) invalid.push(`${request.query}\n  ${errors.join('\n  ')}`);
    // As the gateway answers an invalid document (the test's answer would hide the drift).
    const answer =
      errors.length > 0
        ? {
            errors: errors.map((message) => ({
              message,
              extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
            })),
          }
        : (options.gateway?.(request) ?? { errors: [{ message: 'no answer in the test' }] });
    return new Response(JSON.stringify(answer), {
      status: 200,
      headers: { 'content-type': 'application/json' },
    });
  }) as typeof fetch;
  const io: CliIo = {
    stdout: {
      write: (text: string) => (stdout += text),
      isTTY: options.stdoutIsTTY ?? false,
    },
    stderr: { write: (text: string) => (stderr += text), isTTY: false },
    stdin: Readable.from([options.input ?? '']),
    env: { GATEHOUSE_CONFIG_FILE: '/nonexistent/gatehouse/config', ...options.env },
    cwd: options.cwd ?? process.cwd(),
    fetch: fakeFetch,
    now: () => new Date('2026-11-28T12:00:00Z'),
  };
  const code = await runCli(argv, io);
  if (invalid.length > 0) {
    throw new Error(`the CLI sent documents the gateway's schema refuses:\n${invalid.join('\n')}`);
  }
  return { code, stdout, stderr, sent };
}

/** A caller identity answer for `getCallerIdentity`. */
export function callerIdentity(account = '123456789012', name = 'alice') {
  return {
    getCallerIdentity: {
      account,
      arn: `arn:gatehouse:iam::${account}:user/${name}`,
      userId: 'AIDAEXAMPLE',
      principalType: 'User',
      mfaAuthenticated: false,
      sessionExpiration: null,
    },
  };
}
