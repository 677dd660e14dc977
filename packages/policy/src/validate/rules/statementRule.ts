import type { ValidationRule } from '../validationRule.js';

/** A policy needs a `Statement` with at least one statement (IAM JSON policy elements: Statement). */
export const statementRule: ValidationRule = {
  name: 'statement',
  codes: ['MISSING_STATEMENT', 'EMPTY_ELEMENT'],
  check({ policy, report }) {
    const statement = policy.statement;
    if (statement === undefined) {
      if (!policy.malformed.includes('Statement')) {
        report('MISSING_STATEMENT', 'the policy has no `Statement`', policy);
      }
      return;
    }
    if (statement.items.length === 0 && !policy.malformed.includes('Statement')) {
      report('EMPTY_ELEMENT', '`Statement` is empty', statement, 'add at least one statement');
    }
  },
};
