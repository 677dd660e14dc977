// The approval workflow end to end on real PostgreSQL: the gateway's side
// (WorkflowService over its IamService) and the approvals core (intake,
// clocks, apply) on one database, time moved by a manual clock.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { isIamError, type Principal } from '@gatehouse/iam';
import {
  grantSourceIdentity,
  isWorkflowError,
  type ChangeRequestView,
  type WorkflowError,
} from '@gatehouse/workflow';
import type { Approvals } from '../src/index.js';
import { allow, createHarness, type Harness } from './support/harness.js';

let h: Harness;
let approvals: Approvals;
let bob: Principal; // security, sre, reviewers
let carol: Principal; // sre, reviewers
let rita: Principal; // security, reviewers
let sam: Principal; // security, not allowed to review

const HOUR = 3_600_000;

async function failure(promise: Promise<unknown>): Promise<WorkflowError> {
  try {
    await promise;
  } catch (error) {
    if (isWorkflowError(error)) return error;
    throw error;
  }
  throw new Error('expected a WorkflowError');
}

function memberOf(userName: string, groupName: string): boolean {
  const view = approvals.iam.view;
  const user = [...view.users()].find((u) => u.userName === userName && u.status === 'active');
  const group = [...view.groups()].find((g) => g.groupName === groupName);
  return user !== undefined && group !== undefined && user.groupIds.includes(group.groupId);
}

async function settle(): Promise<Map<string, readonly string[]>> {
  const report = await approvals.worker.tick();
  expect(report.failures).toBe(0);
  return report.processed as Map<string, readonly string[]>;
}

beforeAll(async () => {
  h = await createHarness();
  bob = await h.person('bob', ['security', 'sre', 'reviewers']);
  carol = await h.person('carol', ['sre', 'reviewers']);
  rita = await h.person('rita', ['security', 'reviewers']);
  sam = await h.person('sam', ['security']);
  approvals = await h.approvals();
});
afterAll(async () => {
  await h.close();
});

describe('quorum rules and separation of duties', () => {
  let alice: Principal;
  let request: ChangeRequestView;

  beforeAll(async () => {
    alice = await h.person('alice');
    request = (
      await h.workflow.requestAccess(
        {
          access: { kind: 'group', groupName: 'prod-admins' },
          justification: 'deploy the fix for INC-7',
          ticket: 'INC-7',
          duration: '1h',
        },
        h.caller(alice),
      )
    ).request;
  });

  it('matches the rule on what is requested', () => {
    expect(request).toMatchObject({
      status: 'PENDING',
      action: 'iam:AddUserToGroup',
      resource: h.arn('group', 'prod-admins'),
      beneficiaryArn: h.arn('user', 'alice'),
      rule: {
        name: 'prod',
        ruleSetVersion: 1,
        reviewers: '1 from group security AND 1 from group sre',
      },
      durationSeconds: 3600,
    });
  });

  it('refuses a reviewer without approvals:ApproveChangeRequest', async () => {
    const error = await failure(
      h.workflow.approve({ requestId: request.requestId }, h.caller(sam)),
    );
    expect(error.code).toBe('NOT_AUTHORIZED');
  });

  it('refuses self-approval', async () => {
    expect(
      (await failure(h.workflow.approve({ requestId: request.requestId }, h.caller(alice)))).code,
    ).toBe('SELF_REVIEW');
  });

  it('counts one person in both groups once (AND across groups)', async () => {
    const first = await h.workflow.approve(
      { requestId: request.requestId, comment: 'looks fine' },
      h.caller(bob),
    );
    expect(first.request.status).toBe('PENDING');
    expect(first.request.quorum).toMatchObject({ satisfied: false, missing: 1 });
    expect(
      (await failure(h.workflow.approve({ requestId: request.requestId }, h.caller(bob)))).code,
    ).toBe('ALREADY_REVIEWED');
    const second = await h.workflow.approve({ requestId: request.requestId }, h.caller(carol));
    expect(second.request.status).toBe('APPROVED');
  });

  it('applies the approved change exactly once, caused by the request', async () => {
    const processed = await settle();
    expect(processed.get(request.requestId)).toEqual(['scheduled', 'activated']);
    expect(memberOf('alice', 'prod-admins')).toBe(true);
    await settle();
    await settle();
    expect((await h.iamEventsCausedBy(request.requestId)).map((e) => e.type).sort()).toEqual([
      'GroupMemberAdded',
      'UserAddedToGroup',
    ]);
    const view = await h.workflow.getRequest(request.requestId);
    expect(view).toMatchObject({
      status: 'ACTIVE',
      grant: { grantId: expect.stringMatching(/^g-/) },
    });
  });

  it('keeps the full history: who reviewed, when, what the analysis said', async () => {
    const { events } = await h.workflow.history(request.requestId);
    expect(events.map((e) => e.type)).toEqual([
      'ChangeRequestSubmitted',
      'ChangeRequestApproved',
      'ChangeRequestApproved',
      'ChangeRequestScheduled',
      'GrantActivated',
    ]);
    expect(events[1]).toMatchObject({
      actor: h.arn('user', 'bob'),
      data: {
        review: { person: h.arn('user', 'bob'), groups: ['security', 'sre'] },
        comment: 'looks fine',
        quorumMet: false,
      },
    });
    expect(events[0]?.data).toMatchObject({
      analysis: { verdict: 'REQUIRE_APPROVAL', risk: expect.any(String) },
      justification: 'deploy the fix for INC-7',
      ticket: 'INC-7',
    });
    expect(events[4]?.data).toMatchObject({ analysis: { verdict: expect.any(String) } });
  });
});

