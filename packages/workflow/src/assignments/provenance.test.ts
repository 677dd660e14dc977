import { describe, expect, it } from '@jest/globals';
import type { AssignmentEvent } from './events.js';
import { decideHold, decideRelease, foldAssignment } from './provenance.js';

const now = new Date('2026-11-28T09:00:00.000Z');
const hold = (grantId: string, preexisting: boolean): AssignmentEvent[] =>
  decideHold(foldAssignment([]), { key: 'k', grantId, requestId: 'r', preexisting, now });

describe('assignment provenance', () => {
  it('the only grant holding it removes it when it ends', () => {
    const events = hold('g1', false);
    const release = decideRelease(foldAssignment(events), {
      key: 'k',
      grantId: 'g1',
      requestId: 'r',
      now,
    });
    expect(release).toMatchObject({ remove: true, retainedBy: [], permanent: false });
  });

  it('an overlapping grant keeps it', () => {
    const events = [...hold('g1', false)];
    events.push(
      ...decideHold(foldAssignment(events), {
        key: 'k',
        grantId: 'g2',
        requestId: 'r2',
        preexisting: true,
        now,
      }),
    );
    const release = decideRelease(foldAssignment(events), {
      key: 'k',
      grantId: 'g1',
      requestId: 'r',
      now,
    });
    expect(release).toMatchObject({ remove: false, retainedBy: ['g2'] });
    const after = [...events, ...release.events];
    expect(
      decideRelease(foldAssignment(after), { key: 'k', grantId: 'g2', requestId: 'r2', now }),
    ).toMatchObject({ remove: true });
  });

  it('a permanent assignment (present before any grant) stays', () => {
    const events = hold('g1', true);
    expect(foldAssignment(events)).toEqual({ holders: ['g1'], permanent: true });
    expect(
      decideRelease(foldAssignment(events), { key: 'k', grantId: 'g1', requestId: 'r', now }),
    ).toMatchObject({ remove: false, permanent: true });
  });

  it('holding and releasing again is idempotent', () => {
    const events = hold('g1', false);
    expect(
      decideHold(foldAssignment(events), {
        key: 'k',
        grantId: 'g1',
        requestId: 'r',
        preexisting: true,
        now,
      }),
    ).toEqual([]);
    const release = decideRelease(foldAssignment(events), {
      key: 'k',
      grantId: 'g1',
      requestId: 'r',
      now,
    });
    expect(
      decideRelease(foldAssignment([...events, ...release.events]), {
        key: 'k',
        grantId: 'g1',
        requestId: 'r',
        now,
      }),
    ).toMatchObject({ alreadyReleased: true, events: [] });
  });

  it('after a removal, a new grant on it is not permanent', () => {
    const events = hold('g1', false);
    events.push(
      ...decideRelease(foldAssignment(events), { key: 'k', grantId: 'g1', requestId: 'r', now })
        .events,
    );
    events.push(
      ...decideHold(foldAssignment(events), {
        key: 'k',
        grantId: 'g2',
        requestId: 'r2',
        preexisting: false,
        now,
      }),
    );
    expect(foldAssignment(events)).toEqual({ holders: ['g2'], permanent: false });
  });
});
