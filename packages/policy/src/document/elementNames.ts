import type { PolicyElementName, StatementElementName } from './policyAst.js';

/** The top-level elements of a policy, in the order the printer writes them. */
export const POLICY_ELEMENTS: readonly PolicyElementName[] = ['Version', 'Id', 'Statement'];

/** The elements of a statement, in the order the printer writes them. */
export const STATEMENT_ELEMENTS: readonly StatementElementName[] = [
  'Sid',
  'Effect',
  'Principal',
  'NotPrincipal',
  'Action',
  'NotAction',
  'Resource',
  'NotResource',
  'Condition',
];

/** The principal types IAM accepts as keys of a `Principal` map. */
export const PRINCIPAL_TYPES = ['AWS', 'Service', 'Federated', 'CanonicalUser'] as const;

/** One of `PRINCIPAL_TYPES`. */
export type PrincipalType = (typeof PRINCIPAL_TYPES)[number];

/** Whether `name` is a principal type IAM accepts. */
export function isPrincipalType(name: string): name is PrincipalType {
  return (PRINCIPAL_TYPES as readonly string[]).includes(name);
}
