import type {
  AttachedPolicy as AttachedPolicyInfo,
  InlinePolicyInfo,
  PolicyEntity as PolicyEntityInfo,
  PolicyInfo,
  PolicySummary,
  PolicyVersionInfo,
  PolicyVersionSummary,
} from '@gatehouse/iam';
import { Field, Int, ObjectType } from 'type-graphql';
import { connectionType } from '../../relay/connectionType.js';
import { dateOf, Tag } from './common.js';

/** IAM's `Policy` (customer managed). */
@ObjectType({ simpleResolvers: true })
export class Policy {
  @Field(() => String)
  policyName!: string;

  @Field(() => String, { description: 'Unique id (`ANPA…`)' })
  policyId!: string;

  @Field(() => String)
  arn!: string;

  @Field(() => String)
  path!: string;

  @Field(() => String)
  defaultVersionId!: string;

  @Field(() => Int)
  attachmentCount!: number;

  @Field(() => Int)
  permissionsBoundaryUsageCount!: number;

  @Field(() => Boolean)
  isAttachable!: boolean;

  @Field(() => String, { nullable: true })
  description!: string | null;

  @Field(() => Date)
  createDate!: Date;

  @Field(() => Date)
  updateDate!: Date;

  @Field(() => [Tag])
  tags!: Tag[];
}

/** A page of managed policies. */
@ObjectType({ simpleResolvers: true })
export class PolicyConnection extends connectionType(Policy) {}

/** IAM's `PolicyVersion`. */
@ObjectType({ simpleResolvers: true })
export class PolicyVersion {
  @Field(() => String)
  versionId!: string;

  @Field(() => Boolean)
  isDefaultVersion!: boolean;

  @Field(() => Date)
  createDate!: Date;

  @Field(() => String, { description: 'The policy document (JSON)' })
  document!: string;
}

/** A page of policy versions. */
@ObjectType({ simpleResolvers: true })
export class PolicyVersionConnection extends connectionType(PolicyVersion) {}

/** IAM's `AttachedPolicy`: a managed policy attached to a user, group or role. */
@ObjectType({ simpleResolvers: true })
export class AttachedPolicy {
  @Field(() => String)
  policyName!: string;

  @Field(() => String)
  policyArn!: string;
}

/** A page of attached policies. */
@ObjectType({ simpleResolvers: true })
export class AttachedPolicyConnection extends connectionType(AttachedPolicy) {}

/** A user, group or role that uses a managed policy (ListEntitiesForPolicy). */
@ObjectType({ simpleResolvers: true })
export class PolicyEntity {
  @Field(() => String, { description: '`User`, `Group` or `Role`' })
  entityType!: string;

  @Field(() => String)
  entityId!: string;

  @Field(() => String)
  entityName!: string;

  @Field(() => String, { description: '`PermissionsPolicy` or `PermissionsBoundary`' })
  usage!: string;
}

/** A page of policy users. */
@ObjectType({ simpleResolvers: true })
export class PolicyEntityConnection extends connectionType(PolicyEntity) {}

/** An inline policy (GetUserPolicy, GetGroupPolicy, GetRolePolicy). */
@ObjectType({ simpleResolvers: true })
export class InlinePolicy {
  @Field(() => String)
  policyName!: string;

  @Field(() => String, { description: 'The policy document (JSON)' })
  policyDocument!: string;
}

/** A page of inline policies. */
@ObjectType({ simpleResolvers: true })
export class InlinePolicyConnection extends connectionType(InlinePolicy) {}

/** A managed policy from a command result or from the read model. */
export function policyOf(policy: PolicySummary | PolicyInfo): Policy {
  return {
    policyName: policy.policyName,
    policyId: policy.policyId,
    arn: policy.arn,
    path: policy.path,
    defaultVersionId: policy.defaultVersionId,
    attachmentCount: policy.attachmentCount,
    permissionsBoundaryUsageCount: policy.permissionsBoundaryUsageCount,
    isAttachable: true,
    description: policy.description,
    createDate: dateOf(policy.createDate),
    updateDate: dateOf(policy.updateDate),
    tags: policy.tags.map((t) => ({ key: t.key, value: t.value })),
  };
}

/** A version from a command result or from the read model. */
export function policyVersionOf(version: PolicyVersionSummary | PolicyVersionInfo): PolicyVersion {
  return {
    versionId: version.versionId,
    isDefaultVersion: version.isDefaultVersion,
    createDate: dateOf(version.createDate),
    document: version.document,
  };
}

/** An attached policy from the read model. */
export function attachedPolicyOf(policy: AttachedPolicyInfo): AttachedPolicy {
  return { policyName: policy.policyName, policyArn: policy.policyArn };
}

/** A policy user from the read model. */
export function policyEntityOf(entity: PolicyEntityInfo): PolicyEntity {
  return { ...entity };
}

/** An inline policy from the read model. */
export function inlinePolicyOf(policy: InlinePolicyInfo): InlinePolicy {
  return { policyName: policy.policyName, policyDocument: policy.policyDocument };
}
