import { Field, InputType, ObjectType } from 'type-graphql';

/** A tag on a user, role, policy or MFA device. */
@ObjectType({ simpleResolvers: true })
export class Tag {
  @Field(() => String)
  key!: string;

  @Field(() => String)
  value!: string;
}

/** A tag to set. */
@InputType()
export class TagInput {
  @Field(() => String)
  key!: string;

  @Field(() => String)
  value!: string;
}

/** IAM's `PermissionsBoundary`: the managed policy that caps an identity's permissions. */
@ObjectType({ simpleResolvers: true })
export class PermissionsBoundary {
  @Field(() => String, { description: 'Always `PermissionsBoundaryPolicy`' })
  permissionsBoundaryType!: string;

  @Field(() => String)
  permissionsBoundaryArn!: string;
}

/** The result of a mutation that returns nothing else (as its IAM action). */
@ObjectType({ simpleResolvers: true })
export class MutationResult {
  @Field(() => String, {
    nullable: true,
    description:
      'Where the change sits in the event log (`transactionId:globalPosition`); null when nothing changed',
  })
  checkpoint!: string | null;
}

/** A boundary ARN as IAM reports it, or null. */
export function boundaryOf(arn: string | null | undefined): PermissionsBoundary | null {
  return arn === null || arn === undefined
    ? null
    : { permissionsBoundaryType: 'PermissionsBoundaryPolicy', permissionsBoundaryArn: arn };
}

/** A domain timestamp (ISO text) as a GraphQL DateTime. */
export function dateOf(iso: string): Date {
  return new Date(iso);
}

/** Tags as the domain takes them (plain objects, not GraphQL input instances). */
export function plainTags(tags: readonly TagInput[]): { key: string; value: string }[] {
  return tags.map((t) => ({ key: t.key, value: t.value }));
}
