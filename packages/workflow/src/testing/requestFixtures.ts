import type {
  ChangeRequestSubmitted,
  RequestEvent,
  ReviewInfo,
  RuleSnapshot,
} from '../request/events.js';
import { foldRequest, type RequestState } from '../request/evolve.js';
import type { ReviewerRequirement } from '../rules/types.js';

/** The account of the fixtures. */
export const FIXTURE_ACCOUNT = '123456789012';

/** A user ARN of the fixture account. */
export function userArn(name: string): string {
  return `arn:gatehouse:iam::${FIXTURE_ACCOUNT}:user/${name}`;
}

/** A rule snapshot with the given reviewers (and overrides). */
export function ruleSnapshot(
  reviewers: ReviewerRequirement | null,
  overrides: Partial<RuleSnapshot> = {},
): RuleSnapshot {
  return {
    ruleSetVersion: 1,
    name: 'test-rule',
    reviewers,
    autoApprove: reviewers === null,
    requireMfa: false,
    maxMfaAgeSeconds: 3600,
    maxDurationSeconds: null,
    pendingTimeoutSeconds: 3600,
    breakGlassMaxDurationSeconds: null,
    ...overrides,
  };
}

/** The data of a submitted request: alice asks to join `prod-admins` for an hour. */
export function submittedData(
  overrides: Partial<ChangeRequestSubmitted['data']> = {},
): ChangeRequestSubmitted['data'] {
  return {
    requestId: '00000000-0000-4000-8000-000000000001',
    accountId: FIXTURE_ACCOUNT,
    correlationId: 'corr-1',
    source: 'requestAccess',
    requester: {
      principalArn: userArn('alice'),
      person: userArn('alice'),
      principalType: 'User',
      groups: [],
    },
    beneficiaryArn: userArn('alice'),
    change: {
      kind: 'IamCommand',
      command: { type: 'AddUserToGroup', userName: 'alice', groupName: 'prod-admins' },
    },
    changes: [{ kind: 'AddUserToGroup', userName: 'alice', groupName: 'prod-admins' }],
    summary: 'add user alice to group prod-admins',
    action: 'iam:AddUserToGroup',
    resource: `arn:gatehouse:iam::${FIXTURE_ACCOUNT}:group/prod-admins`,
    justification: 'incident 42',
    ticket: 'INC-42',
    durationSeconds: 3600,
    startAt: null,
    analysis: {
      verdict: 'REQUIRE_APPROVAL',
      risk: 'HIGH',
      findings: [],
      newAccess: [],
      newAccessCount: 0,
      truncated: false,
    },
    rule: ruleSnapshot({
      kind: 'all_of',
      of: [
        { kind: 'group', group: 'security', count: 1 },
        { kind: 'group', group: 'sre', count: 1 },
      ],
    }),
    owners: [],
    pendingUntil: '2026-11-28T10:00:00.000Z',
    breakGlass: false,
    submittedAt: '2026-11-28T09:00:00.000Z',
    ...overrides,
  };
}

/** A review by a person with groups. */
export function review(
  name: string,
  groups: readonly string[],
  extra: Partial<ReviewInfo> = {},
): ReviewInfo {
  return {
    reviewerArn: userArn(name),
    person: userArn(name),
    groups,
    owner: false,
    mfa: false,
    mfaAgeSeconds: null,
    ...extra,
  };
}

/**
 * Given/when/then for request deciders: `given(events).when(decide).then(events)`
 * or `.thenThrows(code)`; the state after is available for further checks.
 */
export function given(events: readonly RequestEvent[]) {
  const state = foldRequest(events);
  return {
    state,
    when(decide: (state: RequestState) => RequestEvent[]) {
      let result: RequestEvent[] | undefined;
      let error: unknown;
      try {
        result = decide(state);
      } catch (caught) {
        error = caught;
      }
      return {
        events(): RequestEvent[] {
          if (error !== undefined)
            throw error instanceof Error ? error : new Error('non-error thrown', { cause: error });
          return result ?? [];
        },
        error(): unknown {
          return error;
        },
        state(): RequestState {
          if (error !== undefined)
            throw error instanceof Error ? error : new Error('non-error thrown', { cause: error });
          return foldRequest([...events, ...(result ?? [])]);
        },
      };
    },
  };
}
