import {
  checkPolicyDocument,
  documentText,
  type CheckedDocument,
} from '../../policyDocuments/checkPolicyDocument.js';
import type { DecideContext } from '../../shared/context.js';
import type { PolicyRef } from '../../shared/events.js';
import { deleteConflict, IamError, limitExceeded } from '../../shared/iamError.js';
import { assertTags, mergeTags, removeTags, type Tag } from '../../shared/tags.js';
import {
  holderEvent,
  type HolderEvent,
  type HolderPrefix,
  type PolicyHolderKind,
} from './events.js';
import type { PolicyHolderState, PrincipalHolderState } from './evolve.js';

/**
 * A user, group or role as the shared deciders see it: how its events are
 * named, its id and name, and its current policies. The rules (quotas, no-ops,
 * errors and their messages) are the same for all three; only these differ.
 */
export interface PolicyHolder<
  Prefix extends HolderPrefix,
  IdKey extends string,
  S extends PolicyHolderState = PolicyHolderState,
> {
  readonly kind: PolicyHolderKind<Prefix, IdKey>;
  readonly id: string;
  readonly name: string;
  readonly state: S;
}

/** A user or role: a policy holder with a permissions boundary and tags. */
export type PrincipalHolder<Prefix extends HolderPrefix, IdKey extends string> = PolicyHolder<
  Prefix,
  IdKey,
  PrincipalHolderState
>;

/**
 * Adds or replaces an inline policy: validates it as an identity policy and
 * checks the holder's aggregate inline size (a document replaces the one of
 * the same name).
 * @throws IamError `MALFORMED_POLICY_DOCUMENT`, `LIMIT_EXCEEDED`
 */
export function decidePutInlinePolicy<Prefix extends HolderPrefix, IdKey extends string>(
  holder: PolicyHolder<Prefix, IdKey>,
  policyName: string,
  document: string | object,
  context: DecideContext,
): { events: HolderEvent<Prefix, IdKey, 'PolicyPut'>[]; document: CheckedDocument } {
  const { kind } = holder;
  const limit = kind.inlineLimit(context.limits);
  const checked = checkPolicyDocument(documentText(document), {
    kind: 'identity',
    sizeLimit: limit,
    quota: kind.inlineQuota,
  });
  const others = holder.state.inlinePolicies
    .filter((p) => p.policyName !== policyName)
    .reduce((sum, p) => sum + p.size, 0);
  if (others + checked.size > limit) {
    throw limitExceeded(
      kind.inlineQuota,
      limit,
      `maximum policy size of ${limit} characters exceeded for ${kind.word} \`${holder.name}\` (all inline policies together)`,
    );
  }
  const data = { policyName, policyDocument: checked.text, size: checked.size };
  return {
    events: [holderEvent(kind, holder.id, { fact: 'PolicyPut', data })],
    document: checked,
  };
}

/** @throws IamError `NO_SUCH_ENTITY` when the holder has no inline policy of that name */
export function decideDeleteInlinePolicy<Prefix extends HolderPrefix, IdKey extends string>(
  holder: PolicyHolder<Prefix, IdKey>,
  policyName: string,
): HolderEvent<Prefix, IdKey, 'PolicyDeleted'>[] {
  const { kind } = holder;
  if (!holder.state.inlinePolicies.some((p) => p.policyName === policyName)) {
    throw new IamError(
      'NO_SUCH_ENTITY',
      `the ${kind.word} policy with name \`${policyName}\` cannot be found`,
      { details: { entity: 'InlinePolicy', name: policyName, [kind.word]: holder.name } },
    );
  }
  return [holderEvent(kind, holder.id, { fact: 'PolicyDeleted', data: { policyName } })];
}

/**
 * Attaches a managed policy; nothing when it is attached already (IAM answers
 * success).
 * @throws IamError `LIMIT_EXCEEDED` at the managed-policies-per-principal quota
 */
export function decideAttachPolicy<Prefix extends HolderPrefix, IdKey extends string>(
  holder: PolicyHolder<Prefix, IdKey>,
  policy: PolicyRef,
  context: DecideContext,
): HolderEvent<Prefix, IdKey, 'PolicyAttached'>[] {
  const { kind } = holder;
  const attached = holder.state.attachedPolicies;
  if (attached.some((p) => p.policyId === policy.policyId)) return [];
  const limit = context.limits.managedPoliciesPerPrincipal;
  if (attached.length >= limit) {
    throw limitExceeded(
      'ManagedPoliciesPerPrincipal',
      limit,
      `cannot exceed quota for PoliciesPer${kind.eventPrefix}: ${limit}`,
    );
  }
  return [holderEvent(kind, holder.id, { fact: 'PolicyAttached', data: policy })];
}

