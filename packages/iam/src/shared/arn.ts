/**
 * ARNs of Gatehouse's own entities. The partition is `gatehouse`, so they can never
 * be mistaken for a cloud provider's; their shape is IAM's, so policies read the same.
 */
export const PARTITION = 'gatehouse';

/** The kinds of IAM entities that have a path and a name in their ARN. */
export type PathEntityKind = 'user' | 'group' | 'role' | 'policy' | 'mfa';

/** `arn:gatehouse:iam::<account>:<kind><path><name>`, e.g. `...:user/engineering/alice`. */
export function iamArn(
  accountId: string,
  kind: PathEntityKind,
  path: string,
  name: string,
): string {
  return `arn:${PARTITION}:iam::${accountId}:${kind}${path}${name}`;
}

/** The account's root principal. */
export function rootArn(accountId: string): string {
  return `arn:${PARTITION}:iam::${accountId}:root`;
}

/** The principal of a role session: `arn:gatehouse:sts::<account>:assumed-role/<role>/<session>`. */
export function assumedRoleArn(accountId: string, roleName: string, sessionName: string): string {
  return `arn:${PARTITION}:sts::${accountId}:assumed-role/${roleName}/${sessionName}`;
}

/** ARN of a resource of another Gatehouse service (`approvals`, `audit`, ...). */
export function serviceArn(service: string, accountId: string, resource: string): string {
  return `arn:${PARTITION}:${service}::${accountId}:${resource}`;
}

/** The parts of an IAM entity ARN, or undefined when `arn` is not one of this partition's. */
export function parseIamArn(
  arn: string,
): { accountId: string; kind: PathEntityKind; path: string; name: string } | undefined {
  if (arn.length > 2048) return undefined;
  const match =
    /^arn:gatehouse:iam::(\d{12}):(user|group|role|policy|mfa)(\/(?:[^/]+\/)*)([^/]+)$/.exec(arn);
  if (match === null) return undefined;
  const [, accountId, kind, path, name] = match;
  if (accountId === undefined || kind === undefined || path === undefined || name === undefined) {
    return undefined;
  }
  return { accountId, kind: kind as PathEntityKind, path, name };
}

/** What a principal ARN names: the root user, a user, or a role session. */
export type ParsedPrincipalArn =
  | { readonly type: 'Root'; readonly accountId: string }
  | {
      readonly type: 'User';
      readonly accountId: string;
      readonly path: string;
      readonly name: string;
    }
  | {
      readonly type: 'AssumedRole';
      readonly accountId: string;
      readonly roleName: string;
      readonly sessionName: string;
    };

/** Parses a principal ARN (root, user, assumed role); undefined for anything else. */
export function parsePrincipalArn(arn: string): ParsedPrincipalArn | undefined {
  if (arn.length > 2048) return undefined;
  const root = /^arn:gatehouse:iam::(\d{12}):root$/.exec(arn);
  if (root?.[1] !== undefined) return { type: 'Root', accountId: root[1] };
  const session = /^arn:gatehouse:sts::(\d{12}):assumed-role\/([^/]+)\/([^/]+)$/.exec(arn);
  if (session?.[1] !== undefined && session[2] !== undefined && session[3] !== undefined) {
    return {
      type: 'AssumedRole',
      accountId: session[1],
      roleName: session[2],
      sessionName: session[3],
    };
  }
  const entity = parseIamArn(arn);
  if (entity?.kind === 'user') {
    return { type: 'User', accountId: entity.accountId, path: entity.path, name: entity.name };
  }
  return undefined;
}
