import { describeKind, type ValidationRule } from '../validationRule.js';

/**
 * `Principal`/`NotPrincipal` belong in resource-based and trust policies, where one of them is
 * required; identity-based policies, boundaries and guardrails cannot have them (IAM JSON policy
 * elements: Principal, NotPrincipal).
 */
export const principalPlacementRule: ValidationRule = {
  name: 'principal-placement',
  codes: ['PRINCIPAL_NOT_ALLOWED', 'MISSING_PRINCIPAL', 'PRINCIPAL_AND_NOT_PRINCIPAL'],
  check({ statements, kind, report }) {
    const required = kind === 'resource' || kind === 'trust';
    for (const statement of statements) {
      const { principal, notPrincipal } = statement;
      if (!required) {
        for (const [name, node] of [
          ['Principal', principal],
          ['NotPrincipal', notPrincipal],
        ] as const) {
          if (node !== undefined) {
            report(
              'PRINCIPAL_NOT_ALLOWED',
              `\`${name}\` cannot be used in ${describeKind(kind)}`,
              node,
              'the principal of such a policy is the identity it is attached to; remove the element',
            );
          }
        }
        continue;
      }
      if (principal !== undefined && notPrincipal !== undefined) {
        report(
          'PRINCIPAL_AND_NOT_PRINCIPAL',
          'a statement cannot have both `Principal` and `NotPrincipal`',
          notPrincipal,
          'keep one of them',
        );
      }
      if (
        principal === undefined &&
        notPrincipal === undefined &&
        !statement.malformed.includes('Principal') &&
        !statement.malformed.includes('NotPrincipal')
      ) {
        report(
          'MISSING_PRINCIPAL',
          `the statement has no \`Principal\`, which ${describeKind(kind)} requires`,
          statement,
          'add `"Principal"` naming who the statement applies to',
        );
      }
    }
  },
};
