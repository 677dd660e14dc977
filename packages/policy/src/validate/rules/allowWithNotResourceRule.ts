import type { ValidationRule } from '../validationRule.js';

/** `Allow` with `NotResource` grants every resource not listed, including future ones (NotResource). */
export const allowWithNotResourceRule: ValidationRule = {
  name: 'allow-with-not-resource',
  codes: ['ALLOW_WITH_NOT_RESOURCE'],
  check({ statements, report }) {
    for (const statement of statements) {
      if (statement.effect?.value !== 'Allow' || statement.notResource === undefined) continue;
      report(
        'ALLOW_WITH_NOT_RESOURCE',
        '`Allow` with `NotResource` grants every resource that is not listed, including resources created later',
        statement.notResource,
        'list the allowed resources in `Resource` instead',
      );
    }
  },
};
