import { parseConditionOperator } from '../../conditions/operators.js';
import type { ValidationRule } from '../validationRule.js';

/**
 * `ForAllValues:` holds when the key is absent or empty, so an `Allow` guarded only by it also
 * applies to requests without the key; AWS recommends a `Null` check with `false` next to it
 * (Single-valued vs. multivalued context keys).
 */
export const forAllValuesWithAllowRule: ValidationRule = {
  name: 'for-all-values-with-allow',
  codes: ['ALLOW_WITH_FOR_ALL_VALUES'],
  check({ statements, report }) {
    for (const statement of statements) {
      const operators = statement.condition?.operators ?? [];
      if (statement.effect?.value !== 'Allow') continue;
      const nullChecked = new Set<string>();
      for (const operatorNode of operators) {
        if (operatorNode.operator.value !== 'Null') continue;
        for (const entry of operatorNode.entries) {
          if (entry.values.items.some((item) => item.text.toLowerCase() === 'false')) {
            nullChecked.add(entry.key.value.toLowerCase());
          }
        }
      }
      for (const operatorNode of operators) {
        const parsed = parseConditionOperator(operatorNode.operator.value);
        if (!parsed.ok || parsed.operator.qualifier !== 'ForAllValues') continue;
        for (const entry of operatorNode.entries) {
          if (nullChecked.has(entry.key.value.toLowerCase())) continue;
          report(
            'ALLOW_WITH_FOR_ALL_VALUES',
            `\`ForAllValues:\` holds when \`${entry.key.value}\` is absent from the request, so this \`Allow\` also applies to requests without it`,
            entry.key,
            `add \`"Null": {"${entry.key.value}": "false"}\` to require the key`,
          );
        }
      }
    }
  },
};
