import { PRINCIPAL_TYPES, isPrincipalType } from '../../document/elementNames.js';
import type { PrincipalNode } from '../../document/policyAst.js';
import { closestMatch, didYouMean } from '../../document/suggest.js';
import { parseArn } from '../../patterns/arn.js';
import type { RuleContext, ValidationRule } from '../validationRule.js';

const ACCOUNT_ID = /^\d{12}$/;
/** Characters IAM allows in user, role and session names (IAM identifiers). */
const NAME = String.raw`[\w+=,.@-]+`;
const IAM_IDENTITY = new RegExp(`^(?:user|role)/(?:${NAME}/)*${NAME}$`);
const STS_SESSION = new RegExp(`^(?:assumed-role/${NAME}/${NAME}|federated-user/${NAME})$`);
/** IAM unique ids (AIDA... users, AROA... roles), which IAM stores for deleted principals. */
const UNIQUE_ID = /^A[A-Z0-9]{15,127}$/;

/**
 * Principals are `"*"` or a map of `AWS`, `Service`, `Federated`, `CanonicalUser` to names; an AWS
 * principal is `*`, an account id or an IAM/STS principal ARN, and no principal may use a
 * wildcard to match part of a name (AWS JSON policy elements: Principal).
 */
export const principalValueRule: ValidationRule = {
  name: 'principal-value',
  codes: ['INVALID_PRINCIPAL', 'EMPTY_ELEMENT'],
  check(context) {
    for (const statement of context.statements) {
      if (statement.principal) checkPrincipal(context, statement.principal, 'Principal');
      if (statement.notPrincipal) checkPrincipal(context, statement.notPrincipal, 'NotPrincipal');
    }
  },
};

function checkPrincipal({ report }: RuleContext, node: PrincipalNode, element: string): void {
  if (node.form === 'string') {
    if (node.value.value !== '*') {
      report(
        'INVALID_PRINCIPAL',
        `\`${node.value.value}\` is not a principal`,
        node.value,
        `use \`"*"\` or a map such as \`{"AWS": "${node.value.value}"}\``,
      );
    }
    return;
  }
  if (node.entries.length === 0) report('EMPTY_ELEMENT', `\`${element}\` is empty`, node);
  for (const entry of node.entries) {
    const type = entry.type.value;
    if (!isPrincipalType(type)) {
      report(
        'INVALID_PRINCIPAL',
        `unknown principal type \`${type}\``,
        entry.type,
        didYouMean(closestMatch(type, PRINCIPAL_TYPES)) ??
          `use one of ${PRINCIPAL_TYPES.map((t) => `\`${t}\``).join(', ')}`,
      );
      continue;
    }
    if (entry.values.items.length === 0) {
      report('EMPTY_ELEMENT', `\`${element}\` \`${type}\` is empty`, entry.values);
    }
    for (const item of entry.values.items) {
      const problem = principalProblem(type, item.value);
      if (problem !== undefined) report('INVALID_PRINCIPAL', problem, item);
    }
  }
}

function principalProblem(type: string, value: string): string | undefined {
  if (type === 'AWS' && value === '*') return undefined;
  if (value === '') return `an empty \`${type}\` principal names no one`;
  if (/[*?]/.test(value)) {
    return `\`${value}\`: a principal cannot use a wildcard to match part of a name or ARN`;
  }
  if (type !== 'AWS') return undefined;
  if (ACCOUNT_ID.test(value) || UNIQUE_ID.test(value)) return undefined;
  const arn = parseArn(value);
  const resource = arn?.resource ?? '';
  const valid =
    arn !== undefined &&
    ((arn.service === 'iam' && (resource === 'root' || IAM_IDENTITY.test(resource))) ||
      (arn.service === 'sts' && STS_SESSION.test(resource)));
  return valid
    ? undefined
    : `\`${value}\` is not an AWS principal: expected an account id or an IAM user, role, root, role session or federated user ARN`;
}
