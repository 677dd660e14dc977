import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { once } from 'node:events';

// Services as their own OS processes, for other packages' integration tests (the CLI's):
// exported as `@gatehouse/gateway/testing` (taken from e2e's first harness).

/** The repository root, for locating built services (this file is in services/gateway/{src,dist}/testing). */
export const repoRoot = path.resolve(import.meta.dirname, '../../../..');

/** A service started as its own OS process, as users run it. */
export interface ServiceProcess {
  readonly baseUrl: string;
  readonly child: ChildProcess;
  /** Everything the process wrote so far (JSON log lines and stderr). */
  output(): string;
  /** SIGTERM, wait for exit; returns the exit code. SIGKILL after `timeoutMs`. */
  stop(timeoutMs?: number): Promise<number | null>;
}

/** Options of {@link startService}. */
export interface StartServiceOptions {
  /** Path of the service's entry, relative to the repository root (e.g. services/gateway/dist/main.js). */
  readonly entry: string;
  readonly env: Readonly<Record<string, string>>;
  /** The log message that says the service listens; its `address` field gives the URL. */
  readonly readyMessage: string;
  readonly timeoutMs?: number;
}

/** Starts a service process and resolves once it logs that it listens. */
export async function startService(options: StartServiceOptions): Promise<ServiceProcess> {
  const child = spawn(process.execPath, [path.join(repoRoot, options.entry)], {
    cwd: repoRoot,
    env: { PATH: process.env.PATH ?? '', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
  const stop = async (timeoutMs = 10_000): Promise<number | null> => {
    if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    const [code] = await exited;
    clearTimeout(timer);
    return code;
  };
  const baseUrl = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new Error(`${options.entry} did not become ready in time:\n${output}`));
    }, options.timeoutMs ?? 30_000);
    const onData = (chunk: Buffer): void => {
      output += chunk.toString('utf8');
      for (const line of output.split('\n')) {
        if (!line.includes(options.readyMessage)) continue;
        try {
          const parsed = JSON.parse(line) as { address?: string };
          if (parsed.address !== undefined) {
            clearTimeout(timer);
            resolve(parsed.address);
          }
        } catch {
          // A partial line; the rest arrives with the next chunk.
        }
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    void exited.then(([code, signal]) => {
      clearTimeout(timer);
      reject(
        new Error(`${options.entry} exited early (code ${code}, signal ${signal}):\n${output}`),
      );
    });
  }).catch(async (error: unknown) => {
    await stop(1000);
    throw error;
  });
  return { baseUrl, child, output: () => output, stop };
}

/** A GraphQL response as received, with its HTTP status. */
export interface GraphqlResponse<T> {
  readonly status: number;
  readonly body: { data?: T; errors?: { message: string; extensions?: { code?: string } }[] };
}

/** POSTs a GraphQL operation and returns the parsed JSON body with the HTTP status. */
export async function graphql<T = unknown>(
  baseUrl: string,
  query: string,
  variables?: Record<string, unknown>,
  headers: Record<string, string> = {},
): Promise<GraphqlResponse<T>> {
  const response = await fetch(`${baseUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, body: (await response.json()) as never };
}