describe('N of M', () => {
  it('two from sre need two different people', async () => {
    const dan = await h.person('dan');
    const { request } = await h.workflow.requestAccess(
      {
        access: { kind: 'group', groupName: 'ops-admins' },
        justification: 'on call',
        duration: '2h',
      },
      h.caller(dan),
    );
    await h.workflow.approve({ requestId: request.requestId }, h.caller(carol));
    expect(
      (await failure(h.workflow.approve({ requestId: request.requestId }, h.caller(carol)))).code,
    ).toBe('ALREADY_REVIEWED');
    expect(
      (await failure(h.workflow.approve({ requestId: request.requestId }, h.caller(rita)))).code,
    ).toBe('NOT_ELIGIBLE_REVIEWER');
    expect(
      (await h.workflow.approve({ requestId: request.requestId }, h.caller(bob))).request.status,
    ).toBe('APPROVED');
  });

  it('self-approval is refused even to a permitted reviewer', async () => {
    const { request } = await h.workflow.requestAccess(
      { access: { kind: 'group', groupName: 'ops-admins' }, justification: 'mine', duration: '1h' },
      h.caller(carol),
    );
    expect(
      (await failure(h.workflow.approve({ requestId: request.requestId }, h.caller(carol)))).code,
    ).toBe('SELF_REVIEW');
    await h.workflow.cancel(
      { requestId: request.requestId, reason: 'not needed' },
      h.caller(carol),
    );
  });
});

describe('the pending clock', () => {
  it('times out a request nobody reviewed', async () => {
    const eve = await h.person('eve');
    const { request } = await h.workflow.requestAccess(
      {
        access: { kind: 'group', groupName: 'ops-admins' },
        justification: 'maybe',
        duration: '1h',
      },
      h.caller(eve),
    );
    h.clock.advance(2 * HOUR - 1);
    expect((await settle()).get(request.requestId)).toBeUndefined();
    h.clock.advance(1);
    expect(
      (await failure(h.workflow.approve({ requestId: request.requestId }, h.caller(carol)))).code,
    ).toBe('INVALID_STATE');
    expect((await settle()).get(request.requestId)).toEqual(['timed-out']);
    expect((await h.workflow.getRequest(request.requestId)).status).toBe('TIMED_OUT');
  });
});

