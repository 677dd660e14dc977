import type { ValidationRule } from '../validationRule.js';

/** `Allow` with `NotAction` grants every action not listed, including future ones (NotAction). */
export const allowWithNotActionRule: ValidationRule = {
  name: 'allow-with-not-action',
  codes: ['ALLOW_WITH_NOT_ACTION'],
  check({ statements, report }) {
    for (const statement of statements) {
      if (statement.effect?.value !== 'Allow' || statement.notAction === undefined) continue;
      report(
        'ALLOW_WITH_NOT_ACTION',
        '`Allow` with `NotAction` grants every action that is not listed, including actions added to services later',
        statement.notAction,
        'list the allowed actions in `Action` instead',
      );
    }
  },
};
