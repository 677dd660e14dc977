import { describe, expect, it } from '@jest/globals';
import { isWorkflowError } from '../shared/workflowError.js';
import { given, review, ruleSnapshot, submittedData, userArn } from '../testing/requestFixtures.js';
import {
  decideAccessRemoved,
  decideActivate,
  decideApplied,
  decideApplyFailed,
  decideApprove,
  decideCancel,
  decideExpire,
  decideReject,
  decideRevoke,
  decideSchedule,
  decideSubmit,
  decideTimeOut,
} from './decide.js';
import type { RequestEvent } from './events.js';

const REQ = '00000000-0000-4000-8000-000000000001';
const at = (time: string) => new Date(`2026-11-28T${time}Z`);
const submitted: RequestEvent = { type: 'ChangeRequestSubmitted', data: submittedData() };
const reviewer = (name: string, groups: string[], extra = {}) => ({
  review: review(name, groups, extra),
  allowed: true,
  now: at('09:10:00.000'),
});
const approved = (name: string, groups: string[], quorumMet: boolean): RequestEvent => ({
  type: 'ChangeRequestApproved',
  data: {
    requestId: REQ,
    review: review(name, groups),
    comment: null,
    quorumMet,
    reviewedAt: '2026-11-28T09:10:00.000Z',
  },
});
const codeOf = (error: unknown) => (isWorkflowError(error) ? error.code : error);
const empty = { removed: [], retained: [], sessionsRevoked: [] };

describe('submit', () => {
  it('records the request, PENDING', () => {
    const then = given([]).when((s) => decideSubmit(s, submittedData()));
    expect(then.events().map((e) => e.type)).toEqual(['ChangeRequestSubmitted']);
    expect(then.state()).toMatchObject({ exists: true, status: 'PENDING' });
  });

  it('auto-approves under an auto-approving rule', () => {
    const data = submittedData({ rule: ruleSnapshot(null) });
    const then = given([]).when((s) => decideSubmit(s, data));
    expect(then.events().map((e) => e.type)).toEqual([
      'ChangeRequestSubmitted',
      'ChangeRequestAutoApproved',
    ]);
    expect(then.state()).toMatchObject({ status: 'APPROVED' });
  });

  it('grants break-glass at once, with a review afterwards pending', () => {
    const data = submittedData({
      breakGlass: true,
      rule: ruleSnapshot({ kind: 'anyone', count: 1 }, { breakGlassMaxDurationSeconds: 3600 }),
    });
    const then = given([]).when((s) => decideSubmit(s, data));
    expect(then.events().map((e) => e.type)).toEqual([
      'ChangeRequestSubmitted',
      'BreakGlassGranted',
    ]);
    expect(then.state()).toMatchObject({ status: 'APPROVED', postReview: 'PENDING' });
  });
});

describe('approve', () => {
  it('one approval of two quorums keeps it PENDING; the second approves it', () => {
    const first = given([submitted]).when((s) =>
      decideApprove(s, REQ, reviewer('sam', ['security']), null),
    );
    expect(first.events()[0]).toMatchObject({
      type: 'ChangeRequestApproved',
      data: { quorumMet: false },
    });
    expect(first.state()).toMatchObject({ status: 'PENDING' });
    const second = given([submitted, approved('sam', ['security'], false)]).when((s) =>
      decideApprove(s, REQ, reviewer('rita', ['sre']), 'ok'),
    );
    expect(second.events()[0]).toMatchObject({ data: { quorumMet: true, comment: 'ok' } });
    expect(second.state()).toMatchObject({
      status: 'APPROVED',
      approvedAt: '2026-11-28T09:10:00.000Z',
    });
  });

  it('refuses the requester (separation of duties), even with the permission', () => {
    const then = given([submitted]).when((s) =>
      decideApprove(s, REQ, reviewer('alice', ['security']), null),
    );
    expect(codeOf(then.error())).toBe('SELF_REVIEW');
  });

  it('refuses the beneficiary of a request someone else made', () => {
    const forBob = {
      type: 'ChangeRequestSubmitted' as const,
      data: submittedData({ beneficiaryArn: userArn('bob') }),
    };
    const then = given([forBob]).when((s) =>
      decideApprove(s, REQ, reviewer('bob', ['security']), null),
    );
    expect(codeOf(then.error())).toBe('SELF_REVIEW');
  });

  it('refuses a reviewer without approvals:ApproveChangeRequest', () => {
    const then = given([submitted]).when((s) =>
      decideApprove(s, REQ, { ...reviewer('sam', ['security']), allowed: false }, null),
    );
    expect(codeOf(then.error())).toBe('NOT_AUTHORIZED');
  });

  it('refuses a second review by the same person', () => {
    const then = given([submitted, approved('sam', ['security'], false)]).when((s) =>
      decideApprove(s, REQ, reviewer('sam', ['security', 'sre']), null),
    );
    expect(codeOf(then.error())).toBe('ALREADY_REVIEWED');
  });

  it('refuses a reviewer who fills no quorum', () => {
    const then = given([submitted]).when((s) =>
      decideApprove(s, REQ, reviewer('pat', ['marketing']), null),
    );
    expect(codeOf(then.error())).toBe('NOT_ELIGIBLE_REVIEWER');
  });

  it('requires MFA, recent enough, when the rule does', () => {
    const mfaRule = {
      type: 'ChangeRequestSubmitted' as const,
      data: submittedData({
        rule: ruleSnapshot(
          { kind: 'anyone', count: 1 },
          { requireMfa: true, maxMfaAgeSeconds: 900 },
        ),
      }),
    };
    expect(
      codeOf(
        given([mfaRule])
          .when((s) => decideApprove(s, REQ, reviewer('sam', []), null))
          .error(),
      ),
    ).toBe('MFA_REQUIRED');
    expect(
      codeOf(
        given([mfaRule])
          .when((s) =>
            decideApprove(s, REQ, reviewer('sam', [], { mfa: true, mfaAgeSeconds: 901 }), null),
          )
          .error(),
      ),
    ).toBe('MFA_REQUIRED');
    expect(
      given([mfaRule])
        .when((s) =>
          decideApprove(s, REQ, reviewer('sam', [], { mfa: true, mfaAgeSeconds: 60 }), null),
        )
        .state(),
    ).toMatchObject({ status: 'APPROVED' });
  });

  it('refuses after the pending deadline, even before the timeout is recorded', () => {
    const late = { ...reviewer('sam', ['security']), now: at('10:00:00.000') };
    expect(
      codeOf(
        given([submitted])
          .when((s) => decideApprove(s, REQ, late, null))
          .error(),
      ),
    ).toBe('INVALID_STATE');
  });

  it('refuses an unknown request', () => {
    expect(
      codeOf(
        given([])
          .when((s) => decideApprove(s, REQ, reviewer('sam', ['security']), null))
          .error(),
      ),
    ).toBe('NOT_FOUND');
  });
});

