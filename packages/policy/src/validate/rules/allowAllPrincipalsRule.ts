import type { PrincipalNode } from '../../document/policyAst.js';
import type { ValidationRule } from '../validationRule.js';

/**
 * An unconditional `Allow` to `Principal` `*` grants everyone, anonymous users and every other
 * account included (AWS JSON policy elements: Principal, "All principals").
 */
export const allowAllPrincipalsRule: ValidationRule = {
  name: 'allow-all-principals',
  codes: ['ALLOW_ALL_PRINCIPALS'],
  check({ statements, kind, report }) {
    // In other kinds a Principal is an error of its own (PRINCIPAL_NOT_ALLOWED).
    if (kind !== 'resource' && kind !== 'trust') return;
    for (const statement of statements) {
      const principal = statement.principal;
      if (statement.effect?.value !== 'Allow' || principal === undefined) continue;
      if (statement.condition !== undefined || !namesEveryone(principal)) continue;
      report(
        'ALLOW_ALL_PRINCIPALS',
        'this statement allows any principal, including anonymous users and other accounts',
        principal,
        'name the principals, or restrict the statement with a `Condition` (for example on `aws:PrincipalOrgID`)',
      );
    }
  },
};

function namesEveryone(principal: PrincipalNode): boolean {
  if (principal.form === 'string') return principal.value.value === '*';
  return principal.entries.some(
    (entry) => entry.type.value === 'AWS' && entry.values.items.some((item) => item.value === '*'),
  );
}
