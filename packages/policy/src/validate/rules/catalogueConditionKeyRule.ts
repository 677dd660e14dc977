import type { CatalogueAction } from '../../catalogue/catalogue.js';
import type { ValidationRule } from '../validationRule.js';

/**
 * With a catalogue, each condition key of a statement must be supported by at least one of the
 * statement's actions, or be a global `aws:` key (Access Analyzer's "unsupported condition key
 * for service"). A key no action supports makes the condition never true for an Allow (or always
 * missing for a Deny). Statements with NotAction or with actions outside the catalogue are
 * skipped: which actions they cover is not known well enough to judge.
 */
export const catalogueConditionKeyRule: ValidationRule = {
  name: 'catalogue-condition-key',
  codes: ['UNKNOWN_CONDITION_KEY_FOR_ACTION'],
  check({ statements, catalogue, report }) {
    if (catalogue === undefined) return;
    for (const statement of statements) {
      if (statement.condition === undefined || statement.action === undefined) continue;
      const actions: CatalogueAction[] = [];
      let complete = true;
      for (const item of statement.action.items) {
        const expanded = catalogue.expand(item.value);
        if (expanded.length === 0) complete = false;
        actions.push(...expanded);
      }
      if (!complete || actions.length === 0) continue;
      for (const operator of statement.condition.operators) {
        for (const entry of operator.entries) {
          const key = entry.key.value;
          if (key === '') continue;
          if (actions.some((action) => catalogue.supportsConditionKey(action, key))) continue;
          const names = statement.action.items.map((item) => `\`${item.value}\``).join(', ');
          report(
            'UNKNOWN_CONDITION_KEY_FOR_ACTION',
            `condition key \`${key}\` is not supported by ${names}`,
            entry.key,
            catalogue.conditionKey(key) === undefined
              ? 'check the spelling of the key; the catalogue does not know it'
              : 'the key exists, but not for these actions: it is never present in their requests',
          );
        }
      }
    }
  },
};
