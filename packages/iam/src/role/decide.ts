import {
  checkPolicyDocument,
  documentText,
  type CheckedDocument,
} from '../policyDocuments/checkPolicyDocument.js';
import { assertHolderDeletable, type PrincipalHolder } from '../principals/policyHolder/decide.js';
import { iamArn } from '../shared/arn.js';
import type { DecideContext } from '../shared/context.js';
import type { PolicyRef } from '../shared/events.js';
import { noSuchEntity } from '../shared/iamError.js';
import { ROLE_SESSION } from '../shared/quotas.js';
import { assertTags } from '../shared/tags.js';
import type { CreateRole, UpdateRole } from './commands.js';
import { ROLE_POLICY_HOLDER, type RoleEvent } from './events.js';
import type { RoleState } from './evolve.js';

/** @throws IamError `NO_SUCH_ENTITY` unless the role exists */
export function assertRoleExists(state: RoleState, roleName: string): void {
  if (state.status !== 'active') throw noSuchEntity('role', roleName);
}

/**
 * The role as a policy holder: its inline and managed policies, boundary and
 * tags are decided by `principals/policyHolder` as for users.
 */
export function rolePolicyHolder(state: RoleState): PrincipalHolder<'Role', 'roleId'> {
  return { kind: ROLE_POLICY_HOLDER, id: state.roleId, name: state.roleName, state };
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
  assertHolderDeletable(rolePolicyHolder(state));
  return [
    {
      type: 'RoleDeleted',
      data: { roleId: state.roleId, roleName: state.roleName, arn: state.arn },
    },
  ];
}
