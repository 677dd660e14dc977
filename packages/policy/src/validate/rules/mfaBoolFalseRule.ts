import { parseConditionOperator } from '../../conditions/operators.js';
import type { ValidationRule } from '../validationRule.js';

const MFA_KEY = 'aws:multifactorauthpresent';

/**
 * `Bool` with `aws:MultiFactorAuthPresent` `false` never matches requests signed with long-term
 * access keys, because the key is absent from them; a Deny written this way lets such requests
 * through (AWS global condition context keys: aws:MultiFactorAuthPresent).
 */
export const mfaBoolFalseRule: ValidationRule = {
  name: 'mfa-bool-false',
  codes: ['MFA_PRESENT_BOOL_FALSE'],
  check({ statements, report }) {
    for (const statement of statements) {
      for (const operatorNode of statement.condition?.operators ?? []) {
        const parsed = parseConditionOperator(operatorNode.operator.value);
        if (!parsed.ok || parsed.operator.base !== 'Bool' || parsed.operator.ifExists) continue;
        if (parsed.operator.qualifier !== undefined) continue;
        for (const entry of operatorNode.entries) {
          if (entry.key.value.toLowerCase() !== MFA_KEY) continue;
          if (!entry.values.items.some((item) => item.text.toLowerCase() === 'false')) continue;
          report(
            'MFA_PRESENT_BOOL_FALSE',
            `\`${entry.key.value}\` is absent from requests signed with long-term access keys, so \`Bool\` with \`false\` never matches them`,
            entry.key,
            statement.effect?.value === 'Deny'
              ? 'to deny requests made without MFA, use `BoolIfExists` with `false`'
              : 'use `BoolIfExists` with `false` to include requests made with long-term access keys',
          );
        }
      }
    }
  },
};
