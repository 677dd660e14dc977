// Kills or drops whatever the e2e harness recorded and did not stop (a beforeAll
// that timed out while the stack kept starting, an afterAll that did not finish),
// then removes the run directory. The record's shape is `Leftover` in
// src/support/cleanup.ts.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';

// Pids are reused: kill a group only while its leader still runs our entry.
function isProcessOf(pid, marker) {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(marker);
  } catch {
    return false;
  }
}

async function dropDatabase(serverUrl, name) {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name.replaceAll('"', '""')}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

// eslint-disable-next-line import-x/no-default-export -- jest loads it through its default export
export default async function globalTeardown() {
  const runDir = process.env.GATEHOUSE_E2E_RUN_DIR;
  if (runDir === undefined) return;
  const leftovers = readdirSync(runDir).map((name) =>
    JSON.parse(readFileSync(path.join(runDir, name), 'utf8')),
  );
  // Processes first, then what they used.
  const order = { group: 0, broker: 1, database: 2 };
  leftovers.sort((a, b) => order[a.kind] - order[b.kind]);
  for (const leftover of leftovers) {
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
    } else if (leftover.kind === 'database') {
      process.stderr.write(`e2e: dropping leftover database ${leftover.name}\n`);
      await dropDatabase(leftover.serverUrl, leftover.name).catch((error) => {
        process.stderr.write(`e2e: ${String(error)}\n`);
      });
    }
  }
  rmSync(runDir, { recursive: true, force: true });
}
