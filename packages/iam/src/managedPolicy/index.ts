export * from './commands.js';
export type * from './events.js';
export {
  defaultDocument,
  managedPolicyEvolver,
  type ManagedPolicyState,
  type PolicyUser,
  type PolicyVersion,
} from './evolve.js';
export {
  assertPolicyExists,
  checkManagedDocument,
  decideCreatePolicy,
  decideManagedPolicy,
  decidePolicyUsage,
  type PolicyDecision,
} from './decide.js';
