// A run directory where the e2e harness records every process group and broker
// it starts until it stops them (src/support/cleanup.ts); the workers inherit
// its path through the environment.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// eslint-disable-next-line import-x/no-default-export -- jest loads it through its default export
export default function globalSetup() {
  process.env.GATEHOUSE_E2E_RUN_DIR = mkdtempSync(path.join(os.tmpdir(), 'gatehouse-e2e-'));
}
