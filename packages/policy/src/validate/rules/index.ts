import type { ValidationRule } from '../validationRule.js';
import { actionElementRule } from './actionElementRule.js';
import { actionNameRule } from './actionNameRule.js';
import { allowAllPrincipalsRule } from './allowAllPrincipalsRule.js';
import { allowWithNotActionRule } from './allowWithNotActionRule.js';
import { allowWithNotPrincipalRule } from './allowWithNotPrincipalRule.js';
import { allowWithNotResourceRule } from './allowWithNotResourceRule.js';
import { catalogueActionRule } from './catalogueActionRule.js';
import { catalogueConditionKeyRule } from './catalogueConditionKeyRule.js';
import { conditionOperatorRule } from './conditionOperatorRule.js';
import { conditionValueRule } from './conditionValueRule.js';
import { effectRule } from './effectRule.js';
import { forAllValuesWithAllowRule } from './forAllValuesWithAllowRule.js';
import { mfaBoolFalseRule } from './mfaBoolFalseRule.js';
import { passRoleRule } from './passRoleRule.js';
import { policyVariableRule } from './policyVariableRule.js';
import { principalPlacementRule } from './principalPlacementRule.js';
import { principalValueRule } from './principalValueRule.js';
import { redundantEntryRule } from './redundantEntryRule.js';
import { redundantStatementRule } from './redundantStatementRule.js';
import { resourceArnRule } from './resourceArnRule.js';
import { resourceElementRule } from './resourceElementRule.js';
import { sidRule } from './sidRule.js';
import { sizeLimitRule } from './sizeLimitRule.js';
import { statementRule } from './statementRule.js';
import { unreachableStatementRule } from './unreachableStatementRule.js';
import { versionRule } from './versionRule.js';

/** Every validation rule, in no particular order (findings are sorted by position). */
export const VALIDATION_RULES: readonly ValidationRule[] = [
  sizeLimitRule,
  versionRule,
  statementRule,
  sidRule,
  effectRule,
  actionElementRule,
  actionNameRule,
  resourceElementRule,
  resourceArnRule,
  principalPlacementRule,
  principalValueRule,
  conditionOperatorRule,
  conditionValueRule,
  policyVariableRule,
  mfaBoolFalseRule,
  allowWithNotActionRule,
  allowWithNotResourceRule,
  allowWithNotPrincipalRule,
  allowAllPrincipalsRule,
  passRoleRule,
  forAllValuesWithAllowRule,
  redundantEntryRule,
  redundantStatementRule,
  unreachableStatementRule,
  catalogueActionRule,
  catalogueConditionKeyRule,
];
