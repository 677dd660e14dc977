import { describeExpectedValue, valueKindOf } from '../../conditions/conditionValue.js';
import { familySupportsVariables, parseConditionOperator } from '../../conditions/operators.js';
import { parseBoolValue } from '../../conditions/values/boolValue.js';
import { parseTemplate } from '../../patterns/policyVariables.js';
import type { ValidationRule } from '../validationRule.js';

/**
 * Condition values must fit their operator: numbers for Numeric, dates for Date, `true`/`false`
 * for Bool and Null, base64 for BinaryEquals, addresses or CIDR blocks for IpAddress, ARNs for
 * the Arn operators; a key needs a name and at least one value.
 */
export const conditionValueRule: ValidationRule = {
  name: 'condition-value',
  codes: ['INVALID_CONDITION_VALUE', 'INVALID_CONDITION_KEY', 'EMPTY_ELEMENT'],
  check({ statements, variablesEnabled, report }) {
    for (const statement of statements) {
      for (const operatorNode of statement.condition?.operators ?? []) {
        const parsed = parseConditionOperator(operatorNode.operator.value);
        for (const entry of operatorNode.entries) {
          if (entry.key.value.trim() === '') {
            report('INVALID_CONDITION_KEY', 'a condition key cannot be empty', entry.key);
          }
          if (entry.values.items.length === 0) {
            report(
              'EMPTY_ELEMENT',
              `condition key \`${entry.key.value}\` has no values`,
              entry.values,
            );
          }
          if (!parsed.ok) continue;
          const operator = parsed.operator;
          const family = operator.family;
          for (const item of entry.values.items) {
            let fits: boolean;
            if (family === 'Null') {
              fits = parseBoolValue(item.text) !== undefined;
            } else {
              const withVariables = variablesEnabled && familySupportsVariables(family);
              const { template } = parseTemplate(item.text, withVariables);
              // A value with variables is checked when the request supplies them.
              fits =
                template.hasVariables ||
                valueKindOf(family, operator.comparison).read(template, undefined) !== undefined;
            }
            if (!fits) {
              report(
                'INVALID_CONDITION_VALUE',
                `\`${item.text}\` is not a valid value for \`${operator.name}\`: expected ${describeExpectedValue(family)}`,
                item,
              );
            }
          }
        }
      }
    }
  },
};
