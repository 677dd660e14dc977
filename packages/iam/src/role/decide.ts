import {
  checkPolicyDocument,
  documentText,
  type CheckedDocument,
} from '../policyDocuments/checkPolicyDocument.js';
import {
  assertAttached,
  assertInlinePolicy,
  checkAttach,
  checkInlinePolicy,
  holderDeleteConflicts,
  type HolderKind,
} from '../principals/principalPolicies.js';
import { iamArn } from '../shared/arn.js';
import type { DecideContext } from '../shared/context.js';
import type { PolicyRef } from '../shared/events.js';
import { deleteConflict, IamError, noSuchEntity } from '../shared/iamError.js';
import { ROLE_SESSION } from '../shared/quotas.js';
import { assertTags, mergeTags, removeTags } from '../shared/tags.js';
import type { CreateRole, TagRole, UntagRole, UpdateRole } from './commands.js';
import type { RoleEvent } from './events.js';
import type { RoleState } from './evolve.js';

/** @throws IamError `NO_SUCH_ENTITY` unless the role exists */
export function assertRoleExists(state: RoleState, roleName: string): void {
  if (state.status !== 'active') throw noSuchEntity('role', roleName);
}

function holder(state: RoleState, context: DecideContext): HolderKind {
  return {
    word: 'role',
    name: state.roleName,
    inlineLimit: context.limits.inlineRoleSize,
    inlineQuota: 'InlineRolePolicySize',
  };
}

/** Validates a trust policy (trust kind, 2,048 characters). */
export function checkTrustPolicy(
  document: string | object,
  context: DecideContext,
): CheckedDocument {
  return checkPolicyDocument(documentText(document), {
    kind: 'trust',
    sizeLimit: context.limits.trustPolicySize,
    quota: 'RoleTrustPolicySize',
  });
}

/** @throws IamError `MALFORMED_POLICY_DOCUMENT`, `LIMIT_EXCEEDED`, `INVALID_INPUT` */
export function decideCreateRole(
  command: CreateRole,
  roleId: string,
  boundary: PolicyRef | null,
  context: DecideContext,
): { events: RoleEvent[]; document: CheckedDocument } {
  const tags = command.tags ?? [];
  assertTags('tags', tags);
  const trust = checkTrustPolicy(command.assumeRolePolicyDocument, context);
  const path = command.path ?? '/';
  return {
    events: [
      {
        type: 'RoleCreated',
        data: {
          roleId,
          roleName: command.roleName,
          path,
          arn: iamArn(context.accountId, 'role', path, command.roleName),
          assumeRolePolicyDocument: trust.text,
          description: command.description ?? null,
          maxSessionDuration: command.maxSessionDuration ?? ROLE_SESSION.defaultMax,
          tags,
          permissionsBoundary: boundary,
        },
      },
    ],
    document: trust,
  };
}

export function decideUpdateRole(command: UpdateRole, state: RoleState): RoleEvent[] {
  const description = command.description ?? state.description;
  const maxSessionDuration = command.maxSessionDuration ?? state.maxSessionDuration;
  if (description === state.description && maxSessionDuration === state.maxSessionDuration)
    return [];
  return [{ type: 'RoleUpdated', data: { roleId: state.roleId, description, maxSessionDuration } }];
}

export function decideUpdateAssumeRolePolicy(
  state: RoleState,
  document: string | object,
  context: DecideContext,
): { events: RoleEvent[]; document: CheckedDocument } {
  const trust = checkTrustPolicy(document, context);
  return {
    events: [
      {
        type: 'AssumeRolePolicyUpdated',
        data: { roleId: state.roleId, assumeRolePolicyDocument: trust.text },
      },
    ],
    document: trust,
  };
}

/** @throws IamError `DELETE_CONFLICT` while the role has policies */
export function decideDeleteRole(state: RoleState): RoleEvent[] {
  const conflicts = holderDeleteConflicts(state);
  if (conflicts.length > 0) {
    throw deleteConflict(
      `cannot delete role \`${state.roleName}\`: it still has ${conflicts.join(', ')}`,
      { conflicts },
    );
  }
  return [
    {
      type: 'RoleDeleted',
      data: { roleId: state.roleId, roleName: state.roleName, arn: state.arn },
    },
  ];
}

export function decideRoleTags(command: TagRole | UntagRole, state: RoleState): RoleEvent[] {
  if (command.type === 'TagRole') {
    assertTags('tags', mergeTags(state.tags, command.tags));
    return [{ type: 'RoleTagged', data: { roleId: state.roleId, tags: command.tags } }];
  }
  if (removeTags(state.tags, command.tagKeys).length === state.tags.length) return [];
  return [{ type: 'RoleUntagged', data: { roleId: state.roleId, tagKeys: command.tagKeys } }];
}

export function decidePutRolePermissionsBoundary(
  state: RoleState,
  boundary: PolicyRef,
): RoleEvent[] {
  if (state.permissionsBoundary?.policyId === boundary.policyId) return [];
  return [{ type: 'RolePermissionsBoundaryPut', data: { roleId: state.roleId, ...boundary } }];
}

export function decideDeleteRolePermissionsBoundary(state: RoleState): RoleEvent[] {
  if (state.permissionsBoundary === null) {
    throw new IamError('NO_SUCH_ENTITY', `role \`${state.roleName}\` has no permissions boundary`, {
      details: { entity: 'PermissionsBoundary', role: state.roleName },
    });
  }
  return [
    {
      type: 'RolePermissionsBoundaryDeleted',
      data: { roleId: state.roleId, ...state.permissionsBoundary },
    },
  ];
}

export function decidePutRolePolicy(
  state: RoleState,
  policyName: string,
  document: string | object,
  context: DecideContext,
): { events: RoleEvent[]; document: CheckedDocument } {
  const policy = checkInlinePolicy(state, holder(state, context), policyName, document);
  return {
    events: [
      {
        type: 'RolePolicyPut',
        data: {
          roleId: state.roleId,
          policyName,
          policyDocument: policy.policyDocument,
          size: policy.size,
        },
      },
    ],
    document: policy.checked,
  };
}

export function decideDeleteRolePolicy(
  state: RoleState,
  policyName: string,
  context: DecideContext,
): RoleEvent[] {
  assertInlinePolicy(state, holder(state, context), policyName);
  return [{ type: 'RolePolicyDeleted', data: { roleId: state.roleId, policyName } }];
}

export function decideAttachRolePolicy(
  state: RoleState,
  policy: PolicyRef,
  context: DecideContext,
): RoleEvent[] {
  if (
    !checkAttach(state, holder(state, context), policy, context.limits.managedPoliciesPerPrincipal)
  )
    return [];
  return [{ type: 'RolePolicyAttached', data: { roleId: state.roleId, ...policy } }];
}

export function decideDetachRolePolicy(
  state: RoleState,
  policy: PolicyRef,
  context: DecideContext,
): RoleEvent[] {
  assertAttached(state, holder(state, context), policy.policyArn, policy.policyId);
  return [{ type: 'RolePolicyDetached', data: { roleId: state.roleId, ...policy } }];
}
