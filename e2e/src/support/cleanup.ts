// The second line of defence against orphans. afterAll teardown is the normal
// path; beyond it, whatever the harness starts (a service's process group, an
// isolated Kafka broker, a database) is recorded in the run directory that
// e2e/jestGlobalSetup.js creates until it is stopped, and e2e/jestGlobalTeardown.js
// kills or drops what is still recorded after the run: after a beforeAll that
// timed out while the stack kept starting, or an afterAll that did not finish.
// (An `exit` hook in the test file would not do: jest gives tests a sandboxed
// `process` whose events never fire on the worker's real exit.)
import { randomBytes } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** What is recorded (e2e/jestGlobalTeardown.js reads the same shape). */
export type Leftover =
  | { readonly kind: 'group'; readonly pgid: number; readonly marker: string }
  | { readonly kind: 'broker'; readonly script: string; readonly env: Record<string, string> }
  | { readonly kind: 'database'; readonly serverUrl: string; readonly name: string };

/** Records something the harness started until the returned function is called (after a normal stop). */
export function track(leftover: Leftover): () => void {
  const runDir = process.env.GATEHOUSE_E2E_RUN_DIR;
  if (runDir === undefined) return () => undefined;
  const file = path.join(runDir, `${process.pid}-${randomBytes(6).toString('hex')}.json`);
  writeFileSync(file, JSON.stringify(leftover));
  return () => {
    rmSync(file, { force: true });
  };
}
