import { describeKind, type ValidationRule } from '../validationRule.js';

/**
 * A statement needs exactly one of `Resource` and `NotResource`, not empty; role trust policies
 * are the exception, where the resource is the role itself (IAM JSON policy elements: Resource).
 */
export const resourceElementRule: ValidationRule = {
  name: 'resource-element',
  codes: ['MISSING_RESOURCE', 'RESOURCE_AND_NOT_RESOURCE', 'EMPTY_ELEMENT'],
  check({ statements, kind, report }) {
    for (const statement of statements) {
      const { resource, notResource } = statement;
      if (resource !== undefined && notResource !== undefined) {
        report(
          'RESOURCE_AND_NOT_RESOURCE',
          'a statement cannot have both `Resource` and `NotResource`',
          notResource,
          'keep one of them',
        );
      }
      if (
        kind !== 'trust' &&
        resource === undefined &&
        notResource === undefined &&
        !statement.malformed.includes('Resource') &&
        !statement.malformed.includes('NotResource')
      ) {
        report(
          'MISSING_RESOURCE',
          `the statement has neither \`Resource\` nor \`NotResource\`, which ${describeKind(kind)} requires`,
          statement,
          'add `"Resource"` with the ARNs the statement is about, or `"*"`',
        );
      }
      for (const [name, list] of [
        ['Resource', resource],
        ['NotResource', notResource],
      ] as const) {
        if (list?.items.length === 0 && !statement.malformed.includes(name)) {
          report('EMPTY_ELEMENT', `\`${name}\` is empty`, list);
        }
      }
    }
  },
};
