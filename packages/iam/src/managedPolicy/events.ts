import type { DomainEvent } from '../shared/events.js';
import type { Tag } from '../shared/tags.js';

/** Who can use a managed policy. */
export type PolicyEntityType = 'User' | 'Group' | 'Role';
/** How a principal uses it (IAM's `PolicyUsageFilter`). */
export type PolicyUsage = 'PermissionsPolicy' | 'PermissionsBoundary';

export type PolicyCreated = DomainEvent<
  'PolicyCreated',
  {
    readonly policyId: string;
    readonly policyName: string;
    readonly path: string;
    readonly arn: string;
    readonly description: string | null;
    readonly policyDocument: string;
    readonly versionId: string;
    readonly tags: readonly Tag[];
  }
>;
export type PolicyVersionCreated = DomainEvent<
  'PolicyVersionCreated',
  {
    readonly policyId: string;
    readonly versionId: string;
    readonly policyDocument: string;
    readonly setAsDefault: boolean;
  }
>;
export type DefaultPolicyVersionSet = DomainEvent<
  'DefaultPolicyVersionSet',
  { readonly policyId: string; readonly versionId: string; readonly previousVersionId: string }
>;
export type PolicyVersionDeleted = DomainEvent<
  'PolicyVersionDeleted',
  { readonly policyId: string; readonly versionId: string }
>;
export type PolicyDeleted = DomainEvent<
  'PolicyDeleted',
  { readonly policyId: string; readonly policyName: string; readonly arn: string }
>;
export type PolicyTagged = DomainEvent<
  'PolicyTagged',
  { readonly policyId: string; readonly tags: readonly Tag[] }
>;
export type PolicyUntagged = DomainEvent<
  'PolicyUntagged',
  { readonly policyId: string; readonly tagKeys: readonly string[] }
>;
/** The policy is now used by a user, group or role (attachment or boundary). */
export type PolicyAttached = DomainEvent<
  'PolicyAttached',
  {
    readonly policyId: string;
    readonly entityType: PolicyEntityType;
    readonly entityId: string;
    readonly usage: PolicyUsage;
  }
>;
export type PolicyDetached = DomainEvent<
  'PolicyDetached',
  {
    readonly policyId: string;
    readonly entityType: PolicyEntityType;
    readonly entityId: string;
    readonly usage: PolicyUsage;
  }
>;

/** Events of an `iam-policy-<id>` stream. */
export type ManagedPolicyEvent =
  | PolicyCreated
  | PolicyVersionCreated
  | DefaultPolicyVersionSet
  | PolicyVersionDeleted
  | PolicyDeleted
  | PolicyTagged
  | PolicyUntagged
  | PolicyAttached
  | PolicyDetached;
