// The lines of defence against orphans. afterAll teardown is the normal path;
// beyond it, whatever the harness starts (a service's process group, an isolated
// Kafka broker) is
//  - killed synchronously when the test worker exits (a failed or timed-out
//    test whose afterAll could not finish), and
//  - recorded in the run directory that e2e/jestGlobalSetup.js creates, so that
//    e2e/jestGlobalTeardown.js kills what is still recorded after the run, even
//    when a worker itself was killed.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** What is recorded for the global teardown (e2e/jestGlobalTeardown.js reads the same shape). */
export type Leftover =
  | { readonly kind: 'group'; readonly pgid: number; readonly marker: string }
  | { readonly kind: 'broker'; readonly script: string; readonly env: Record<string, string> };

const hooks = new Set<() => void>();
let installed = false;

function runAll(): void {
  for (const hook of hooks) {
    try {
      hook();
    } catch {
      // Best effort: the next hook still runs.
    }
  }
  hooks.clear();
}

/** Is `pid` alive and is its command line ours (pids are reused)? */
export function isProcessOf(pid: number, marker: string): boolean {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(marker);
  } catch {
    return false;
  }
}

/** Kills what a leftover describes, synchronously. */
export function killLeftover(leftover: Leftover): void {
  if (leftover.kind === 'group') {
    if (!isProcessOf(leftover.pgid, leftover.marker)) return;
    try {
      process.kill(-leftover.pgid, 'SIGKILL');
    } catch {
      // Gone already.
    }
    return;
  }
  spawnSync('bash', [leftover.script, 'stop'], {
    env: { ...process.env, ...leftover.env, KAFKA_STOP_TIMEOUT: '5' },
    stdio: 'ignore',
    timeout: 30_000,
  });
}

/**
 * Tracks something the harness started until the returned function is called
 * (after a normal stop): killed at worker exit and by the global teardown.
 */
export function track(leftover: Leftover): () => void {
  if (!installed) {
    installed = true;
    process.once('exit', runAll);
  }
  const runDir = process.env.GATEHOUSE_E2E_RUN_DIR;
  const file =
    runDir === undefined
      ? undefined
      : path.join(runDir, `${process.pid}-${randomBytes(4).toString('hex')}.json`);
  if (file !== undefined) writeFileSync(file, JSON.stringify(leftover));
  const hook = (): void => killLeftover(leftover);
  hooks.add(hook);
  return () => {
    hooks.delete(hook);
    if (file !== undefined) rmSync(file, { force: true });
  };
}