describe('the start and grant clocks', () => {
  it('starts at the scheduled time and ends on its own', async () => {
    const frank = await h.person('frank');
    const startAt = new Date(h.clock.now().getTime() + 3 * HOUR);
    const { request } = await h.workflow.requestAccess(
      {
        access: { kind: 'group', groupName: 'prod-admins' },
        justification: 'release night',
        duration: '1h',
        startAt,
      },
      h.caller(frank),
    );
    await h.workflow.approve({ requestId: request.requestId }, h.caller(rita));
    await h.workflow.approve({ requestId: request.requestId }, h.caller(carol));
    expect((await settle()).get(request.requestId)).toEqual(['scheduled']);
    expect(memberOf('frank', 'prod-admins')).toBe(false);
    h.clock.advance(3 * HOUR - 1000);
    expect((await settle()).get(request.requestId)).toBeUndefined();
    h.clock.advance(1000);
    expect((await settle()).get(request.requestId)).toEqual(['activated']);
    expect(memberOf('frank', 'prod-admins')).toBe(true);
    h.clock.advance(HOUR);
    expect((await settle()).get(request.requestId)).toEqual(['expired']);
    expect(memberOf('frank', 'prod-admins')).toBe(false);
    const view = await h.workflow.getRequest(request.requestId);
    expect(view).toMatchObject({ status: 'EXPIRED', grant: { endReason: 'EXPIRED' } });
  });
});

describe('grants have their own identity', () => {
  async function grant(person: Principal, duration: string): Promise<string> {
    const { request } = await h.workflow.requestAccess(
      { access: { kind: 'group', groupName: 'ops-admins' }, justification: 'work', duration },
      h.caller(person),
    );
    await h.workflow.approve({ requestId: request.requestId }, h.caller(carol));
    await h.workflow.approve({ requestId: request.requestId }, h.caller(bob));
    return request.requestId;
  }

  it('expiry keeps access that an overlapping grant still gives', async () => {
    const gina = await h.person('gina');
    const short = await grant(gina, '1h');
    const long = await grant(gina, '3h');
    await settle();
    expect((await h.workflow.getRequest(short)).status).toBe('ACTIVE');
    expect((await h.workflow.getRequest(long)).status).toBe('ACTIVE');
    expect(memberOf('gina', 'ops-admins')).toBe(true);
    // Only one activation changed IAM; the other found the membership there.
    const caused = [...(await h.iamEventsCausedBy(short)), ...(await h.iamEventsCausedBy(long))];
    expect(caused.map((e) => e.type).sort()).toEqual(['GroupMemberAdded', 'UserAddedToGroup']);
    h.clock.advance(HOUR);
    expect((await settle()).get(short)).toEqual(['expired']);
    expect(memberOf('gina', 'ops-admins')).toBe(true);
    const { events } = await h.workflow.history(short);
    const longGrant = (await h.workflow.getRequest(long)).grant?.grantId;
    expect(events.at(-1)).toMatchObject({
      type: 'GrantExpired',
      data: { removed: [], retained: [{ heldBy: [longGrant], permanent: false }] },
    });
    h.clock.advance(2 * HOUR);
    expect((await settle()).get(long)).toEqual(['expired']);
    expect(memberOf('gina', 'ops-admins')).toBe(false);
  });

  it('expiry keeps a permanent assignment', async () => {
    const hank = await h.person('hank', ['ops-admins']);
    const requestId = await grant(hank, '1h');
    await settle();
    expect((await h.workflow.getRequest(requestId)).status).toBe('ACTIVE');
    h.clock.advance(HOUR);
    await settle();
    expect(memberOf('hank', 'ops-admins')).toBe(true);
    const { events } = await h.workflow.history(requestId);
    expect(events.at(-1)).toMatchObject({
      type: 'GrantExpired',
      data: { removed: [], retained: [{ heldBy: [], permanent: true }] },
    });
  });
});

