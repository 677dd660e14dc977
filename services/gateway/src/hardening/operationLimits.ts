import type { ValidationRule } from 'graphql';
import { CostLimitRule } from './rules/CostLimitRule.js';
import { MaxAliasesRule } from './rules/MaxAliasesRule.js';
import { MaxDepthRule } from './rules/MaxDepthRule.js';
import { MaxDirectivesRule } from './rules/MaxDirectivesRule.js';
import { MaxRootFieldsRule } from './rules/MaxRootFieldsRule.js';

/** The bounds on one GraphQL request (README, "Hardening"). */
export interface OperationLimits {
  /** Lexical tokens in the query text (graphql-js `parse` `maxTokens`). */
  readonly maxTokens: number;
  readonly maxDepth: number;
  readonly maxAliases: number;
  readonly maxRootFields: number;
  readonly maxDirectives: number;
  readonly maxCost: number;
  /** Relay page size bounds (`first`). */
  readonly defaultPageSize: number;
  readonly maxPageSize: number;
  /** Items of `isAuthorizedBatch`. */
  readonly maxBatchSize: number;
}

/**
 * The defaults. The deepest legitimate query of this schema is a connection
 * (`listUsers { edges { node { permissionsBoundary { ... } } } }`: 5), and a
 * page of 100 users with every field costs about 1,800.
 */
export const DEFAULT_OPERATION_LIMITS: OperationLimits = {
  maxTokens: 2000,
  maxDepth: 8,
  maxAliases: 15,
  maxRootFields: 20,
  maxDirectives: 10,
  maxCost: 5000,
  defaultPageSize: 50,
  maxPageSize: 100,
  maxBatchSize: 100,
};

/** The validation rules that enforce {@link OperationLimits} (graphql's own rules run first). */
export function operationLimitRules(limits: OperationLimits): ValidationRule[] {
  return [
    MaxDepthRule(limits.maxDepth),
    MaxAliasesRule(limits.maxAliases),
    MaxRootFieldsRule(limits.maxRootFields),
    MaxDirectivesRule(limits.maxDirectives),
    CostLimitRule({
      maximum: limits.maxCost,
      defaultPageSize: limits.defaultPageSize,
      maxPageSize: limits.maxPageSize,
      batchArguments: ['requests'],
      maxBatchSize: limits.maxBatchSize,
    }),
  ];
}
