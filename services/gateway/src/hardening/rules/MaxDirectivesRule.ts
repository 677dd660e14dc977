import type { ASTVisitor, DirectiveNode, ValidationContext, ValidationRule } from 'graphql';
import { LimitExceededError } from '../limitExceededError.js';

/**
 * Documents may use at most `maximum` directives: directives are cheap to write
 * and each one costs the server work (graphql-armor's "max directives" attack).
 */
export function MaxDirectivesRule(maximum: number): ValidationRule {
  return (context: ValidationContext): ASTVisitor => {
    const directives: DirectiveNode[] = [];
    return {
      Directive(node) {
        directives.push(node);
      },
      Document: {
        leave() {
          const first = directives[maximum];
          if (first !== undefined) {
            context.reportError(
              new LimitExceededError('directives', maximum, directives.length, [first]),
            );
          }
        },
      },
    };
  };
}
