import { describe, expect, it } from '@jest/globals';
import type { Principal } from '@gatehouse/iam';
import type { AccountSnapshot } from '@gatehouse/policy';
import { isGatewayError } from '../errors/gatewayError.js';
import type { PermissionChangingCommand } from './accountChanges.js';
import { ChangeGate } from './changeGate.js';
import type { ChangeRequestSubmission } from './changeRequests.js';

const ACCOUNT = '123456789012';
const arn = (kind: string, name: string) => `arn:gatehouse:iam::${ACCOUNT}:${kind}/${name}`;
const doc = (actions: string[]) =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action: actions, Resource: '*' }],
  });

const SNAPSHOT: AccountSnapshot = {
  accountId: ACCOUNT,
  users: [{ name: 'alice' }, { name: 'bob', groups: ['readers'] }],
  groups: [{ name: 'readers', attachedPolicies: [arn('policy', 'Read')] }],
  roles: [],
  policies: [
    { arn: arn('policy', 'Read'), document: doc(['iam:GetUser']) },
    { arn: arn('policy', 'Admin'), document: doc(['*']) },
  ],
  rules: { adminPrincipals: [] },
};

const principal = (type: Principal['principalType']): Principal => ({
  principalType: type,
  principalArn: type === 'Root' ? `arn:gatehouse:iam::${ACCOUNT}:root` : arn('user', 'operator'),
  principalId: 'AIDAOPERATOR',
  accountId: ACCOUNT,
  mfaAuthenticated: true,
  originalPrincipalArn: arn('user', 'operator'),
  passwordResetRequired: false,
  warnings: [],
});

const REQUEST = {
  requestId: 'req-1',
  sourceIp: '10.0.0.1',
  secureTransport: true,
  userAgent: undefined,
  receivedAt: new Date('2026-11-28T12:00:00Z'),
};

function gate() {
  const submitted: ChangeRequestSubmission[] = [];
  const changeGate = new ChangeGate({
    snapshot: () => SNAPSHOT,
    policyVersionDocument: () => undefined,
    changeRequests: {
      submit: (submission) => {
        submitted.push(submission);
        return Promise.resolve('cr-1');
      },
    },
  });
  return { changeGate, submitted };
}

describe('ChangeGate', () => {
  it('applies a change that grants nothing new', async () => {
    const { changeGate, submitted } = gate();
    const command: PermissionChangingCommand = {
      type: 'RemoveUserFromGroup',
      groupName: 'readers',
      userName: 'bob',
    };
    const decision = await changeGate.review(command, principal('User'), REQUEST);
    expect(decision).toMatchObject({
      kind: 'apply',
      approvalBypassed: false,
      analysis: { verdict: 'AUTO_APPLY' },
    });
    expect(submitted).toEqual([]);
  });

  it('submits a change that grants new access for approval, with the command and the analysis', async () => {
    const { changeGate, submitted } = gate();
    const command: PermissionChangingCommand = {
      type: 'AddUserToGroup',
      groupName: 'readers',
      userName: 'alice',
    };
    const decision = await changeGate.review(command, principal('User'), REQUEST);
    expect(decision).toMatchObject({
      kind: 'pending',
      changeRequestId: 'cr-1',
      analysis: { verdict: 'REQUIRE_APPROVAL' },
    });
    expect(submitted[0]?.command).toEqual(command);
    expect(submitted[0]?.changes).toEqual([
      { kind: 'AddUserToGroup', userName: 'alice', groupName: 'readers' },
    ]);
  });

  it('lets the root user apply it, flagged', async () => {
    const { changeGate, submitted } = gate();
    const command: PermissionChangingCommand = {
      type: 'AddUserToGroup',
      groupName: 'Readers',
      userName: 'ALICE',
    };
    const decision = await changeGate.review(command, principal('Root'), REQUEST);
    expect(decision).toMatchObject({ kind: 'apply', approvalBypassed: true });
    expect(submitted).toEqual([]);
  });

  it('blocks admin-equivalent access for a principal outside the admin list, with the findings', async () => {
    const { changeGate } = gate();
    const command: PermissionChangingCommand = {
      type: 'AttachUserPolicy',
      userName: 'alice',
      policyArn: arn('policy', 'Admin'),
    };
    let error: unknown;
    try {
      await changeGate.review(command, principal('Root'), REQUEST);
    } catch (caught) {
      error = caught;
    }
    expect(isGatewayError(error, 'FORBIDDEN')).toBe(true);
    expect(isGatewayError(error) && error.details).toMatchObject({
      reason: 'LEAST_PRIVILEGE_BLOCK',
      analysis: {
        verdict: 'BLOCK',
        findings: expect.arrayContaining([
          expect.objectContaining({ code: 'ADMIN_EQUIVALENT_FOR_NON_ADMIN' }),
        ]),
      },
    });
  });

  it('leaves an invalid change to the domain, which reports it precisely', async () => {
    const { changeGate } = gate();
    const command: PermissionChangingCommand = {
      type: 'AttachUserPolicy',
      userName: 'alice',
      policyArn: arn('policy', 'Missing'),
    };
    expect(await changeGate.review(command, principal('User'), REQUEST)).toMatchObject({
      kind: 'apply',
      analysis: {
        verdict: 'BLOCK',
        findings: [expect.objectContaining({ category: 'invalid-change' })],
      },
    });
  });

  it('does not analyse a policy version that does not become the default', async () => {
    const { changeGate } = gate();
    const command: PermissionChangingCommand = {
      type: 'CreatePolicyVersion',
      policyArn: arn('policy', 'Read'),
      policyDocument: doc(['*']),
    };
    expect(await changeGate.review(command, principal('User'), REQUEST)).toMatchObject({
      kind: 'apply',
      analysis: { verdict: 'AUTO_APPLY', findings: [] },
    });
  });
});
