import type { Finding } from '@gatehouse/policy';
import { Field, Int, ObjectType } from 'type-graphql';

/** A finding of `validatePolicy` on a policy document, located in its text. */
@ObjectType({ simpleResolvers: true })
export class PolicyFinding {
  @Field(() => String, { description: '`ERROR`, `SECURITY_WARNING`, `WARNING` or `SUGGESTION`' })
  severity!: string;

  @Field(() => String, { description: 'Stable code (packages/policy README, "Finding codes")' })
  code!: string;

  @Field(() => String)
  message!: string;

  @Field(() => String, { description: 'RFC 6901 pointer into the document' })
  path!: string;

  @Field(() => Int, { nullable: true })
  line!: number | null;

  @Field(() => Int, { nullable: true })
  column!: number | null;

  @Field(() => String, { nullable: true, description: 'A "did you mean" suggestion' })
  help!: string | null;
}

/** A policy finding as GraphQL returns it. */
export function policyFindingOf(finding: Finding): PolicyFinding {
  return {
    severity: finding.severity,
    code: finding.code,
    message: finding.message,
    path: finding.path,
    line: finding.line ?? null,
    column: finding.column ?? null,
    help: finding.help ?? null,
  };
}
