export * from './types.js';
export {
  parseApprovalRules,
  RULE_FILE_LIMITS,
  type ParseRulesOptions,
  type ParseRulesResult,
} from './parseApprovalRules.js';
export {
  formatRuleFileError,
  type RuleFileError,
  type RuleFileErrorCode,
} from './ruleFileError.js';
export { ownersOf, ruleMatches, selectRule, type RequestFacts } from './selectRule.js';
export { DEFAULT_RULES_SOURCE } from './defaultRules.js';
