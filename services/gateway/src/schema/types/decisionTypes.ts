import type { Decision as PolicyDecision, EvaluationResult } from '@gatehouse/policy';
import { Field, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';

/** `evaluate`'s decision. */
export enum Decision {
  Allowed = 'Allowed',
  ExplicitlyDenied = 'ExplicitlyDenied',
  ImplicitlyDenied = 'ImplicitlyDenied',
}
registerEnumType(Decision, {
  name: 'Decision',
  description: 'The outcome of evaluating a request',
});

const DECISIONS: Readonly<Record<PolicyDecision, Decision>> = {
  Allowed: Decision.Allowed,
  ExplicitlyDenied: Decision.ExplicitlyDenied,
  ImplicitlyDenied: Decision.ImplicitlyDenied,
};

/** How a context value is typed. */
export enum ContextKeyType {
  STRING = 'STRING',
  STRING_LIST = 'STRING_LIST',
  NUMERIC = 'NUMERIC',
  BOOLEAN = 'BOOLEAN',
}
registerEnumType(ContextKeyType, { name: 'ContextKeyType' });

/** A condition key and its value(s) (IAM's `ContextEntry`). */
@InputType()
export class ContextEntryInput {
  @Field(() => String, { description: 'e.g. `aws:SourceIp`, `aws:PrincipalTag/team`, `s3:prefix`' })
  key!: string;

  @Field(() => [String])
  values!: string[];

  @Field(() => ContextKeyType, {
    nullable: true,
    description: 'STRING for one value, STRING_LIST for several (the default follows the count)',
  })
  type?: ContextKeyType | null;
}

/** A statement that took part in a decision. */
@ObjectType({ simpleResolvers: true })
export class MatchedStatement {
  @Field(() => String, { description: 'Managed policy ARN, or `<entity ARN>#<inline name>`' })
  policy!: string;

  @Field(() => Int, { description: 'Index in the Statement array' })
  statement!: number;

  @Field(() => String, { nullable: true })
  sid!: string | null;

  @Field(() => String, { description: '`Allow` or `Deny`' })
  effect!: string;
}

/** A decision on one request. */
@ObjectType({ simpleResolvers: true })
export class AuthorizationDecision {
  @Field(() => String)
  principal!: string;

  @Field(() => String)
  action!: string;

  @Field(() => String)
  resource!: string;

  @Field(() => Decision)
  decision!: Decision;

  @Field(() => Boolean)
  allowed!: boolean;

  @Field(() => [MatchedStatement], {
    description: 'The statements that decided (Denies, or the Allows)',
  })
  matchedStatements!: MatchedStatement[];
}

/** One question of `isAuthorizedBatch`. */
@InputType()
export class AuthorizationRequestInput {
  @Field(() => String, { description: 'Principal ARN (user, root, role session)' })
  principal!: string;

  @Field(() => String)
  action!: string;

  @Field(() => String)
  resource!: string;

  @Field(() => [ContextEntryInput], { nullable: true })
  context?: ContextEntryInput[] | null;
}

/** A decision as GraphQL returns it. */
export function decisionOf(
  question: { principal: string; action: string; resource: string },
  result: EvaluationResult,
): AuthorizationDecision {
  return {
    principal: question.principal,
    action: question.action,
    resource: question.resource,
    decision: DECISIONS[result.decision],
    allowed: result.decision === 'Allowed',
    matchedStatements: result.matched.map((m) => ({
      policy: m.policy,
      statement: m.statement,
      sid: m.sid ?? null,
      effect: m.effect,
    })),
  };
}
