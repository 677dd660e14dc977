import { spawn } from 'node:child_process';
import path from 'node:path';

const fixture = path.resolve(import.meta.dirname, '../fixtures/approvalsProcess.ts');

/** An approvals process of the crash tests. */
export interface Child {
  /** Resolves with the signal (or exit code) the process ended with. */
  readonly exited: Promise<string>;
  /** What it printed. */
  output(): string;
  /** Resolves once it has started (printed `started`). */
  started(): Promise<void>;
  /** Once started: SIGTERM, then the exit. */
  stop(): Promise<string>;
}

/** Starts test/fixtures/approvalsProcess.ts with `env` (see its header). */
export function startChild(env: Record<string, string>): Child {
  const { NODE_OPTIONS: _ignored, ...inherited } = process.env;
  const child = spawn(process.execPath, ['--import', 'tsx', fixture], {
    env: { ...inherited, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const exited = new Promise<string>((resolve) => {
    child.on('exit', (code, signal) => {
      resolve(signal ?? `exit ${String(code)}`);
    });
  });
  const started = async (): Promise<void> => {
    const deadline = Date.now() + 60_000;
    while (!output.includes('started\n')) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      if (Date.now() > deadline) throw new Error(`the approvals process did not start: ${output}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };
  return {
    exited,
    output: () => output,
    started,
    async stop() {
      await started();
      child.kill('SIGTERM');
      return exited;
    },
  };
}
