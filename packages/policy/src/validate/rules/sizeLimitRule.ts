import type { ValidationRule } from '../validationRule.js';

/**
 * IAM limits policy size in characters, not counting whitespace: managed 6,144, inline user
 * 2,048, group 5,120, role 10,240, role trust 2,048 (IAM and AWS STS quotas), SCPs 5,120.
 */
export const sizeLimitRule: ValidationRule = {
  name: 'size-limit',
  codes: ['POLICY_SIZE_EXCEEDED'],
  check({ policy, size, sizeLimit, report }) {
    if (sizeLimit === undefined || size <= sizeLimit.limit) return;
    const what = sizeLimit.sizeClass === undefined ? '' : ` for a ${sizeLimit.sizeClass} policy`;
    report(
      'POLICY_SIZE_EXCEEDED',
      `the policy has ${size} characters not counting whitespace, more than the ${sizeLimit.limit} allowed${what}`,
      policy,
      'split it into several policies, or use wildcards where they do not grant more than intended',
    );
  },
};
