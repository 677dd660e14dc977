import { splitArn } from '../../patterns/arn.js';
import type { ValidationRule } from '../validationRule.js';

/**
 * Resources are `*` or ARNs `arn:partition:service:region:account:resource`; the service segment
 * cannot hold a wildcard (IAM JSON policy elements: Resource; IAM ARNs).
 */
export const resourceArnRule: ValidationRule = {
  name: 'resource-arn',
  codes: ['INVALID_ARN'],
  check({ statements, report }) {
    for (const statement of statements) {
      for (const list of [statement.resource, statement.notResource]) {
        for (const item of list?.items ?? []) {
          const problem = arnProblem(item.value);
          if (problem !== undefined) {
            report(
              'INVALID_ARN',
              problem,
              item,
              'write resources as `arn:partition:service:region:account:resource`, or `*`',
            );
          }
        }
      }
    }
  },
};

function arnProblem(value: string): string | undefined {
  if (value === '*') return undefined;
  const parts = splitArn(value);
  if (parts?.[0] !== 'arn') return `\`${value}\` is not an ARN`;
  const [, partition = '', service = ''] = parts;
  if (partition === '') return `the partition of \`${value}\` is empty`;
  if (service === '') return `the service of \`${value}\` is empty`;
  if (/[*?$]/.test(service)) {
    return `the service segment of \`${value}\` cannot contain a wildcard or a variable`;
  }
  return undefined;
}
