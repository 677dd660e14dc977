/** The source identity every session under a role-access grant must carry: `gatehouse-grant-<grant id>`. */
export function grantSourceIdentity(grantId: string): string {
  return `gatehouse-${grantId}`.slice(0, 64);
}

/** The inline policy name of a role-access grant on the user. */
export function grantPolicyName(grantId: string): string {
  return `gatehouse-${grantId}`;
}

/**
 * The inline policy a role-access grant puts on the user: `sts:AssumeRole` on
 * the role, only with the grant's source identity (so every session under it,
 * and every session chained from one, carries the grant and can be found and
 * revoked), and only until the grant expires (so access ends on time even if the
 * approvals service is late).
 */
export function roleAccessPolicy(
  roleArn: string,
  sourceIdentity: string,
  expiresAt: string | null,
): object {
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'GatehouseTemporaryRoleAccess',
        Effect: 'Allow',
        Action: 'sts:AssumeRole',
        Resource: roleArn,
        Condition: {
          StringEquals: { 'sts:SourceIdentity': sourceIdentity },
          ...(expiresAt === null ? {} : { DateLessThan: { 'aws:CurrentTime': expiresAt } }),
        },
      },
    ],
  };
}
