import {
  checkPolicyDocument,
  documentText,
  type CheckedDocument,
} from '../policyDocuments/checkPolicyDocument.js';
import type { InlinePolicy, PolicyRef } from '../shared/events.js';
import { IamError, limitExceeded } from '../shared/iamError.js';

/**
 * The policy-holding part every principal (user, group, role) shares: inline
 * policies by name and attached managed policies. These checks are the same for
 * all three; only the quotas and the words differ.
 */
export interface PolicyHolder {
  readonly inlinePolicies: readonly InlinePolicy[];
  readonly attachedPolicies: readonly PolicyRef[];
}

/** What kind of principal, for messages and quotas. */
export interface HolderKind {
  /** `user`, `group`, `role`. */
  readonly word: string;
  readonly name: string;
  /** Aggregate inline quota (characters outside whitespace). */
  readonly inlineLimit: number;
  /** `InlineUserPolicySize`... */
  readonly inlineQuota: string;
}

/**
 * Validates an inline policy and checks the principal's aggregate inline size
 * (the new document replaces one of the same name).
 * @throws IamError `MALFORMED_POLICY_DOCUMENT`, `LIMIT_EXCEEDED`
 */
export function checkInlinePolicy(
  holder: PolicyHolder,
  kind: HolderKind,
  policyName: string,
  document: string | object,
): InlinePolicy & { readonly checked: CheckedDocument } {
  const checked = checkPolicyDocument(documentText(document), {
    kind: 'identity',
    sizeLimit: kind.inlineLimit,
    quota: kind.inlineQuota,
  });
  const others = holder.inlinePolicies
    .filter((p) => p.policyName !== policyName)
    .reduce((sum, p) => sum + p.size, 0);
  if (others + checked.size > kind.inlineLimit) {
    throw limitExceeded(
      kind.inlineQuota,
      kind.inlineLimit,
      `maximum policy size of ${kind.inlineLimit} characters exceeded for ${kind.word} \`${kind.name}\` (all inline policies together)`,
    );
  }
  return { policyName, policyDocument: checked.text, size: checked.size, checked };
}

/** @throws IamError `NO_SUCH_ENTITY` when the principal has no inline policy of that name */
export function assertInlinePolicy(
  holder: PolicyHolder,
  kind: HolderKind,
  policyName: string,
): void {
  if (!holder.inlinePolicies.some((p) => p.policyName === policyName)) {
    throw new IamError(
      'NO_SUCH_ENTITY',
      `the ${kind.word} policy with name \`${policyName}\` cannot be found`,
      { details: { entity: 'InlinePolicy', name: policyName, [kind.word]: kind.name } },
    );
  }
}

/**
 * Whether attaching `policy` changes anything (false: already attached, IAM
 * answers success); throws when the quota is reached.
 * @throws IamError `LIMIT_EXCEEDED`
 */
export function checkAttach(
  holder: PolicyHolder,
  kind: HolderKind,
  policy: PolicyRef,
  limit: number,
): boolean {
  if (holder.attachedPolicies.some((p) => p.policyId === policy.policyId)) return false;
  if (holder.attachedPolicies.length >= limit) {
    throw limitExceeded(
      'ManagedPoliciesPerPrincipal',
      limit,
      `cannot exceed quota for PoliciesPer${kind.word[0]?.toUpperCase() ?? ''}${kind.word.slice(1)}: ${limit}`,
    );
  }
  return true;
}

/** @throws IamError `NO_SUCH_ENTITY` when the policy is not attached */
export function assertAttached(
  holder: PolicyHolder,
  kind: HolderKind,
  policyArn: string,
  policyId: string,
): void {
  if (!holder.attachedPolicies.some((p) => p.policyId === policyId)) {
    throw new IamError(
      'NO_SUCH_ENTITY',
      `policy \`${policyArn}\` was not found attached to ${kind.word} \`${kind.name}\``,
      {
        details: { entity: 'PolicyAttachment', arn: policyArn },
      },
    );
  }
}

/** Things that make a principal undeletable, as IAM lists them. */
export function holderDeleteConflicts(holder: PolicyHolder): string[] {
  const conflicts: string[] = [];
  if (holder.inlinePolicies.length > 0) conflicts.push('inline policies');
  if (holder.attachedPolicies.length > 0) conflicts.push('attached managed policies');
  return conflicts;
}
