import type { PrincipalNode } from '../document/policyAst.js';
import { parseArn } from '../patterns/arn.js';
import type { RequestPrincipal } from './requestPrincipal.js';

/** One principal named in a `Principal` or `NotPrincipal` element. */
export type PrincipalEntry =
  | { readonly kind: 'everyone' }
  /** An account, as `123456789012` or `arn:P:iam::123456789012:root`; partition undefined for the former. */
  | { readonly kind: 'account'; readonly account: string; readonly partition: string | undefined }
  | {
      readonly kind: 'role';
      readonly arn: string;
      readonly partition: string;
      readonly account: string;
      readonly name: string;
    }
  /** Users, sessions, services, federated providers, canonical users: compared as written. */
  | { readonly kind: 'exact'; readonly value: string };

/** A compiled `Principal` (negated false) or `NotPrincipal` (negated true). */
export interface PrincipalMatcher {
  readonly negated: boolean;
  readonly entries: readonly PrincipalEntry[];
}

/**
 * How a resource-based policy named the requester, which decides what else may limit the grant
 * (AWS, "Policy evaluation logic", same account): `named` (the requester's own user or session
 * ARN) and `everyone` (`*`, or everyone but the `NotPrincipal` list) are not limited by identity
 * policies, boundaries or session policies; `role` (the role of a role session) is limited by
 * boundaries and session policies; `account` delegates to the account's identity policies.
 */
export type PrincipalScope = 'named' | 'everyone' | 'role' | 'account';

const ACCOUNT_ID = /^\d{12}$/;

/** Compiles a principal element; `valid` is false when it names an unknown principal type. */
export function compilePrincipal(
  node: PrincipalNode,
  negated: boolean,
): { matcher: PrincipalMatcher; valid: boolean } {
  if (node.form === 'string') {
    const valid = node.value.value === '*';
    return { matcher: { negated, entries: valid ? [{ kind: 'everyone' }] : [] }, valid };
  }
  const entries: PrincipalEntry[] = [];
  let valid = node.entries.length > 0;
  for (const entry of node.entries) {
    const type = entry.type.value;
    if (entry.values.items.length === 0) valid = false;
    for (const item of entry.values.items) {
      if (type === 'AWS') entries.push(awsPrincipalEntry(item.value));
      else if (type === 'Service' || type === 'Federated' || type === 'CanonicalUser') {
        entries.push({ kind: 'exact', value: item.value });
      } else valid = false;
    }
  }
  return { matcher: { negated, entries }, valid };
}

function awsPrincipalEntry(value: string): PrincipalEntry {
  if (value === '*') return { kind: 'everyone' };
  if (ACCOUNT_ID.test(value)) return { kind: 'account', account: value, partition: undefined };
  const arn = parseArn(value);
  if (arn?.service === 'iam') {
    if (arn.resource === 'root') {
      return { kind: 'account', account: arn.account, partition: arn.partition };
    }
    if (arn.resource.startsWith('role/')) {
      const name = arn.resource.slice(arn.resource.lastIndexOf('/') + 1);
      return { kind: 'role', arn: value, partition: arn.partition, account: arn.account, name };
    }
  }
  return { kind: 'exact', value };
}

const SCOPE_RANK: Record<PrincipalScope, number> = { account: 1, role: 2, named: 3, everyone: 3 };

/**
 * The scope in which the element covers the requester, or undefined if it does not cover them.
 * For `Principal`, the strongest matching entry wins. For `NotPrincipal` see `excludedBy`.
 */
export function principalScope(
  matcher: PrincipalMatcher,
  principal: RequestPrincipal,
  effect: 'Allow' | 'Deny',
): PrincipalScope | undefined {
  if (matcher.negated) return excludedBy(matcher, principal, effect) ? undefined : 'everyone';
  let best: PrincipalScope | undefined;
  for (const entry of matcher.entries) {
    const scope = entryScope(entry, principal);
    if (scope !== undefined && (best === undefined || SCOPE_RANK[scope] > SCOPE_RANK[best])) {
      best = scope;
    }
  }
  return best;
}

function entryScope(
  entry: PrincipalEntry,
  principal: RequestPrincipal,
): PrincipalScope | undefined {
  switch (entry.kind) {
    case 'everyone':
      return 'everyone';
    case 'exact':
      return entry.value === principal.arn ? 'named' : undefined;
    case 'account':
      return principal.account === entry.account &&
        (entry.partition === undefined || entry.partition === principal.partition)
        ? 'account'
        : undefined;
    case 'role':
      if (entry.arn === principal.arn) return 'named';
      return principal.kind === 'role-session' &&
        principal.account === entry.account &&
        principal.partition === entry.partition &&
        principal.roleName === entry.name
        ? 'role'
        : undefined;
  }
}

/**
 * Whether `NotPrincipal` exempts the requester. AWS may check the account, then the role, then
 * the session, so with `Deny` the requester is exempt only when every one of those identities is
 * listed (AWS recommends listing the account and role along with the session). With `Allow`, the
 * requester is left out as soon as any of them is listed.
 */
function excludedBy(
  matcher: PrincipalMatcher,
  principal: RequestPrincipal,
  effect: 'Allow' | 'Deny',
): boolean {
  const identities = principalIdentities(principal);
  const listed = (identity: Identity): boolean =>
    matcher.entries.some((entry) => listsIdentity(entry, identity));
  return effect === 'Deny' ? identities.every(listed) : identities.some(listed);
}

type Identity =
  | { readonly kind: 'arn'; readonly arn: string }
  | { readonly kind: 'role'; readonly account: string; readonly name: string }
  | { readonly kind: 'account'; readonly account: string };

function principalIdentities(principal: RequestPrincipal): Identity[] {
  const identities: Identity[] = [];
  if (principal.kind !== 'root') identities.push({ kind: 'arn', arn: principal.arn });
  if (
    principal.kind === 'role-session' &&
    principal.account !== undefined &&
    principal.roleName !== undefined
  ) {
    identities.push({ kind: 'role', account: principal.account, name: principal.roleName });
  }
  if (principal.account !== undefined && principal.account !== '') {
    identities.push({ kind: 'account', account: principal.account });
  }
  return identities;
}

function listsIdentity(entry: PrincipalEntry, identity: Identity): boolean {
  switch (entry.kind) {
    case 'everyone':
      return true;
    case 'exact':
      return identity.kind === 'arn' && identity.arn === entry.value;
    case 'account':
      return identity.kind === 'account' && identity.account === entry.account;
    case 'role':
      return (
        (identity.kind === 'arn' && identity.arn === entry.arn) ||
        (identity.kind === 'role' &&
          identity.account === entry.account &&
          identity.name === entry.name)
      );
  }
}
