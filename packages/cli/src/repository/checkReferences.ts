import type { Collector } from './collector.js';
import { QUOTAS } from './iamNames.js';
import type { RepositoryConfig } from './repositoryModel.js';
import { repositoryFinding } from './schemaFindings.js';
import { didYouMean } from './suggest.js';

const POLICY_ARN = /^arn:gatehouse:iam::(\d{12}):policy(\/|\/[\u0021-\u007E]*\/)[\w+=,.@-]+$/;

/**
 * Checks what spans files: names unique per kind (case-insensitively, as IAM compares them;
 * `policies/` and `boundaries/` share one namespace), references to policies, groups and users
 * that exist, and the per-user group quota over both ways of declaring membership.
 */
export function checkReferences(out: Collector, config: RepositoryConfig): void {
  const locate = (file: string) => out.sources.get(file);

  const unique = (kind: string, entities: readonly { name: string; file: string }[]): void => {
    const seen = new Map<string, string>();
    for (const entity of entities) {
      const key = entity.name.toLowerCase();
      const other = seen.get(key);
      const source = locate(entity.file);
      if (other !== undefined && source !== undefined) {
        out.findings.push(
          repositoryFinding(
            source,
            'DUPLICATE_NAME',
            `${kind} \`${entity.name}\` is also defined in \`${other}\` (names are unique regardless of case)`,
            '',
          ),
        );
      } else {
        seen.set(key, entity.file);
      }
    }
  };
  unique('policy', out.policies);
  unique('user', out.users);
  unique('group', out.groups);
  unique('role', out.roles);

  const policyNames = new Set([...out.policies.map((p) => p.name), ...out.unparsed.policy]);
  const groupNames = new Set([...out.groups.map((g) => g.name), ...out.unparsed.group]);
  const userNames = new Set([...out.users.map((u) => u.name), ...out.unparsed.user]);

  const checkPolicyReference = (file: string, reference: string, pointer: string): void => {
    const source = locate(file);
    if (source === undefined) return;
    if (reference.startsWith('arn:')) {
      const match = POLICY_ARN.exec(reference);
      if (match === null) {
        out.findings.push(
          repositoryFinding(
            source,
            'INVALID_VALUE',
            `\`${reference}\` is not a managed policy ARN (\`arn:gatehouse:iam::<account>:policy/<path><name>\`)`,
            pointer,
          ),
        );
      } else if (config.account !== undefined && match[1] !== config.account) {
        out.findings.push(
          repositoryFinding(
            source,
            'INVALID_VALUE',
            `\`${reference}\` belongs to account \`${String(match[1])}\`, not \`${config.account}\``,
            pointer,
          ),
        );
      }
      return;
    }
    if (!policyNames.has(reference)) {
      out.findings.push(
        repositoryFinding(
          source,
          'UNKNOWN_REFERENCE',
          `no policy \`${reference}\` in \`policies/\` or \`boundaries/\``,
          pointer,
          {
            help:
              didYouMean(reference, policyNames) ??
              'name a policy of the repository, or give an ARN',
          },
        ),
      );
    }
  };

  const holders = [...out.users, ...out.groups, ...out.roles];
  for (const holder of holders) {
    holder.policies.forEach((reference, index) => {
      checkPolicyReference(holder.file, reference, `/policies/${index}`);
    });
    if ('permissionsBoundary' in holder && holder.permissionsBoundary !== undefined) {
      checkPolicyReference(holder.file, holder.permissionsBoundary, '/permissionsBoundary');
    }
  }

  const membership = new Map<string, Set<string>>();
  const declaredOnUser = new Set<string>();
  for (const user of out.users) {
    const source = locate(user.file);
    user.groups.forEach((group, index) => {
      if (!groupNames.has(group)) {
        if (source !== undefined) {
          out.findings.push(
            repositoryFinding(
              source,
              'UNKNOWN_REFERENCE',
              `no group \`${group}\` in \`groups/\``,
              `/groups/${index}`,
              {
                help: didYouMean(group, groupNames),
              },
            ),
          );
        }
        return;
      }
      declaredOnUser.add(`${user.name}\0${group}`);
      const set = membership.get(user.name) ?? new Set<string>();
      set.add(group);
      membership.set(user.name, set);
    });
  }
  for (const group of out.groups) {
    const source = locate(group.file);
    group.members.forEach((member, index) => {
      if (!userNames.has(member)) {
        if (source !== undefined) {
          out.findings.push(
            repositoryFinding(
              source,
              'UNKNOWN_REFERENCE',
              `no user \`${member}\` in \`users/\``,
              `/members/${index}`,
              {
                help: didYouMean(member, userNames),
              },
            ),
          );
        }
        return;
      }
      if (declaredOnUser.has(`${member}\0${group.name}`) && source !== undefined) {
        out.findings.push(
          repositoryFinding(
            source,
            'DUPLICATE_MEMBERSHIP',
            `\`${member}\` is also declared a member in its own file`,
            `/members/${index}`,
            { help: 'declare each membership in one place' },
          ),
        );
      }
      const set = membership.get(member) ?? new Set<string>();
      set.add(group.name);
      membership.set(member, set);
    });
  }
  for (const user of out.users) {
    const count = membership.get(user.name)?.size ?? 0;
    const source = locate(user.file);
    if (count > QUOTAS.groupsPerUser && source !== undefined) {
      out.findings.push(
        repositoryFinding(
          source,
          'QUOTA_EXCEEDED',
          `\`${user.name}\` is in ${count} groups: IAM allows at most ${QUOTAS.groupsPerUser}`,
          '',
        ),
      );
    }
  }
}
