// Crash and restart of the approvals process at each step of applying and of
// ending a grant: the process (its own, started with tsx) is SIGKILLed at a
// processing point, then started again. Nothing is lost and nothing is applied
// twice: each IAM change appears once in the log, with the workflow's record
// of it in the same transaction.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Principal } from '@gatehouse/iam';
import {
  foldRequest,
  requestStream,
  type RequestEvent,
  type RequestStatus,
} from '@gatehouse/workflow';
import type { CrashPoint } from '../src/index.js';
import { startChild } from './support/childProcess.js';
import { createHarness, waitFor, type Harness } from './support/harness.js';

let h: Harness;
let carol: Principal;
let bob: Principal;
let t0: Date;
const HOUR = 3_600_000;

beforeAll(async () => {
  h = await createHarness();
  carol = await h.person('carol', ['sre', 'reviewers']);
  bob = await h.person('bob', ['sre', 'reviewers']);
  t0 = h.clock.now();
});
afterAll(async () => {
  await h.close();
});

async function statusOf(
  requestId: string,
): Promise<{ status: RequestStatus | undefined; types: string[] }> {
  const { events } = await h.store.readStream(requestStream(requestId));
  const state = foldRequest(events as unknown as RequestEvent[]);
  return { status: state.exists ? state.status : undefined, types: events.map((e) => e.type) };
}

async function approvedRequest(name: string, hours: number): Promise<string> {
  const person = await h.person(name);
  const { request } = await h.workflow.requestAccess(
    {
      access: { kind: 'group', groupName: 'ops-admins' },
      justification: 'crash test',
      duration: `${hours}h`,
    },
    h.caller(person),
  );
  await h.workflow.approve({ requestId: request.requestId }, h.caller(carol));
  await h.workflow.approve({ requestId: request.requestId }, h.caller(bob));
  return request.requestId;
}

function env(now: Date, crashAt: CrashPoint | ''): Record<string, string> {
  return {
    DATABASE_URL: h.database.url,
    SECRETS_KEY: h.secretsKey,
    NOW: now.toISOString(),
    CRASH_AT: crashAt,
  };
}

/** Kills the process at `point`, then runs a fresh one until `done`. */
async function crashThenRecover(
  now: Date,
  point: CrashPoint,
  done: () => Promise<boolean>,
): Promise<void> {
  const crashed = startChild(env(now, point));
  let timer: NodeJS.Timeout | undefined;
  const ended = await Promise.race([
    crashed.exited,
    new Promise<string>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), 60_000);
    }),
  ]);
  clearTimeout(timer);
  expect({ ended, output: ended === 'SIGKILL' ? '' : crashed.output() }).toEqual({
    ended: 'SIGKILL',
    output: '',
  });
  const recovered = startChild(env(now, ''));
  try {
    await waitFor(done, `recovery after a crash at ${point}`, 60_000);
  } finally {
    expect(await recovered.stop()).toBe('exit 0');
  }
}

async function iamTypes(causationId: string): Promise<string[]> {
  return (await h.iamEventsCausedBy(causationId)).map((e) => e.type).sort();
}

describe('a crash of the approvals process', () => {
  const applyPoints: CrashPoint[] = ['before-apply', 'after-iam-commit', 'after-apply'];
  const requests = new Map<CrashPoint, string>();

  it.each(applyPoints)(
    'at %s, while activating, neither loses nor doubles the change',
    async (point) => {
      const requestId = await approvedRequest(`user-${point}`, 1 + applyPoints.indexOf(point));
      requests.set(point, requestId);
      if (point === 'after-iam-commit') {
        // The IAM change and its record committed together before the crash.
        const crashed = startChild(env(t0, point));
        expect(await crashed.exited).toBe('SIGKILL');
        expect(await iamTypes(requestId)).toEqual(['GroupMemberAdded', 'UserAddedToGroup']);
        expect((await statusOf(requestId)).status).toBe('ACTIVE');
        const again = startChild(env(t0, ''));
        await new Promise((resolve) => setTimeout(resolve, 1500));
        expect(await again.stop()).toBe('exit 0');
      } else {
        await crashThenRecover(
          t0,
          point,
          async () => (await statusOf(requestId)).status === 'ACTIVE',
        );
      }
      expect(await iamTypes(requestId)).toEqual(['GroupMemberAdded', 'UserAddedToGroup']);
      expect((await statusOf(requestId)).types.filter((t) => t === 'GrantActivated')).toHaveLength(
        1,
      );
    },
  );

  it('at after-release, while expiring, removes the membership once and records the end once', async () => {
    const requestId = requests.get('before-apply')!;
    const grantId = (await h.workflow.getRequest(requestId)).grant!.grantId;
    await crashThenRecover(
      new Date(t0.getTime() + HOUR + 1000),
      'after-release',
      async () => (await statusOf(requestId)).status === 'EXPIRED',
    );
    expect(await iamTypes(grantId)).toEqual(['GroupMemberRemoved', 'UserRemovedFromGroup']);
    expect((await statusOf(requestId)).types.filter((t) => t === 'GrantExpired')).toHaveLength(1);
  });

  it('at after-sessions-revoked, while expiring, records the end once', async () => {
    const requestId = requests.get('after-iam-commit')!;
    const grantId = (await h.workflow.getRequest(requestId)).grant!.grantId;
    await crashThenRecover(
      new Date(t0.getTime() + 2 * HOUR + 1000),
      'after-sessions-revoked',
      async () => (await statusOf(requestId)).status === 'EXPIRED',
    );
    expect(await iamTypes(grantId)).toEqual(['GroupMemberRemoved', 'UserRemovedFromGroup']);
    const { types } = await statusOf(requestId);
    expect(types.filter((t) => t === 'GrantExpired')).toHaveLength(1);
    // The other grants were untouched by the crashes: the 3-hour one is still active.
    expect((await statusOf(requests.get('after-apply')!)).status).toBe('ACTIVE');
  });
});
