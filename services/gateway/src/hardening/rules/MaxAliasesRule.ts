import type { ASTVisitor, ValidationContext, ValidationRule } from 'graphql';
import { LimitExceededError } from '../limitExceededError.js';
import { walkSelections } from './operationWalker.js';

/**
 * Operations may use at most `maximum` aliases (fragments inlined, so a fragment
 * spread twice counts twice): aliases are how one request asks the same
 * expensive field many times, or tries many passwords in one sign-in request.
 */
export function MaxAliasesRule(maximum: number): ValidationRule {
  return (context: ValidationContext): ASTVisitor => ({
    OperationDefinition(operation) {
      const aliases = walkSelections(context, operation.selectionSet, {
        empty: 0,
        field: (node, children) => children + (node.alias === undefined ? 0 : 1),
        siblings: (results) => results.reduce((sum, n) => sum + n, 0),
      });
      if (aliases > maximum) {
        context.reportError(new LimitExceededError('aliases', maximum, aliases, [operation]));
      }
    },
  });
}
