import {
  checkPolicyDocument,
  documentText,
  type CheckedDocument,
} from '../policyDocuments/checkPolicyDocument.js';
import type { DecideContext } from '../shared/context.js';
import { deleteConflict, IamError, limitExceeded } from '../shared/iamError.js';
import { assertTags, mergeTags, removeTags } from '../shared/tags.js';
import { iamArn } from '../shared/arn.js';
import type { CreatePolicy, ManagedPolicyCommand } from './commands.js';
import type { ManagedPolicyEvent, PolicyEntityType, PolicyUsage } from './events.js';
import type { ManagedPolicyState } from './evolve.js';

/** What deciding a policy command produced: its events and any document warnings. */
export interface PolicyDecision {
  readonly events: ManagedPolicyEvent[];
  readonly document?: CheckedDocument;
}

/** Validates a managed policy document (identity kind, 6,144 characters). */
export function checkManagedDocument(
  document: string | object,
  context: DecideContext,
): CheckedDocument {
  return checkPolicyDocument(documentText(document), {
    kind: 'identity',
    sizeLimit: context.limits.managedPolicySize,
    quota: 'PolicySize',
  });
}

/** NO_SUCH_ENTITY unless the policy exists. */
export function assertPolicyExists(state: ManagedPolicyState, arn: string): void {
  if (state.status !== 'active') {
    throw new IamError('NO_SUCH_ENTITY', `policy \`${arn}\` does not exist or is not attachable`, {
      details: { entity: 'Policy', arn },
    });
  }
}

/**
 * Creates a policy (the name's reservation is decided by the caller).
 * @throws IamError `MALFORMED_POLICY_DOCUMENT`, `LIMIT_EXCEEDED`, `INVALID_INPUT`
 */
export function decideCreatePolicy(
  command: CreatePolicy,
  policyId: string,
  context: DecideContext,
): PolicyDecision {
  const tags = command.tags ?? [];
  assertTags('tags', tags);
  const document = checkManagedDocument(command.policyDocument, context);
  const path = command.path ?? '/';
  return {
    events: [
      {
        type: 'PolicyCreated',
        data: {
          policyId,
          policyName: command.policyName,
          path,
          arn: iamArn(context.accountId, 'policy', path, command.policyName),
          description: command.description ?? null,
          policyDocument: document.text,
          versionId: 'v1',
          tags,
        },
      },
    ],
    document,
  };
}

function findVersion(state: ManagedPolicyState, versionId: string): void {
  if (!state.versions.some((v) => v.versionId === versionId)) {
    throw new IamError(
      'NO_SUCH_ENTITY',
      `policy \`${state.arn}\` version \`${versionId}\` does not exist`,
      {
        details: { entity: 'PolicyVersion', arn: state.arn, versionId },
      },
    );
  }
}

/**
 * Decides the commands that touch only the policy.
 * @throws IamError `NO_SUCH_ENTITY`, `LIMIT_EXCEEDED`, `DELETE_CONFLICT`, `MALFORMED_POLICY_DOCUMENT`
 */
export function decideManagedPolicy(
  command: ManagedPolicyCommand,
  state: ManagedPolicyState,
  context: DecideContext,
): PolicyDecision {
  assertPolicyExists(state, command.policyArn);
  const policyId = state.policyId;
  switch (command.type) {
    case 'CreatePolicyVersion': {
      if (state.versions.length >= context.limits.versionsPerPolicy) {
        throw limitExceeded(
          'PolicyVersionsPerManagedPolicy',
          context.limits.versionsPerPolicy,
          `a managed policy can have up to ${context.limits.versionsPerPolicy} versions; delete one before creating a new one`,
        );
      }
      const document = checkManagedDocument(command.policyDocument, context);
      const versionId = `v${state.lastVersionNumber + 1}`;
      return {
        events: [
          {
            type: 'PolicyVersionCreated',
            data: {
              policyId,
              versionId,
              policyDocument: document.text,
              setAsDefault: command.setAsDefault ?? false,
            },
          },
        ],
        document,
      };
    }
    case 'SetDefaultPolicyVersion':
      findVersion(state, command.versionId);
      if (state.defaultVersionId === command.versionId) return { events: [] };
      return {
        events: [
          {
            type: 'DefaultPolicyVersionSet',
            data: {
              policyId,
              versionId: command.versionId,
              previousVersionId: state.defaultVersionId,
            },
          },
        ],
      };
    case 'DeletePolicyVersion':
      findVersion(state, command.versionId);
      if (state.defaultVersionId === command.versionId) {
        throw deleteConflict(
          'cannot delete the default version of a policy; make another version the default first',
          {
            arn: state.arn,
            versionId: command.versionId,
          },
        );
      }
      return {
        events: [
          { type: 'PolicyVersionDeleted', data: { policyId, versionId: command.versionId } },
        ],
      };
    case 'DeletePolicy': {
      const attachments = state.usedBy.filter((u) => u.usage === 'PermissionsPolicy').length;
      const boundaries = state.usedBy.length - attachments;
      if (attachments > 0) {
        throw deleteConflict(`cannot delete a policy attached to entities (${attachments})`, {
          arn: state.arn,
          attachmentCount: attachments,
        });
      }
      if (boundaries > 0) {
        throw deleteConflict(
          `cannot delete a policy used as a permissions boundary (${boundaries})`,
          {
            arn: state.arn,
            permissionsBoundaryUsageCount: boundaries,
          },
        );
      }
      if (state.versions.length > 1) {
        throw deleteConflict(
          'cannot delete a policy with versions other than the default; delete them first',
          {
            arn: state.arn,
            versionCount: state.versions.length,
          },
        );
      }
      return {
        events: [
          {
            type: 'PolicyDeleted',
            data: { policyId, policyName: state.policyName, arn: state.arn },
          },
        ],
      };
    }
    case 'TagPolicy': {
      assertTags('tags', mergeTags(state.tags, command.tags));
      return { events: [{ type: 'PolicyTagged', data: { policyId, tags: command.tags } }] };
    }
    case 'UntagPolicy': {
      const remaining = removeTags(state.tags, command.tagKeys);
      if (remaining.length === state.tags.length) return { events: [] };
      return { events: [{ type: 'PolicyUntagged', data: { policyId, tagKeys: command.tagKeys } }] };
    }
  }
}

/**
 * Records that a principal starts or stops using the policy (attachment or
 * boundary). The policy keeps the list so `DeletePolicy` can refuse while in use.
 * @throws IamError `NO_SUCH_ENTITY` (policy deleted)
 */
export function decidePolicyUsage(
  state: ManagedPolicyState,
  change: 'attach' | 'detach',
  entityType: PolicyEntityType,
  entityId: string,
  usage: PolicyUsage,
): ManagedPolicyEvent[] {
  const present = state.usedBy.some((u) => u.entityId === entityId && u.usage === usage);
  if (change === 'attach') {
    assertPolicyExists(state, state.arn);
    if (present) return [];
    return [
      { type: 'PolicyAttached', data: { policyId: state.policyId, entityType, entityId, usage } },
    ];
  }
  if (!present || state.status !== 'active') return [];
  return [
    { type: 'PolicyDetached', data: { policyId: state.policyId, entityType, entityId, usage } },
  ];
}