describe('temporary role access and revocation', () => {
  let ivan: Principal;
  const roleArn = () => h.arn('role', 'deployer');

  beforeAll(async () => {
    ivan = await h.person('ivan');
    await h.admin({
      type: 'CreateRole',
      roleName: 'deployer',
      assumeRolePolicyDocument: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { AWS: `arn:gatehouse:iam::${h.accountId}:root` },
            Action: 'sts:AssumeRole',
          },
        ],
      }),
    });
    await h.admin({
      type: 'PutRolePolicy',
      roleName: 'deployer',
      policyName: 'deploy',
      policyDocument: allow('iam:ListUsers'),
    });
  });

  it('revocation ends the grant’s sessions at once', async () => {
    const { request } = await h.workflow.requestAccess(
      { access: { kind: 'role', roleArn: roleArn() }, justification: 'deploy', duration: '2h' },
      h.caller(ivan),
    );
    await h.workflow.approve({ requestId: request.requestId }, h.caller(rita));
    await settle();
    const active = await h.workflow.getRequest(request.requestId);
    expect(active.status).toBe('ACTIVE');
    const grantId = active.grant!.grantId;
    ivan = await h.signIn('ivan');
    await h.iam.catchUp();
    // Without the grant's source identity the role cannot be assumed.
    await expect(
      h.iam.execute(
        { type: 'AssumeRole', roleArn: roleArn(), roleSessionName: 'plain' },
        { actor: ivan },
      ),
    ).rejects.toMatchObject({ code: 'ACCESS_DENIED' });
    const session = await h.iam.execute(
      {
        type: 'AssumeRole',
        roleArn: roleArn(),
        roleSessionName: 'deploy',
        sourceIdentity: grantSourceIdentity(grantId),
      },
      { actor: ivan },
    );
    const token = session.credentials.sessionToken;
    await expect(h.iam.authenticateSessionToken(token)).resolves.toMatchObject({
      principalType: 'AssumedRole',
    });

    const revoked = await h.workflow.revokeGrant(
      { requestId: request.requestId, reason: 'deploy done' },
      h.caller(rita),
    );
    expect(revoked.request.status).toBe('REVOKED');
    expect((await settle()).get(request.requestId)).toEqual(['access-removed']);
    await h.iam.catchUp();
    const refused = await h.iam.authenticateSessionToken(token).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(isIamError(refused)).toBe(true);
    await expect(
      h.iam.execute(
        {
          type: 'AssumeRole',
          roleArn: roleArn(),
          roleSessionName: 'again',
          sourceIdentity: grantSourceIdentity(grantId),
        },
        { actor: ivan },
      ),
    ).rejects.toMatchObject({ code: 'ACCESS_DENIED' });
    const { events } = await h.workflow.history(request.requestId);
    expect(events.at(-1)).toMatchObject({
      type: 'GrantAccessRemoved',
      data: {
        sessionsRevoked: [expect.stringMatching(/^ASES/)],
        removed: [expect.stringContaining('user-inline.')],
      },
    });
  });

  it('only the beneficiary or a holder of approvals:RevokeGrant may revoke', async () => {
    const { request } = await h.workflow.requestAccess(
      { access: { kind: 'role', roleArn: roleArn() }, justification: 'again', duration: '1h' },
      h.caller(ivan),
    );
    await h.workflow.approve({ requestId: request.requestId }, h.caller(rita));
    await settle();
    expect(
      (
        await failure(
          h.workflow.revokeGrant({ requestId: request.requestId, reason: 'x' }, h.caller(carol)),
        )
      ).code,
    ).toBe('NOT_AUTHORIZED');
    expect(
      (
        await h.workflow.revokeGrant(
          { requestId: request.requestId, reason: 'not needed' },
          h.caller(ivan),
        )
      ).request.status,
    ).toBe('REVOKED');
    await settle();
  });

  it('break-glass grants at once; a rejection afterwards revokes it', async () => {
    const { request } = await h.workflow.requestBreakGlass(
      {
        access: { kind: 'role', roleArn: roleArn() },
        justification: 'prod is down',
        duration: '30m',
      },
      h.caller(ivan),
    );
    expect(request).toMatchObject({ status: 'APPROVED', breakGlass: true, postReview: 'PENDING' });
    await settle();
    expect((await h.workflow.getRequest(request.requestId)).status).toBe('ACTIVE');
    expect(
      (
        await failure(
          h.workflow.requestBreakGlass(
            { access: { kind: 'role', roleArn: roleArn() }, justification: 'x', duration: '2h' },
            h.caller(ivan),
          ),
        )
      ).code,
    ).toBe('DURATION_NOT_ALLOWED');
    const rejected = await h.workflow.reject(
      { requestId: request.requestId, reason: 'not an incident' },
      h.caller(rita),
    );
    expect(rejected.request).toMatchObject({ status: 'REVOKED', postReview: 'REJECTED' });
    expect((await settle()).get(request.requestId)).toEqual(['access-removed']);
  });
});

