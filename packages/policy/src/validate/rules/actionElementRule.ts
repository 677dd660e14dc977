import type { ValidationRule } from '../validationRule.js';

/**
 * A statement needs exactly one of `Action` and `NotAction`, not empty (IAM JSON policy
 * elements: Action, NotAction).
 */
export const actionElementRule: ValidationRule = {
  name: 'action-element',
  codes: ['MISSING_ACTION', 'ACTION_AND_NOT_ACTION', 'EMPTY_ELEMENT'],
  check({ statements, report }) {
    for (const statement of statements) {
      const { action, notAction } = statement;
      if (action !== undefined && notAction !== undefined) {
        report(
          'ACTION_AND_NOT_ACTION',
          'a statement cannot have both `Action` and `NotAction`',
          notAction,
          'keep one of them',
        );
      }
      if (
        action === undefined &&
        notAction === undefined &&
        !statement.malformed.includes('Action') &&
        !statement.malformed.includes('NotAction')
      ) {
        report('MISSING_ACTION', 'the statement has neither `Action` nor `NotAction`', statement);
      }
      for (const [name, list] of [
        ['Action', action],
        ['NotAction', notAction],
      ] as const) {
        if (list?.items.length === 0 && !statement.malformed.includes(name)) {
          report('EMPTY_ELEMENT', `\`${name}\` is empty`, list);
        }
      }
    }
  },
};
