import { GraphQLError, type ASTNode } from 'graphql';

/**
 * A validation rule's refusal of an operation that exceeds a limit. Apollo
 * reports validation errors as GRAPHQL_VALIDATION_FAILED; `formatError` turns
 * this class into `LIMIT_EXCEEDED` with `details { limit, maximum, actual }`.
 */
export class LimitExceededError extends GraphQLError {
  readonly limit: string;
  readonly maximum: number;
  readonly actual: number;

  constructor(limit: string, maximum: number, actual: number, nodes: readonly ASTNode[]) {
    super(`the operation exceeds the ${limit} limit of ${maximum} (found ${actual})`, {
      nodes,
      extensions: { details: { limit, maximum, actual } },
    });
    this.limit = limit;
    this.maximum = maximum;
    this.actual = actual;
  }
}
