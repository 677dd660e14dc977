import type { ValidationRule } from '../validationRule.js';

const ACTION = /^[A-Za-z0-9-]+:[A-Za-z0-9*?_.-]+$/;

/**
 * Actions are `*` or `service:Action`, with wildcards allowed in the action name only
 * (IAM JSON policy elements: Action).
 */
export const actionNameRule: ValidationRule = {
  name: 'action-name',
  codes: ['INVALID_ACTION'],
  check({ statements, report }) {
    for (const statement of statements) {
      for (const list of [statement.action, statement.notAction]) {
        for (const item of list?.items ?? []) {
          if (item.value === '*' || ACTION.test(item.value)) continue;
          const colon = item.value.indexOf(':');
          const prefix = colon < 0 ? '' : item.value.slice(0, colon);
          report(
            'INVALID_ACTION',
            /[*?]/.test(prefix)
              ? `the service prefix of \`${item.value}\` cannot contain a wildcard`
              : `\`${item.value}\` is not an action`,
            item,
            'write actions as `service:ActionName` (wildcards in the action name only), or `*`',
          );
        }
      }
    }
  },
};
