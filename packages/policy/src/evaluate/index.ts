export {
  actionMatches,
  compileStatement,
  conditionsHold,
  resourceMatches,
} from './compileStatement.js';
export type { ActionMatcher, CompiledStatement, ResourceMatcher } from './compileStatement.js';
export { CompiledPolicy, compileDocument } from './compiledPolicy.js';
export { evaluate } from './evaluate.js';
export type {
  Decision,
  EvaluationInput,
  EvaluationRequest,
  EvaluationResult,
  MatchedStatement,
  PolicyInput,
  ResourcePolicyInput,
} from './evaluationTypes.js';
export { clearPolicyCache, compilePolicy } from './policyCache.js';
export { compilePrincipal, principalScope } from './principalMatcher.js';
export type { PrincipalEntry, PrincipalMatcher, PrincipalScope } from './principalMatcher.js';
export { parseRequestPrincipal } from './requestPrincipal.js';
export type { PrincipalKind, RequestPrincipal } from './requestPrincipal.js';