describe('apply time', () => {
  it('runs the least-privilege analysis again and fails when the risk rose', async () => {
    const jack = await h.person('jack');
    const { request } = await h.workflow.requestAccess(
      { access: { kind: 'group', groupName: 'ops-admins' }, justification: 'tags', duration: '1h' },
      h.caller(jack),
    );
    await h.workflow.approve({ requestId: request.requestId }, h.caller(carol));
    await h.workflow.approve({ requestId: request.requestId }, h.caller(bob));
    // Meanwhile the group gains credential-exposing access.
    await h.admin({
      type: 'PutGroupPolicy',
      groupName: 'ops-admins',
      policyName: 'keys',
      policyDocument: allow(
        'iam:CreateLoginProfile',
        `arn:gatehouse:iam::${h.accountId}:user/nobody-*`,
      ),
    });
    await settle();
    const view = await h.workflow.getRequest(request.requestId);
    expect(view).toMatchObject({ status: 'FAILED', failure: { code: 'RISK_INCREASED' } });
    expect(memberOf('jack', 'ops-admins')).toBe(false);
    await h.admin({ type: 'DeleteGroupPolicy', groupName: 'ops-admins', policyName: 'keys' });
  });

  it('auto-approves a low-risk permanent request and applies it', async () => {
    const kate = await h.person('kate');
    const { request } = await h.workflow.requestAccess(
      { access: { kind: 'group', groupName: 'readers' }, justification: 'read the directory' },
      h.caller(kate),
    );
    expect(request).toMatchObject({
      status: 'APPROVED',
      rule: { name: 'read-only' },
      durationSeconds: null,
    });
    expect((await settle()).get(request.requestId)).toEqual(['applied']);
    expect(memberOf('kate', 'readers')).toBe(true);
    expect((await h.workflow.getRequest(request.requestId)).status).toBe('APPLIED');
  });

  it('applies a change the gateway submitted (any IAM command) once approved', async () => {
    await h.admin({
      type: 'CreatePolicy',
      policyName: 'TagUsers',
      policyDocument: allow('iam:TagUser'),
    });
    const lena = await h.person('lena');
    await h.person('paul', ['dev-tools']);
    const command = {
      type: 'AttachGroupPolicy' as const,
      groupName: 'dev-tools',
      policyArn: h.arn('policy', 'TagUsers'),
    };
    const { request } = await h.workflow.submitChangeRequest(
      { command, justification: 'tooling needs tags' },
      h.caller(lena),
    );
    expect(request).toMatchObject({
      status: 'PENDING',
      source: 'gateway',
      rule: { name: 'default' },
    });
    await h.workflow.approve({ requestId: request.requestId }, h.caller(rita));
    expect((await settle()).get(request.requestId)).toEqual(['applied']);
    expect((await h.iamEventsCausedBy(request.requestId)).map((e) => e.type).sort()).toEqual([
      'GroupPolicyAttached',
      'PolicyAttached',
    ]);
  });

  it('requires reviewer MFA where the rule says so', async () => {
    const mona = await h.person('mona');
    const { request } = await h.workflow.requestAccess(
      {
        access: { kind: 'group', groupName: 'secure-vault' },
        justification: 'vault',
        duration: '1h',
      },
      h.caller(mona),
    );
    expect(
      (await failure(h.workflow.approve({ requestId: request.requestId }, h.caller(rita)))).code,
    ).toBe('MFA_REQUIRED');
    const withMfa = { ...rita, mfaAuthenticated: true, mfaAuthenticatedAt: h.clock.now() };
    const approved = await h.workflow.approve({ requestId: request.requestId }, h.caller(withMfa));
    expect(approved.request.status).toBe('APPROVED');
    expect(approved.request.approvals[0]).toMatchObject({ mfa: true, mfaAgeSeconds: 0 });
  });
});

