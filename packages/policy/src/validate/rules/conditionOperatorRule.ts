import { parseConditionOperator } from '../../conditions/operators.js';
import type { ValidationRule } from '../validationRule.js';

/**
 * Condition operators must be IAM's, optionally with `IfExists` and a `ForAllValues:` or
 * `ForAnyValue:` qualifier; `Null` takes neither (IAM JSON policy elements: Condition operators).
 */
export const conditionOperatorRule: ValidationRule = {
  name: 'condition-operator',
  codes: ['UNKNOWN_CONDITION_OPERATOR', 'IF_EXISTS_ON_NULL', 'EMPTY_ELEMENT'],
  check({ statements, report }) {
    for (const statement of statements) {
      for (const operator of statement.condition?.operators ?? []) {
        const parsed = parseConditionOperator(operator.operator.value);
        if (!parsed.ok) {
          const code =
            parsed.problem.reason === 'if-exists-on-null'
              ? 'IF_EXISTS_ON_NULL'
              : 'UNKNOWN_CONDITION_OPERATOR';
          report(code, parsed.problem.message, operator.operator, parsed.problem.help);
        }
        // Entries of the wrong type were reported and left out; do not call the rest empty.
        if (operator.entries.length === 0 && !statement.malformed.includes('Condition')) {
          report(
            'EMPTY_ELEMENT',
            `the condition operator \`${operator.operator.value}\` has no condition keys`,
            operator,
          );
        }
      }
    }
  },
};