/** @throws IamError `NO_SUCH_ENTITY` when the policy is not attached */
export function decideDetachPolicy<Prefix extends HolderPrefix, IdKey extends string>(
  holder: PolicyHolder<Prefix, IdKey>,
  policy: PolicyRef,
): HolderEvent<Prefix, IdKey, 'PolicyDetached'>[] {
  const { kind } = holder;
  if (!holder.state.attachedPolicies.some((p) => p.policyId === policy.policyId)) {
    throw new IamError(
      'NO_SUCH_ENTITY',
      `policy \`${policy.policyArn}\` was not found attached to ${kind.word} \`${holder.name}\``,
      { details: { entity: 'PolicyAttachment', arn: policy.policyArn } },
    );
  }
  return [holderEvent(kind, holder.id, { fact: 'PolicyDetached', data: policy })];
}

/** Sets the boundary; nothing when it is that policy already (the caller moves the policy's usage). */
export function decidePutPermissionsBoundary<Prefix extends HolderPrefix, IdKey extends string>(
  holder: PrincipalHolder<Prefix, IdKey>,
  boundary: PolicyRef,
): HolderEvent<Prefix, IdKey, 'PermissionsBoundaryPut'>[] {
  if (holder.state.permissionsBoundary?.policyId === boundary.policyId) return [];
  return [holderEvent(holder.kind, holder.id, { fact: 'PermissionsBoundaryPut', data: boundary })];
}

/** @throws IamError `NO_SUCH_ENTITY` when the holder has no boundary */
export function decideDeletePermissionsBoundary<Prefix extends HolderPrefix, IdKey extends string>(
  holder: PrincipalHolder<Prefix, IdKey>,
): HolderEvent<Prefix, IdKey, 'PermissionsBoundaryDeleted'>[] {
  const { kind } = holder;
  const boundary = holder.state.permissionsBoundary;
  if (boundary === null) {
    throw new IamError(
      'NO_SUCH_ENTITY',
      `${kind.word} \`${holder.name}\` has no permissions boundary`,
      { details: { entity: 'PermissionsBoundary', [kind.word]: holder.name } },
    );
  }
  return [holderEvent(kind, holder.id, { fact: 'PermissionsBoundaryDeleted', data: boundary })];
}

/**
 * Adds tags (replacing same keys, case-insensitively).
 * @throws IamError `LIMIT_EXCEEDED` over 50 tags in all, `INVALID_INPUT`
 */
export function decideTag<Prefix extends HolderPrefix, IdKey extends string>(
  holder: PrincipalHolder<Prefix, IdKey>,
  tags: readonly Tag[],
): HolderEvent<Prefix, IdKey, 'Tagged'>[] {
  assertTags('tags', mergeTags(holder.state.tags, tags));
  return [holderEvent(holder.kind, holder.id, { fact: 'Tagged', data: { tags } })];
}

/** Removes tags by key; nothing when none of the keys is there. */
export function decideUntag<Prefix extends HolderPrefix, IdKey extends string>(
  holder: PrincipalHolder<Prefix, IdKey>,
  tagKeys: readonly string[],
): HolderEvent<Prefix, IdKey, 'Untagged'>[] {
  const current = holder.state.tags;
  if (removeTags(current, tagKeys).length === current.length) return [];
  return [holderEvent(holder.kind, holder.id, { fact: 'Untagged', data: { tagKeys } })];
}

/**
 * Refuses to delete a holder that still has policies or anything else in
 * `others` (what the aggregate adds: members, credentials...), as IAM lists them.
 * @throws IamError `DELETE_CONFLICT` naming what is left
 */
export function assertHolderDeletable(
  holder: PolicyHolder<HolderPrefix, string>,
  others: readonly (string | false)[] = [],
): void {
  const conflicts = [
    holder.state.inlinePolicies.length > 0 && 'inline policies',
    holder.state.attachedPolicies.length > 0 && 'attached managed policies',
    ...others,
  ].filter((conflict) => conflict !== false);
  if (conflicts.length > 0) {
    throw deleteConflict(
      `cannot delete ${holder.kind.word} \`${holder.name}\`: it still has ${conflicts.join(', ')}`,
      { conflicts },
    );
  }
}
