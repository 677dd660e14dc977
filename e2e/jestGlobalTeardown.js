// Kills whatever the e2e harness recorded and did not stop (a worker killed
// mid-test, an afterAll that timed out), then removes the run directory. The
// record's shape is `Leftover` in src/support/cleanup.ts.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';

function isProcessOf(pid, marker) {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(marker);
  } catch {
    return false;
  }
}

// eslint-disable-next-line import-x/no-default-export -- jest loads it through its default export
export default function globalTeardown() {
  const runDir = process.env.GATEHOUSE_E2E_RUN_DIR;
  if (runDir === undefined) return;
  for (const name of readdirSync(runDir)) {
    const leftover = JSON.parse(readFileSync(path.join(runDir, name), 'utf8'));
    if (leftover.kind === 'group' && isProcessOf(leftover.pgid, leftover.marker)) {
      process.stderr.write(`e2e: killing leftover process group ${leftover.pgid}\n`);
      try {
        process.kill(-leftover.pgid, 'SIGKILL');
      } catch {
        // Gone already.
      }
    } else if (leftover.kind === 'broker') {
      process.stderr.write(`e2e: stopping leftover broker ${leftover.env.KAFKA_HOME_DIR}\n`);
      spawnSync('bash', [leftover.script, 'stop'], {
        env: { ...process.env, ...leftover.env, KAFKA_STOP_TIMEOUT: '5' },
        stdio: 'ignore',
        timeout: 30_000,
      });
    }
  }
  rmSync(runDir, { recursive: true, force: true });
}
