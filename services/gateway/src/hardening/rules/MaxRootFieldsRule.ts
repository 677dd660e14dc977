import type { ASTVisitor, ValidationContext, ValidationRule } from 'graphql';
import { LimitExceededError } from '../limitExceededError.js';
import { walkSelections } from './operationWalker.js';

/**
 * Operations may select at most `maximum` root fields. Every root field of this
 * schema is one authorized call into the domain (nested fields are plain data),
 * so this bounds the calls one HTTP request makes, whether by aliases or not.
 */
export function MaxRootFieldsRule(maximum: number): ValidationRule {
  return (context: ValidationContext): ASTVisitor => ({
    OperationDefinition(operation) {
      const fields = walkSelections(context, operation.selectionSet, {
        empty: 0,
        field: () => 1,
        siblings: (results) => results.reduce((sum, n) => sum + n, 0),
      });
      if (fields > maximum) {
        context.reportError(new LimitExceededError('rootFields', maximum, fields, [operation]));
      }
    },
  });
}
