import { describe, expect, it } from '@jest/globals';
import { compareWithLog, deliveredAll, type LoggedEvent } from './eventLog.js';
import type { RelayedEvent } from './kafka.js';

const logged: LoggedEvent[] = [
  { eventId: 'a1', streamId: 'a', streamVersion: 1, type: 'T' },
  { eventId: 'b1', streamId: 'b', streamVersion: 1, type: 'T' },
  { eventId: 'a2', streamId: 'a', streamVersion: 2, type: 'T' },
  { eventId: 'a3', streamId: 'a', streamVersion: 3, type: 'T' },
];

function delivered(event: LoggedEvent, partition = event.streamId === 'a' ? 0 : 1): RelayedEvent {
  return { ...event, globalPosition: 0, key: event.streamId, partition };
}

const [a1, b1, a2, a3] = logged.map((event) => delivered(event)) as [
  RelayedEvent,
  RelayedEvent,
  RelayedEvent,
  RelayedEvent,
];

describe('compareWithLog', () => {
  it('accepts every event in per-stream order, interleaved across streams', () => {
    expect(compareWithLog([b1, a1, a2, a3], logged)).toEqual({
      violations: [],
      missing: [],
      redelivered: 0,
      delivered: 4,
    });
    expect(deliveredAll([b1, a1, a2, a3], logged)).toBe(true);
  });

  it('counts a resend from an earlier version as redeliveries, not violations', () => {
    const report = compareWithLog([a1, a2, b1, a2, a3, a3], logged);
    expect(report).toMatchObject({ violations: [], missing: [], redelivered: 2, delivered: 4 });
  });

  it('reports a gap, a stream out of order and what never arrived', () => {
    const report = compareWithLog([a1, a3, b1], logged);
    expect(report.violations).toEqual(['a: v3 arrived after v1 (gap)']);
    expect(report.missing).toEqual(['a2', 'a3']);
    expect(deliveredAll([a1, b1], logged)).toBe(false);
  });

  it('reports another event at a version already seen, a foreign event, and a stream on two partitions', () => {
    const impostor = { ...a1, eventId: 'x1' };
    const foreign = delivered({ eventId: 'z1', streamId: 'z', streamVersion: 1, type: 'T' });
    const moved = { ...a2, partition: 1 };
    expect(compareWithLog([a1, impostor, foreign, moved], logged).violations).toEqual([
      'x1 (a v1) is not logged',
      'a v1: a different event',
      'z1 (z v1) is not logged',
      'a is on partitions 0 and 1',
    ]);
  });
});
