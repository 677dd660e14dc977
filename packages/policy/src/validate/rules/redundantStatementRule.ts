import { statementCovers } from '../../analysis/statementCoverage.js';
import { describeStatement, type ValidationRule } from '../validationRule.js';

/**
 * A statement whose every request is already covered by another statement of the same effect
 * (without a condition, or with the same one) changes no decision.
 */
export const redundantStatementRule: ValidationRule = {
  name: 'redundant-statement',
  codes: ['REDUNDANT_STATEMENT'],
  check({ statements, report }) {
    statements.forEach((statement, index) => {
      const effect = statement.effect?.value;
      if (effect !== 'Allow' && effect !== 'Deny') return;
      const coveredBy = statements.find(
        (other, otherIndex) =>
          otherIndex !== index &&
          other.effect?.value === effect &&
          statementCovers(other, statement) &&
          // Of two statements covering each other, the first one stays.
          (!statementCovers(statement, other) || otherIndex < index),
      );
      if (coveredBy === undefined) return;
      report(
        'REDUNDANT_STATEMENT',
        `${describeStatement(statement)} is redundant: ${describeStatement(coveredBy)} already ${effect === 'Allow' ? 'allows' : 'denies'} everything it ${effect === 'Allow' ? 'allows' : 'denies'}`,
        statement,
        'remove it, or merge the two statements',
      );
    });
  },
};
