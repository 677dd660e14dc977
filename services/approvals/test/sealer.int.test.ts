// The event store's digest sealer runs in the approvals process: the log is
// sealed (verify finds every event under a digest, no problem), one instance
// at a time; a second instance stands by and takes over when the first stops.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHarness, waitFor, type Harness } from './support/harness.js';

let h: Harness;

beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  await h.close();
});

async function fullySealed(): Promise<boolean> {
  const report = await h.store.verify();
  return report.ok && report.unsealedEvents === 0 && report.sealedEvents === report.eventsChecked;
}

describe('the digest sealer in the approvals process', () => {
  it('seals the log at its interval, one instance at a time', async () => {
    expect((await h.store.verify()).sealedEvents).toBe(0);
    const first = await h.approvals({ sealer: { intervalMs: 100 } });
    await waitFor(fullySealed, 'the log sealed by the first instance');
    const digests = (await h.store.verify()).digestsChecked;
    expect(digests).toBeGreaterThan(0);

    const second = await h.approvals({ sealer: { intervalMs: 100 } });
    expect(first.sealer?.status().state).toBe('running');
    expect(second.sealer?.status().state).not.toBe('running');

    await first.close();
    await waitFor(() => second.sealer?.status().state === 'running', 'the second sealer active');
    await h.admin({ type: 'CreateUser', userName: 'sealed-later' });
    await waitFor(fullySealed, 'the new event sealed by the second instance');
    const report = await h.store.verify();
    expect(report.firstProblem).toBeNull();
    expect(report.digestsChecked).toBeGreaterThan(digests);
  });

  it('runs no sealer when told another process seals', async () => {
    const approvals = await h.approvals({ sealer: false });
    expect(approvals.sealer).toBeUndefined();
  });
});
