import { statementCovers } from '../../analysis/statementCoverage.js';
import { describeStatement, type ValidationRule } from '../validationRule.js';

/**
 * An `Allow` whose every request is denied by an unconditional `Deny` of the same policy never
 * takes effect: explicit deny always wins (Policy evaluation logic).
 */
export const unreachableStatementRule: ValidationRule = {
  name: 'unreachable-statement',
  codes: ['UNREACHABLE_STATEMENT'],
  check({ statements, report }) {
    for (const statement of statements) {
      if (statement.effect?.value !== 'Allow') continue;
      const denial = statements.find(
        (other) =>
          other.effect?.value === 'Deny' &&
          other.condition === undefined &&
          statementCovers(other, statement),
      );
      if (denial === undefined) continue;
      report(
        'UNREACHABLE_STATEMENT',
        `${describeStatement(statement)} never takes effect: ${describeStatement(denial)} denies everything it allows`,
        statement,
        'remove the Allow, or narrow the Deny',
      );
    }
  },
};
