import { putInline, type InlinePolicy, type PolicyRef } from '../../shared/events.js';
import { mergeTags, removeTags, type Tag } from '../../shared/tags.js';
import type { HolderChange, PolicyFact } from './events.js';

/** The part of a user's, group's or role's state that holds policies. */
export interface PolicyHolderState {
  readonly inlinePolicies: readonly InlinePolicy[];
  readonly attachedPolicies: readonly PolicyRef[];
}

/** The part of a user's or role's state that holds policies, a permissions boundary and tags. */
export interface PrincipalHolderState extends PolicyHolderState {
  readonly permissionsBoundary: PolicyRef | null;
  readonly tags: readonly Tag[];
}

/** The fold of a policy fact (inline policies, attachments) into any holder's state. */
export function evolvePolicyHolder<S extends PolicyHolderState>(
  state: S,
  change: HolderChange<PolicyFact>,
): S {
  switch (change.fact) {
    case 'PolicyPut':
      return {
        ...state,
        inlinePolicies: putInline(state.inlinePolicies, {
          policyName: change.data.policyName,
          policyDocument: change.data.policyDocument,
          size: change.data.size,
        }),
      };
    case 'PolicyDeleted':
      return {
        ...state,
        inlinePolicies: state.inlinePolicies.filter((p) => p.policyName !== change.data.policyName),
      };
    case 'PolicyAttached':
      return {
        ...state,
        attachedPolicies: [
          ...state.attachedPolicies,
          { policyId: change.data.policyId, policyArn: change.data.policyArn },
        ],
      };
    case 'PolicyDetached':
      return {
        ...state,
        attachedPolicies: state.attachedPolicies.filter((p) => p.policyId !== change.data.policyId),
      };
  }
}

/** The fold of any policy-holder fact into a user's or role's state. */
export function evolvePrincipalHolder<S extends PrincipalHolderState>(
  state: S,
  change: HolderChange,
): S {
  switch (change.fact) {
    case 'PermissionsBoundaryPut':
      return {
        ...state,
        permissionsBoundary: { policyId: change.data.policyId, policyArn: change.data.policyArn },
      };
    case 'PermissionsBoundaryDeleted':
      return { ...state, permissionsBoundary: null };
    case 'Tagged':
      return { ...state, tags: mergeTags(state.tags, change.data.tags) };
    case 'Untagged':
      return { ...state, tags: removeTags(state.tags, change.data.tagKeys) };
    case 'PolicyPut':
    case 'PolicyDeleted':
    case 'PolicyAttached':
    case 'PolicyDetached':
      return evolvePolicyHolder(state, change);
  }
}
