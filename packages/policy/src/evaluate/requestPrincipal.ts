import { parseArn } from '../patterns/arn.js';

/** What kind of IAM identity made the request, read from its ARN. */
export type PrincipalKind =
  | 'root'
  | 'user'
  | 'role'
  | 'role-session'
  | 'federated-user'
  /** Anything else: a service principal, a web identity, an ARN of another form. */
  | 'other';

/** The request's principal, with the parts principal matching needs. */
export interface RequestPrincipal {
  readonly arn: string;
  readonly kind: PrincipalKind;
  readonly partition: string | undefined;
  readonly account: string | undefined;
  /** For a role session, the role's name (session ARNs carry no role path). */
  readonly roleName: string | undefined;
}

/**
 * Reads a principal ARN in IAM's forms: `arn:P:iam::A:root`, `arn:P:iam::A:user/path/name`,
 * `arn:P:iam::A:role/path/name`, `arn:P:sts::A:assumed-role/role/session` and
 * `arn:P:sts::A:federated-user/name`. Other strings are kept as `other`.
 */
export function parseRequestPrincipal(arn: string): RequestPrincipal {
  const known = recentPrincipals.get(arn);
  if (known !== undefined) return known;
  const parsed = readPrincipal(arn);
  if (recentPrincipals.size >= MAX_REMEMBERED_PRINCIPALS) recentPrincipals.clear();
  recentPrincipals.set(arn, parsed);
  return parsed;
}

/** Principals repeat from request to request; their parsed form is kept (bounded). */
const MAX_REMEMBERED_PRINCIPALS = 1024;
const recentPrincipals = new Map<string, RequestPrincipal>();

function readPrincipal(arn: string): RequestPrincipal {
  const parts = parseArn(arn);
  if (parts === undefined) {
    return { arn, kind: 'other', partition: undefined, account: undefined, roleName: undefined };
  }
  const base = { arn, partition: parts.partition, account: parts.account };
  const resource = parts.resource;
  if (parts.service === 'iam') {
    if (resource === 'root') return { ...base, kind: 'root', roleName: undefined };
    if (resource.startsWith('user/')) return { ...base, kind: 'user', roleName: undefined };
    if (resource.startsWith('role/')) {
      return { ...base, kind: 'role', roleName: resource.slice(resource.lastIndexOf('/') + 1) };
    }
  }
  if (parts.service === 'sts') {
    const session = /^assumed-role\/([^/]+)\/[^/]+$/.exec(resource);
    if (session !== null) return { ...base, kind: 'role-session', roleName: session[1] };
    if (resource.startsWith('federated-user/')) {
      return { ...base, kind: 'federated-user', roleName: undefined };
    }
  }
  return { ...base, kind: 'other', roleName: undefined };
}
