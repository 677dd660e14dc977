import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { parseCheckpoint } from '@gatehouse/event-store';
import { SYSTEM_ACTOR } from '@gatehouse/iam';
import { allow } from '@gatehouse/iam/testing';
import { review, submittedData } from '@gatehouse/workflow/testing';
import { isAuditError, type AsOf } from '../src/index.js';
import { ACCOUNT, createHarness, type AuditHarness } from './support/harness.js';

let h: AuditHarness;
const root = () => ({ actor: h.iam.rootPrincipal() });
const userArn = (name: string) => `arn:gatehouse:iam::${ACCOUNT}:user/${name}`;
const alice = userArn('alice');
const policyArn = `arn:gatehouse:iam::${ACCOUNT}:policy/s3-delete`;
const question = {
  principalArn: alice,
  action: 's3:DeleteObject',
  resource: 'arn:aws:s3:::bucket/prod/report.csv',
};
const requestId = randomUUID();
const correlationId = `corr-${requestId}`;

/**
 * Moments of the story, each just after its step: the last event's recorded time
 * (microseconds in PostgreSQL, milliseconds here) plus 1 ms, then a pause of a
 * few milliseconds so the next step is recorded after the moment.
 */
const t: Record<string, AsOf> = {};
const justAfter = (time: Date) => new Date(time.getTime() + 1);
const pause = () => new Promise((resolve) => setTimeout(resolve, 5));
const at = async (name: string) => {
  t[name] = { time: justAfter((await h.lastRecorded()).time) };
  await pause();
};

beforeAll(async () => {
  h = await createHarness();
  await at('beforeAlice');
  await h.iam.execute({ type: 'CreateUser', userName: 'alice' }, root());
  await h.iam.execute({ type: 'CreateGroup', groupName: 'prod-admins' }, root());
  await h.iam.execute(
    {
      type: 'CreatePolicy',
      policyName: 's3-delete',
      policyDocument: allow('s3:DeleteObject', 'arn:aws:s3:::bucket/prod/*'),
    },
    root(),
  );
  await h.iam.execute({ type: 'AttachGroupPolicy', groupName: 'prod-admins', policyArn }, root());
  await at('beforeRequest');

  // A change request approved by carol, applied by the approvals service under its correlation id.
  const data = submittedData({ requestId, correlationId, beneficiaryArn: alice });
  await h.events.appendToStream(
    `workflow-request-${requestId}`,
    [
      { type: 'ChangeRequestSubmitted', data, actor: alice, correlationId },
      {
        type: 'ChangeRequestApproved',
        data: {
          requestId,
          review: review('carol', ['security']),
          comment: 'ok for the incident',
          quorumMet: true,
          reviewedAt: new Date().toISOString(),
        },
        actor: userArn('carol'),
        correlationId: 'corr-review',
      },
    ],
    { expectedVersion: 'no_stream' },
  );
  await at('approvedNotApplied');
  await h.iam.execute(
    { type: 'AddUserToGroup', groupName: 'prod-admins', userName: 'alice' },
    { actor: SYSTEM_ACTOR, correlationId },
  );
  const afterApply = await h.lastRecorded();
  t.applied = { time: justAfter(afterApply.time) };
  t.appliedCheckpoint = { checkpoint: parseCheckpoint(afterApply.checkpoint) };
  await pause();

  // The policy is narrowed (new default version), then restored.
  await h.iam.execute(
    {
      type: 'CreatePolicyVersion',
      policyArn,
      policyDocument: allow('s3:GetObject', 'arn:aws:s3:::bucket/prod/*'),
      setAsDefault: true,
    },
    root(),
  );
  await at('narrowed');
  await h.iam.execute({ type: 'SetDefaultPolicyVersion', policyArn, versionId: 'v1' }, root());
  await at('restored');

  // The grant expires: the approvals service removes the membership under the request.
  await h.iam.execute(
    { type: 'RemoveUserFromGroup', groupName: 'prod-admins', userName: 'alice' },
    { actor: SYSTEM_ACTOR, correlationId },
  );
  await at('expired');
});

afterAll(async () => {
  await h.close();
});

const decision = async (name: string) =>
  (await h.audit.simulatePrincipalPolicyAsOf(question, t[name])).decision;