describe('reject and cancel', () => {
  it('one eligible rejection ends the request', () => {
    const then = given([submitted]).when((s) =>
      decideReject(s, REQ, reviewer('sam', ['security']), 'no'),
    );
    expect(then.state()).toMatchObject({ status: 'REJECTED' });
  });

  it('the requester cancels; someone else needs the permission', () => {
    const by = (name: string, allowed: boolean) => ({
      principalArn: userArn(name),
      person: userArn(name),
      allowed,
    });
    expect(
      given([submitted])
        .when((s) => decideCancel(s, REQ, by('alice', false), null, at('09:01:00.000')))
        .state(),
    ).toMatchObject({ status: 'CANCELLED' });
    expect(
      codeOf(
        given([submitted])
          .when((s) => decideCancel(s, REQ, by('eve', false), null, at('09:01:00.000')))
          .error(),
      ),
    ).toBe('NOT_AUTHORIZED');
    expect(
      given([submitted])
        .when((s) => decideCancel(s, REQ, by('admin', true), null, at('09:01:00.000')))
        .state(),
    ).toMatchObject({ status: 'CANCELLED' });
  });
});

describe('the three clocks', () => {
  const approvedRequest: RequestEvent[] = [
    submitted,
    approved('sam', ['security'], false),
    approved('rita', ['sre'], true),
  ];

  it('pending: times out only once the deadline passed', () => {
    expect(
      given([submitted])
        .when((s) => decideTimeOut(s, REQ, at('09:59:59.999')))
        .events(),
    ).toEqual([]);
    expect(
      given([submitted])
        .when((s) => decideTimeOut(s, REQ, at('10:00:00.000')))
        .state(),
    ).toMatchObject({ status: 'TIMED_OUT' });
    expect(
      given(approvedRequest)
        .when((s) => decideTimeOut(s, REQ, at('11:00:00.000')))
        .events(),
    ).toEqual([]);
  });

  it('start: scheduled at the requested start, or now when it passed', () => {
    const future = {
      type: 'ChangeRequestSubmitted' as const,
      data: submittedData({ startAt: '2026-11-28T12:00:00.000Z' }),
    };
    const scheduled = given([
      future,
      approved('sam', ['security'], false),
      approved('rita', ['sre'], true),
    ]).when((s) =>
      decideSchedule(s, REQ, 'g-00000000-0000-4000-8000-000000000009', at('09:20:00.000')),
    );
    expect(scheduled.events()[0]).toMatchObject({
      data: {
        startsAt: '2026-11-28T12:00:00.000Z',
        grantId: 'g-00000000-0000-4000-8000-000000000009',
        durationSeconds: 3600,
      },
    });
    const now = given(approvedRequest).when((s) =>
      decideSchedule(s, REQ, 'g-1', at('09:20:00.000')),
    );
    expect(now.events()[0]).toMatchObject({ data: { startsAt: '2026-11-28T09:20:00.000Z' } });
  });

  it('grant: activated with its expiry, expired with what was removed', () => {
    const scheduled: RequestEvent[] = [
      ...approvedRequest,
      {
        type: 'ChangeRequestScheduled',
        data: {
          requestId: REQ,
          grantId: 'g-1',
          startsAt: '2026-11-28T09:20:00.000Z',
          durationSeconds: 3600,
        },
      },
    ];
    const analysis = submittedData().analysis;
    const activated = given(scheduled).when((s) =>
      decideActivate(s, REQ, { now: at('09:20:00.000'), assignments: [], analysis }),
    );
    expect(activated.events()[0]).toMatchObject({
      type: 'GrantActivated',
      data: { expiresAt: '2026-11-28T10:20:00.000Z' },
    });
    const active = [...scheduled, ...activated.events()];
    const expired = given(active).when((s) =>
      decideExpire(
        s,
        REQ,
        { removed: ['k'], retained: [], sessionsRevoked: [] },
        at('10:20:00.000'),
      ),
    );
    expect(expired.state()).toMatchObject({
      status: 'EXPIRED',
      accessRemoved: true,
      grant: { endReason: 'EXPIRED', removal: { removed: ['k'] } },
    });
    // A permanent-change decision does not apply to a grant.
    expect(
      codeOf(
        given(scheduled)
          .when((s) => decideApplied(s, REQ, at('09:20:00.000'), analysis))
          .error(),
      ),
    ).toBe('INVALID_STATE');
  });

  it('apply failure records the reason and ends the request', () => {
    const then = given(approvedRequest).when((s) =>
      decideApplyFailed(
        s,
        REQ,
        { code: 'RISK_INCREASED', reason: 'risk rose from HIGH to CRITICAL', analysis: null },
        at('09:20:00.000'),
      ),
    );
    expect(then.state()).toMatchObject({ status: 'FAILED', failure: { code: 'RISK_INCREASED' } });
  });
});

