import { Field, ObjectType } from 'type-graphql';
import { PermissionChange } from './analysisTypes.js';
import { PolicyFinding } from './findingTypes.js';
import { Group, Role, User } from './identityTypes.js';
import { Policy, PolicyVersion } from './policyTypes.js';

/** `createUser`: the user, once applied. */
@ObjectType({ implements: PermissionChange, simpleResolvers: true })
export class CreateUserPayload extends PermissionChange {
  @Field(() => User, { nullable: true, description: 'Null while PENDING_APPROVAL' })
  user!: User | null;
}

/** `createGroup`: the group, once applied. */
@ObjectType({ implements: PermissionChange, simpleResolvers: true })
export class CreateGroupPayload extends PermissionChange {
  @Field(() => Group, { nullable: true, description: 'Null while PENDING_APPROVAL' })
  group!: Group | null;
}

/** `createRole`: the role, once applied, and findings on its trust policy. */
@ObjectType({ implements: PermissionChange, simpleResolvers: true })
export class CreateRolePayload extends PermissionChange {
  @Field(() => Role, { nullable: true, description: 'Null while PENDING_APPROVAL' })
  role!: Role | null;

  @Field(() => [PolicyFinding])
  policyFindings!: PolicyFinding[];
}

/** `createPolicy`: the policy, once applied, and findings on its document. */
@ObjectType({ implements: PermissionChange, simpleResolvers: true })
export class CreatePolicyPayload extends PermissionChange {
  @Field(() => Policy, { nullable: true, description: 'Null while PENDING_APPROVAL' })
  policy!: Policy | null;

  @Field(() => [PolicyFinding])
  policyFindings!: PolicyFinding[];
}

/** `createPolicyVersion`: the version, once applied, and findings on its document. */
@ObjectType({ implements: PermissionChange, simpleResolvers: true })
export class CreatePolicyVersionPayload extends PermissionChange {
  @Field(() => PolicyVersion, { nullable: true, description: 'Null while PENDING_APPROVAL' })
  policyVersion!: PolicyVersion | null;

  @Field(() => [PolicyFinding])
  policyFindings!: PolicyFinding[];
}

/** `put*Policy`, `updateAssumeRolePolicy`: findings (warnings, suggestions) on the stored document. */
@ObjectType({ implements: PermissionChange, simpleResolvers: true })
export class PolicyDocumentPayload extends PermissionChange {
  @Field(() => [PolicyFinding], { description: 'Empty while PENDING_APPROVAL' })
  policyFindings!: PolicyFinding[];
}
