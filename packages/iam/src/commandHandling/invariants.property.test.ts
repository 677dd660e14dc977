import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import type { IamCommand } from './commands.js';
import { isIamError } from '../shared/iamError.js';
import { allow } from '../testing/documents.js';
import { Scenario } from '../testing/scenario.js';

const users = ['u0', 'u1', 'u2'];
const groups = ['g0', 'g1'];
const policies = ['P0', 'P1'];
const arn = (p: string) => `arn:gatehouse:iam::123456789012:policy/${p}`;

const command: fc.Arbitrary<IamCommand> = fc.oneof(
  fc.constantFrom(...users).map((userName) => ({ type: 'CreateUser' as const, userName })),
  fc.constantFrom(...users).map((userName) => ({ type: 'DeleteUser' as const, userName })),
  fc.constantFrom(...groups).map((groupName) => ({ type: 'CreateGroup' as const, groupName })),
  fc.constantFrom(...groups).map((groupName) => ({ type: 'DeleteGroup' as const, groupName })),
  fc
    .tuple(fc.constantFrom(...groups), fc.constantFrom(...users))
    .map(([groupName, userName]) => ({ type: 'AddUserToGroup' as const, groupName, userName })),
  fc.tuple(fc.constantFrom(...groups), fc.constantFrom(...users)).map(([groupName, userName]) => ({
    type: 'RemoveUserFromGroup' as const,
    groupName,
    userName,
  })),
  fc.constantFrom(...policies).map((policyName) => ({
    type: 'CreatePolicy' as const,
    policyName,
    policyDocument: allow('s3:*'),
  })),
  fc.constantFrom(...policies).map((p) => ({ type: 'DeletePolicy' as const, policyArn: arn(p) })),
  fc
    .tuple(fc.constantFrom(...users), fc.constantFrom(...policies))
    .map(([userName, p]) => ({ type: 'AttachUserPolicy' as const, userName, policyArn: arn(p) })),
  fc
    .tuple(fc.constantFrom(...users), fc.constantFrom(...policies))
    .map(([userName, p]) => ({ type: 'DetachUserPolicy' as const, userName, policyArn: arn(p) })),
  fc.tuple(fc.constantFrom(...groups), fc.constantFrom(...policies)).map(([groupName, p]) => ({
    type: 'AttachGroupPolicy' as const,
    groupName,
    policyArn: arn(p),
  })),
  fc.tuple(fc.constantFrom(...users), fc.constantFrom(...policies)).map(([userName, p]) => ({
    type: 'PutUserPermissionsBoundary' as const,
    userName,
    permissionsBoundary: arn(p),
  })),
  fc
    .constantFrom(...users)
    .map((userName) => ({ type: 'UpdateUser' as const, userName, newUserName: `${userName}x` })),
);

describe('cross-aggregate invariants (any sequence of commands)', () => {
  it('both sides of every membership and attachment agree, failed commands write nothing, and the view equals the streams', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(command, { minLength: 1, maxLength: 40 }), async (commands) => {
        const t = await Scenario.create();
        for (const c of commands) {
          const before = t.store.events.length;
          try {
            await t.iam.execute(c, { actor: t.root });
          } catch (error) {
            if (!isIamError(error)) throw error;
            expect(t.store.events.length).toBe(before);
          }
        }
        const view = t.iam.view;
        const liveUsers = [...view.users()].filter((u) => u.status === 'active');
        const liveGroups = [...view.groups()].filter((g) => g.status === 'active');
        for (const user of liveUsers) {
          for (const groupId of user.groupIds)
            expect(view.group(groupId)?.members).toContain(user.userId);
          for (const ref of user.attachedPolicies) {
            expect(view.policy(ref.policyId)?.usedBy).toContainEqual({
              entityType: 'User',
              entityId: user.userId,
              usage: 'PermissionsPolicy',
            });
          }
          if (user.permissionsBoundary !== null) {
            expect(view.policy(user.permissionsBoundary.policyId)?.status).toBe('active');
          }
          expect(view.holderOf('user', user.userName)).toBe(user.userId);
        }
        for (const group of liveGroups) {
          for (const userId of group.members)
            expect(view.user(userId)?.groupIds).toContain(group.groupId);
        }
        for (const policy of [...view.policies()].filter((p) => p.status === 'active')) {
          for (const use of policy.usedBy) {
            const holder =
              use.entityType === 'User' ? view.user(use.entityId) : view.group(use.entityId);
            expect(holder?.status).toBe('active');
          }
        }
      }),
      { numRuns: 40 },
    );
  });
});
