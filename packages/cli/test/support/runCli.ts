// Runs the built `gatehouse` bin as a child process, as users run it.
import { spawn } from 'node:child_process';
import path from 'node:path';

/** The built CLI entry (`pnpm turbo run build --filter=@gatehouse/cli...` first). */
export const cliBin = path.resolve(import.meta.dirname, '../../dist/bin.js');

/** What a CLI run printed and how it exited. */
export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `gatehouse <args>` with `env` (on top of PATH only) and optional standard input. */
export async function runGatehouse(
  args: readonly string[],
  options: { env?: Record<string, string>; input?: string; cwd?: string } = {},
): Promise<CliRun> {
  const child = spawn(process.execPath, [cliBin, ...args], {
    cwd: options.cwd ?? process.cwd(),
    env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', ...options.env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  child.stdin.end(options.input ?? '');
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  return { code, stdout, stderr };
}

/** The JSON a run printed on stdout (with the run in the error when it is not JSON). */
export function stdoutJson(run: CliRun): unknown {
  try {
    return JSON.parse(run.stdout);
  } catch {
    throw new Error(`not JSON (exit ${String(run.code)}):\n${run.stdout}\n${run.stderr}`);
  }
}
