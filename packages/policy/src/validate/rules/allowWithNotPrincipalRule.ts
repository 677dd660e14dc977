import type { ValidationRule } from '../validationRule.js';

/** `Allow` with `NotPrincipal` grants every principal not listed, anonymous users included (NotPrincipal). */
export const allowWithNotPrincipalRule: ValidationRule = {
  name: 'allow-with-not-principal',
  codes: ['ALLOW_WITH_NOT_PRINCIPAL'],
  check({ statements, report }) {
    for (const statement of statements) {
      if (statement.effect?.value !== 'Allow' || statement.notPrincipal === undefined) continue;
      report(
        'ALLOW_WITH_NOT_PRINCIPAL',
        '`Allow` with `NotPrincipal` grants every principal that is not listed, including anonymous users',
        statement.notPrincipal,
        'name the allowed principals in `Principal` instead',
      );
    }
  },
};
