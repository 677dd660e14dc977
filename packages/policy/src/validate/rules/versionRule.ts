import { closestMatch, didYouMean } from '../../document/suggest.js';
import type { ValidationRule } from '../validationRule.js';

const CURRENT = '2012-10-17';
const OLD = '2008-10-17';

/**
 * `Version` should be `2012-10-17`: without it, or with `2008-10-17`, IAM reads policy variables
 * as literal text (IAM JSON policy elements: Version).
 */
export const versionRule: ValidationRule = {
  name: 'version',
  codes: ['MISSING_VERSION', 'OLD_VERSION', 'INVALID_VERSION'],
  check({ policy, report }) {
    const version = policy.version;
    if (version === undefined) {
      if (!policy.malformed.includes('Version')) {
        report(
          'MISSING_VERSION',
          'the policy has no `Version`, so IAM reads it as version `2008-10-17`, without policy variables',
          policy,
          `add \`"Version": "${CURRENT}"\``,
        );
      }
      return;
    }
    if (version.value === CURRENT) return;
    if (version.value === OLD) {
      report(
        'OLD_VERSION',
        `version \`${OLD}\` is outdated and does not support policy variables`,
        version,
        `use \`${CURRENT}\``,
      );
      return;
    }
    report(
      'INVALID_VERSION',
      `\`${version.value}\` is not a policy language version`,
      version,
      didYouMean(closestMatch(version.value, [CURRENT, OLD])) ?? `use \`${CURRENT}\``,
    );
  },
};
