import type { StatementNode } from '../../document/policyAst.js';
import { describeKind, type ValidationRule } from '../validationRule.js';

const IAM_SID = /^[A-Za-z0-9]+$/;

/**
 * Sids must be unique within a policy; IAM policies (all kinds but resource-based) accept only
 * ASCII letters and digits in them (IAM JSON policy elements: Sid). Resource-based policies of
 * other services accept more, so only uniqueness is checked there.
 */
export const sidRule: ValidationRule = {
  name: 'sid',
  codes: ['INVALID_SID', 'DUPLICATE_SID'],
  check({ statements, kind, report }) {
    const seen = new Map<string, StatementNode>();
    for (const statement of statements) {
      const sid = statement.sid;
      if (sid === undefined) continue;
      if (kind !== 'resource' && !IAM_SID.test(sid.value)) {
        report(
          'INVALID_SID',
          `the Sid \`${sid.value}\` is not valid in ${describeKind(kind)}`,
          sid,
          'use only ASCII letters and digits',
        );
      }
      const first = seen.get(sid.value);
      if (first !== undefined) {
        report(
          'DUPLICATE_SID',
          `the Sid \`${sid.value}\` is already used by statement ${first.index}`,
          sid,
          'give each statement its own Sid',
        );
      } else {
        seen.set(sid.value, statement);
      }
    }
  },
};
