import { createHash } from 'node:crypto';
import type { AccountState } from './accountState.js';
import { canonicalJson } from './canonicalJson.js';

/**
 * The fingerprint of a live state: SHA-256 of its canonical JSON, with every list sorted, so two
 * reads of an unchanged account give the same value and any change (a policy version, a tag, a
 * membership, an entity deleted and re-created under the same name) gives another one.
 */
export function fingerprintState(state: AccountState): string {
  const byName = <T extends { readonly name: string }>(list: readonly T[]): T[] =>
    [...list].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const normalized = {
    accountId: state.accountId,
    policies: byName(state.policies),
    users: byName(state.users).map((u) => ({
      ...u,
      groups: [...u.groups].sort(),
      policies: [...u.policies].sort(),
    })),
    groups: byName(state.groups).map((g) => ({ ...g, policies: [...g.policies].sort() })),
    roles: byName(state.roles).map((r) => ({ ...r, policies: [...r.policies].sort() })),
    approvalRules: state.approvalRules ?? null,
  };
  return `sha256:${createHash('sha256').update(canonicalJson(normalized)).digest('hex')}`;
}
