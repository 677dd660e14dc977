import { globOf, matchGlob } from '../../patterns/glob.js';
import type { ValidationRule } from '../validationRule.js';

const PASS_ROLE = 'iam:passrole';

/**
 * Allowing `iam:PassRole` on every role lets the principal hand any role, however privileged,
 * to a service: a classic privilege escalation (Access Analyzer "PassRole with star in resource").
 */
export const passRoleRule: ValidationRule = {
  name: 'pass-role',
  codes: ['PASS_ROLE_WITH_STAR_RESOURCE'],
  check({ statements, report }) {
    for (const statement of statements) {
      if (statement.effect?.value !== 'Allow') continue;
      const coversPassRole =
        statement.action?.items.some((item) =>
          matchGlob(globOf(item.value.toLowerCase()), PASS_ROLE),
        ) ??
        (statement.notAction !== undefined &&
          !statement.notAction.items.some((item) =>
            matchGlob(globOf(item.value.toLowerCase()), PASS_ROLE),
          ));
      const star =
        statement.resource?.items.find((item) => item.value === '*') ?? statement.notResource;
      if (!coversPassRole || star === undefined) continue;
      report(
        'PASS_ROLE_WITH_STAR_RESOURCE',
        '`iam:PassRole` is allowed on every role, which lets the principal pass any role to a service',
        star,
        'list the roles that may be passed in `Resource`, and consider the `iam:PassedToService` condition key',
      );
    }
  },
};