describe('revoke', () => {
  const active: RequestEvent[] = [
    submitted,
    approved('sam', ['security'], false),
    approved('rita', ['sre'], true),
    {
      type: 'ChangeRequestScheduled',
      data: {
        requestId: REQ,
        grantId: 'g-1',
        startsAt: '2026-11-28T09:20:00.000Z',
        durationSeconds: 3600,
      },
    },
    {
      type: 'GrantActivated',
      data: {
        requestId: REQ,
        grantId: 'g-1',
        beneficiaryArn: userArn('alice'),
        activatedAt: '2026-11-28T09:20:00.000Z',
        expiresAt: '2026-11-28T10:20:00.000Z',
        assignments: [],
        analysis: submittedData().analysis,
      },
    },
  ];
  const by = (name: string, allowed: boolean) => ({
    principalArn: userArn(name),
    person: userArn(name),
    allowed,
  });

  it('takes effect at once; access removal follows', () => {
    const revoked = given(active).when((s) =>
      decideRevoke(s, REQ, by('sam', true), 'done', at('09:30:00.000')),
    );
    expect(revoked.state()).toMatchObject({ status: 'REVOKED', accessRemoved: false });
    const removed = given([...active, ...revoked.events()]).when((s) =>
      decideAccessRemoved(s, REQ, empty, at('09:30:01.000')),
    );
    expect(removed.state()).toMatchObject({ status: 'REVOKED', accessRemoved: true });
    expect(
      given([...active, ...revoked.events(), ...removed.events()])
        .when((s) => decideAccessRemoved(s, REQ, empty, at('09:31:00.000')))
        .events(),
    ).toEqual([]);
  });

  it('the beneficiary may give up their own grant; others need approvals:RevokeGrant', () => {
    expect(
      given(active)
        .when((s) => decideRevoke(s, REQ, by('alice', false), 'not needed', at('09:30:00.000')))
        .state(),
    ).toMatchObject({ status: 'REVOKED' });
    expect(
      codeOf(
        given(active)
          .when((s) => decideRevoke(s, REQ, by('eve', false), 'x', at('09:30:00.000')))
          .error(),
      ),
    ).toBe('NOT_AUTHORIZED');
  });

  it('break-glass rejected afterwards revokes the active grant', () => {
    const bg = [
      {
        type: 'ChangeRequestSubmitted' as const,
        data: submittedData({
          breakGlass: true,
          rule: ruleSnapshot(
            { kind: 'group', group: 'security', count: 1 },
            { breakGlassMaxDurationSeconds: 3600 },
          ),
        }),
      },
      {
        type: 'BreakGlassGranted' as const,
        data: {
          requestId: REQ,
          ruleName: 'test-rule',
          maxDurationSeconds: 3600,
          grantedAt: '2026-11-28T09:00:00.000Z',
        },
      },
      ...active.slice(3),
    ];
    const then = given(bg).when((s) =>
      decideReject(
        s,
        REQ,
        { ...reviewer('sam', ['security']), now: at('09:40:00.000') },
        'not an incident',
      ),
    );
    expect(then.events().map((e) => e.type)).toEqual(['ChangeRequestRejected', 'GrantRevoked']);
    expect(then.state()).toMatchObject({
      status: 'REVOKED',
      postReview: 'REJECTED',
      accessRemoved: false,
    });
    const confirmed = given(bg).when((s) =>
      decideApprove(s, REQ, { ...reviewer('sam', ['security']), now: at('09:40:00.000') }, null),
    );
    expect(confirmed.state()).toMatchObject({ status: 'ACTIVE', postReview: 'CONFIRMED' });
  });
});
