import type { ASTVisitor, ValidationContext, ValidationRule } from 'graphql';
import { LimitExceededError } from '../limitExceededError.js';
import { walkSelections } from './operationWalker.js';

/**
 * Operations may nest fields at most `maximum` deep (fragments inlined): bounds the
 * work of a query whatever its shape. See graphql-js `ValidationRule`
 * (https://spec.graphql.org/October2021/#sec-Validation) and OWASP's GraphQL cheat sheet.
 */
export function MaxDepthRule(maximum: number): ValidationRule {
  return (context: ValidationContext): ASTVisitor => ({
    OperationDefinition(operation) {
      const depth = walkSelections(context, operation.selectionSet, {
        empty: 0,
        field: (_node, children) => children + 1,
        siblings: (results) => Math.max(0, ...results),
      });
      if (depth > maximum) {
        context.reportError(new LimitExceededError('depth', maximum, depth, [operation]));
      }
    },
  });
}