describe('rules as code through the API', () => {
  it('rejects an invalid file with its location and publishes a valid one as the next version', async () => {
    const invalid = await failure(
      h.workflow.publishRules(
        {
          source: 'version: 1\nrules:\n  - name: x\n    reviewers: { anyone: 0 }\n',
          fileName: 'new.yaml',
        },
        h.caller(rita),
      ),
    );
    expect(invalid.code).toBe('INVALID_RULES');
    expect(invalid.details.formatted).toEqual([
      'new.yaml:4:26: `anyone` must be from 1 to 20 [INVALID_VALUE]',
    ]);
    expect(
      (
        await failure(
          h.workflow.publishRules(
            { source: 'version: 1\nrules:\n  - name: x\n    reviewers: { anyone: 1 }\n' },
            h.caller(carol),
          ),
        )
      ).code,
    ).toBe('NOT_AUTHORIZED');
    const next = 'version: 1\nrules:\n  - name: everyone-two\n    reviewers: { anyone: 2 }\n';
    expect(
      await h.workflow.publishRules({ source: next, fileName: 'next.yaml' }, h.caller(rita)),
    ).toMatchObject({ version: 2, changed: true });
    expect(
      await h.workflow.publishRules({ source: next, fileName: 'next.yaml' }, h.caller(rita)),
    ).toMatchObject({ version: 2, changed: false });
    const nina = await h.person('nina');
    const { request } = await h.workflow.requestAccess(
      { access: { kind: 'group', groupName: 'ops-admins' }, justification: 'x' },
      h.caller(nina),
    );
    expect(request.rule).toMatchObject({ name: 'everyone-two', ruleSetVersion: 2 });
    await h.workflow.publishRules(
      { source: (await import('./support/harness.js')).RULES, fileName: 'test-rules.yaml' },
      h.caller(rita),
    );
  });
});

describe('queries over the read models', () => {
  it('my requests, awaiting my review, active grants', async () => {
    const oscar = await h.person('oscar');
    const { request } = await h.workflow.requestAccess(
      { access: { kind: 'group', groupName: 'ops-admins' }, justification: 'q', duration: '1h' },
      h.caller(oscar),
    );
    await approvals.worker.tick();
    const mine = await h.queries.myRequests(h.arn('user', 'oscar'));
    expect(mine.edges.map((e) => e.node)).toEqual([
      expect.objectContaining({
        requestId: request.requestId,
        status: 'PENDING',
        risk: expect.any(String),
      }),
    ]);
    const forCarol = await h.queries.awaitingReview(
      { person: h.arn('user', 'carol'), groups: ['sre', 'reviewers'] },
      h.clock.now(),
    );
    expect(forCarol.edges.map((e) => e.node.requestId)).toContain(request.requestId);
    const forOscar = await h.queries.awaitingReview(
      { person: h.arn('user', 'oscar'), groups: ['sre'] },
      h.clock.now(),
    );
    expect(forOscar.edges.map((e) => e.node.requestId)).not.toContain(request.requestId);
    await h.workflow.approve({ requestId: request.requestId }, h.caller(carol));
    await h.workflow.approve({ requestId: request.requestId }, h.caller(bob));
    await settle();
    const after = await h.queries.awaitingReview(
      { person: h.arn('user', 'carol'), groups: ['sre', 'reviewers'] },
      h.clock.now(),
    );
    expect(after.edges.map((e) => e.node.requestId)).not.toContain(request.requestId);
    await approvals.intake.catchUp();
    const grants = await h.queries.activeGrants({ beneficiaryArn: h.arn('user', 'oscar') });
    expect(grants.edges.map((e) => e.node)).toEqual([
      expect.objectContaining({
        requestId: request.requestId,
        status: 'ACTIVE',
        expiresAt: new Date(h.clock.now().getTime() + HOUR),
      }),
    ]);
    const page = await h.queries.activeGrants({}, { first: 1 });
    expect(page.pageInfo.hasNextPage).toBe(
      page.edges.length === 1 &&
        (await h.queries.activeGrants({}, { first: 100 })).edges.length > 1,
    );
  });
});
