export { VALIDATION_RULES } from './rules/index.js';
export { createRuleContext, validatePolicy } from './validatePolicy.js';
export type { ValidateOptions } from './validatePolicy.js';
export { describeKind, describeStatement } from './validationRule.js';
export type { RuleContext, ValidationRule } from './validationRule.js';
