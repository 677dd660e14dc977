import {
  Kind,
  type ASTVisitor,
  type FieldNode,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';
import { LimitExceededError } from '../limitExceededError.js';
import { walkSelections } from './operationWalker.js';

/** How {@link CostLimitRule} prices an operation. */
export interface CostLimitOptions {
  readonly maximum: number;
  /** Nodes a connection returns when `first` is absent. */
  readonly defaultPageSize: number;
  /** Nodes a connection returns at most (assumed when `first` comes from a variable). */
  readonly maxPageSize: number;
  /** List arguments whose length multiplies the cost of the field (`requests` of a batch). */
  readonly batchArguments: readonly string[];
  /** Items of a batch argument given by a variable (its maximum length). */
  readonly maxBatchSize: number;
}

/** How many times a field's selections are produced: page size, batch length, or 1. */
function multiplier(field: FieldNode, options: CostLimitOptions): number {
  for (const argument of field.arguments ?? []) {
    const name = argument.name.value;
    if (name === 'first') {
      if (argument.value.kind === Kind.INT) {
        return Math.min(
          Math.max(Number.parseInt(argument.value.value, 10), 0),
          options.maxPageSize,
        );
      }
      return options.maxPageSize;
    }
    if (options.batchArguments.includes(name)) {
      if (argument.value.kind === Kind.LIST) return Math.max(argument.value.values.length, 1);
      return options.maxBatchSize;
    }
  }
  return isConnectionField(field) ? options.defaultPageSize : 1;
}

/** A field selecting `edges` is a Relay connection (defaults to one page). */
function isConnectionField(field: FieldNode): boolean {
  return (
    field.selectionSet?.selections.some(
      (selection) => selection.kind === Kind.FIELD && selection.name.value === 'edges',
    ) ?? false
  );
}

/**
 * Static cost analysis: every field costs 1, and the selections under a
 * connection or a batch cost as many times as nodes or items it may return (the
 * literal `first` or list length, the maximum when given by a variable, since
 * validation runs before variables are known). Operations above `maximum` are
 * refused before anything executes.
 */
export function CostLimitRule(options: CostLimitOptions): ValidationRule {
  return (context: ValidationContext): ASTVisitor => ({
    OperationDefinition(operation) {
      const cost = walkSelections(context, operation.selectionSet, {
        empty: 0,
        field: (node, children) => 1 + multiplier(node, options) * children,
        siblings: (results) => results.reduce((sum, n) => sum + n, 0),
      });
      if (cost > options.maximum) {
        context.reportError(new LimitExceededError('cost', options.maximum, cost, [operation]));
      }
    },
  });
}