describe('simulatePrincipalPolicyAsOf', () => {
  it('answers before and after an approval, a policy change and a grant expiry', async () => {
    expect(await decision('beforeRequest')).toBe('ImplicitlyDenied');
    expect(await decision('approvedNotApplied')).toBe('ImplicitlyDenied');
    expect(await decision('applied')).toBe('Allowed');
    expect(await decision('appliedCheckpoint')).toBe('Allowed');
    expect(await decision('narrowed')).toBe('ImplicitlyDenied');
    expect(await decision('restored')).toBe('Allowed');
    expect(await decision('expired')).toBe('ImplicitlyDenied');
    expect((await h.audit.simulatePrincipalPolicyAsOf(question)).decision).toBe('ImplicitlyDenied');
  });

  it('names the deciding statement, the events that put it in force and the approved request', async () => {
    const answer = await h.audit.simulatePrincipalPolicyAsOf(question, t.applied);
    expect(answer.statements).toHaveLength(1);
    const [statement] = answer.statements;
    expect(statement?.policy).toBe(policyArn);
    expect(statement?.effect).toBe('Allow');
    const types = statement?.grantedBy.map((g) => g.type).sort();
    expect(types).toEqual(['GroupPolicyAttached', 'UserAddedToGroup']);
    const membership = statement?.grantedBy.find((g) => g.type === 'UserAddedToGroup');
    expect(membership?.changeRequest?.requestId).toBe(requestId);
    expect(membership?.changeRequest?.status).toBe('APPROVED');
    expect(membership?.changeRequest?.reviewers).toEqual([
      {
        reviewerArn: userArn('carol'),
        person: userArn('carol'),
        decision: 'APPROVED',
        mfa: false,
        groups: ['security'],
      },
    ]);
    const attachment = statement?.grantedBy.find((g) => g.type === 'GroupPolicyAttached');
    expect(attachment?.changeRequest).toBeNull();
  });

  it('says a principal did not exist yet', async () => {
    const answer = await h.audit.simulatePrincipalPolicyAsOf(question, t.beforeAlice);
    expect(answer.principalExisted).toBe(false);
    expect(answer.decision).toBe('ImplicitlyDenied');
  });

  it('refuses a principal that is not a user or role ARN', async () => {
    try {
      await h.audit.simulatePrincipalPolicyAsOf({ ...question, principalArn: 'alice' });
      throw new Error('accepted');
    } catch (error) {
      expect(isAuditError(error) && error.code).toBe('INVALID_INPUT');
    }
  });
});

describe('entities and effective permissions as of a moment', () => {
  it('reads a user before and after it existed, with its groups then', async () => {
    expect((await h.audit.entityAsOf('user', 'alice', t.beforeAlice)).exists).toBe(false);
    const then = await h.audit.entityAsOf('user', 'alice', t.applied);
    expect(then.exists).toBe(true);
    expect(then.arn).toBe(alice);
    const groupIds = (JSON.parse(then.state ?? '{}') as { groupIds: string[] }).groupIds;
    expect(groupIds).toHaveLength(1);
    const now = JSON.parse((await h.audit.entityAsOf('user', 'alice')).state ?? '{}') as {
      groupIds: string[];
    };
    expect(now.groupIds).toEqual([]);
  });

  it('reads a managed policy with its default version then', async () => {
    const v1 = await h.audit.entityAsOf('policy', 's3-delete', t.applied);
    expect(v1.defaultVersionId).toBe('v1');
    expect(v1.defaultDocument).toContain('s3:DeleteObject');
    const v2 = await h.audit.entityAsOf('policy', 's3-delete', t.narrowed);
    expect(v2.defaultVersionId).toBe('v2');
    expect(v2.defaultDocument).toContain('s3:GetObject');
  });

  it('lists effective permissions then and now', async () => {
    const then = await h.audit.effectivePermissionsAsOf(alice, t.applied);
    expect(then.groups).toEqual(['prod-admins']);
    expect(then.policies).toEqual([policyArn]);
    expect(then.access.map((a) => [a.action, a.resource])).toEqual([
      ['s3:DeleteObject', 'arn:aws:s3:::bucket/prod/*'],
    ]);
    await h.iam.catchUp();
    const now = await h.audit.effectivePermissionsAsOf(alice);
    expect(now.groups).toEqual([]);
    expect(now.access).toEqual([]);
  });
});

describe('access review by resource', () => {
  it('lists who can do it now and since when', async () => {
    expect(await h.audit.reviewResourceAccess(question.action, question.resource)).toEqual([]);
    await h.iam.execute({ type: 'CreateUser', userName: 'dave' }, root());
    const before = (await h.lastRecorded()).time;
    await h.iam.execute(
      { type: 'AddUserToGroup', groupName: 'prod-admins', userName: 'dave' },
      root(),
    );
    const after = (await h.lastRecorded()).time;
    await h.iam.catchUp();
    const holders = await h.audit.reviewResourceAccess(question.action, question.resource);
    expect(holders.map((x) => x.principalArn)).toEqual([userArn('dave')]);
    const since = holders[0]?.since?.getTime() ?? 0;
    expect(since).toBeGreaterThan(before.getTime());
    expect(since).toBeLessThanOrEqual(after.getTime());
    expect(holders[0]?.policies).toEqual([policyArn]);
  });
});
