import { spawn } from 'node:child_process';
import path from 'node:path';

const fixture = path.resolve(import.meta.dirname, '../fixtures/crashingProcess.ts');

export interface Child {
  /** Resolves with the signal (or exit code) the process ended with. */
  readonly exited: Promise<string>;
  stop(): Promise<string>;
}

/** Starts test/fixtures/crashingProcess.ts with `env` (see its header). */
export function startChild(env: Record<string, string>): Child {
  const { NODE_OPTIONS: _ignored, ...inherited } = process.env;
  const child = spawn(process.execPath, ['--import', 'tsx', fixture], {
    env: { ...inherited, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = new Promise<string>((resolve) => {
    child.on('exit', (code, signal) => {
      if (code !== 0 && signal === null && stderr !== '') process.stderr.write(stderr);
      resolve(signal ?? `exit ${String(code)}`);
    });
  });
  return {
    exited,
    async stop() {
      child.kill('SIGTERM');
      return exited;
    },
  };
}
