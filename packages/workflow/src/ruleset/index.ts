export {
  INITIAL_RULE_SET_STATE,
  decidePublishRules,
  evolveRuleSet,
  foldRuleSet,
  type ApprovalRulesPublished,
  type RuleSetEvent,
  type RuleSetState,
} from './ruleSetVersions.js';
