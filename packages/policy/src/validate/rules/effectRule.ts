import { closestMatch, didYouMean } from '../../document/suggest.js';
import type { ValidationRule } from '../validationRule.js';

/** Every statement needs `Effect`, exactly `Allow` or `Deny` (IAM JSON policy elements: Effect). */
export const effectRule: ValidationRule = {
  name: 'effect',
  codes: ['MISSING_EFFECT', 'INVALID_EFFECT'],
  check({ statements, report }) {
    for (const statement of statements) {
      const effect = statement.effect;
      if (effect === undefined) {
        if (!statement.malformed.includes('Effect')) {
          report(
            'MISSING_EFFECT',
            'the statement has no `Effect`',
            statement,
            'add `"Effect": "Allow"` or `"Effect": "Deny"`',
          );
        }
        continue;
      }
      if (effect.value !== 'Allow' && effect.value !== 'Deny') {
        report(
          'INVALID_EFFECT',
          `\`${effect.value}\` is not an effect`,
          effect,
          didYouMean(closestMatch(effect.value, ['Allow', 'Deny'])) ?? 'use `Allow` or `Deny`',
        );
      }
    }
  },
};
