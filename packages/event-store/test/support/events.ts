import { randomUUID } from 'node:crypto';
import type { EventInput, RecordedEvent } from '../../src/index.js';

let counter = 0;

/** A small valid event; `n` goes into the data so events differ. */
export function anEvent(n = counter++, overrides: Partial<EventInput> = {}): EventInput {
  return {
    type: 'ThingHappened',
    data: { n, label: `thing ${n}` },
    actor: 'arn:gatehouse:iam::000000000000:user/test',
    eventId: randomUUID(),
    correlationId: 'corr-1',
    ...overrides,
  };
}

/** `count` fresh events. */
export function someEvents(count: number): EventInput[] {
  return Array.from({ length: count }, () => anEvent());
}

/** A unique stream id. */
export function aStream(prefix = 'thing'): string {
  return `${prefix}-${randomUUID()}`;
}

/**
 * Asserts a consumer saw each expected event exactly once and each stream in
 * version order without gaps. Returns a description of the first violation.
 */
export function orderViolations(
  seen: readonly RecordedEvent[],
  expectedEventIds: ReadonlySet<string>,
): string[] {
  const problems: string[] = [];
  const counts = new Map<string, number>();
  const versions = new Map<string, number>();
  for (const event of seen) {
    counts.set(event.eventId, (counts.get(event.eventId) ?? 0) + 1);
    const last = versions.get(event.streamId) ?? 0;
    if (event.streamVersion !== last + 1) {
      problems.push(`${event.streamId}: version ${event.streamVersion} after ${last}`);
    }
    versions.set(event.streamId, event.streamVersion);
  }
  for (const id of expectedEventIds) {
    const count = counts.get(id) ?? 0;
    if (count !== 1) problems.push(`event ${id} seen ${count} times`);
  }
  for (const id of counts.keys()) {
    if (!expectedEventIds.has(id)) problems.push(`unexpected event ${id}`);
  }
  return problems;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls `condition` until true or the timeout. */
export async function eventually(
  condition: () => boolean | Promise<boolean>,
  timeoutMs = 20_000,
  what = 'condition',
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(25);
  }
}
