import {
  languageMatchesCached,
  literalResourceLanguage,
  patternShape,
  type PatternLanguage,
} from '../../patterns/patternLanguage.js';
import { identityArn, type AccountSnapshot } from '../account/accountSnapshot.js';
import { regionsOverlap, someOf, type Region } from '../region.js';
import { trustsAService } from './trustPolicy.js';

/**
 * What an escalation edge can point at: a user, group, role or managed policy of the account,
 * with the facts edges depend on and nothing else, so two snapshots can be compared target by
 * target. `index` is the position in the snapshot's list (the graph's edge order follows it).
 */
export interface Target {
  readonly arn: string;
  readonly index: number;
  /** Whether the ARN has no `*` or `?`, so resource patterns can be matched against it as text. */
  readonly literal: boolean;
  /** The ARN as a resource region (for the general, non-literal case). */
  readonly region: Region;
}

/** A user or group target. */
export interface IdentityTarget extends Target {
  readonly hasBoundary: boolean;
}

/** A role target: also its trust policy. */
export interface RoleTarget extends IdentityTarget {
  readonly name: string;
  readonly trustPolicy: string | object;
  /** The name trust-policy statements are reported under. */
  readonly trustName: string;
  /** Whether a service may assume the role (computed on first use). */
  trustsAService(): boolean;
}

/** A managed policy target: also who holds it (users, then groups, then roles). */
export interface PolicyTarget extends Target {
  readonly holders: readonly string[];
}

/** The targets of one snapshot, in snapshot order. */
export interface Targets {
  readonly users: readonly IdentityTarget[];
  readonly groups: readonly IdentityTarget[];
  readonly roles: readonly RoleTarget[];
  readonly policies: readonly PolicyTarget[];
}

/** The targets of an account snapshot (ARN regions taken from `previous` where it has them). */
export function targetsOf(account: AccountSnapshot, previous?: Targets): Targets {
  const known = new Map<string, Target>();
  if (previous !== undefined) {
    for (const list of [previous.users, previous.groups, previous.roles, previous.policies])
      for (const t of list) known.set(t.arn, t);
  }
  const base = (arn: string, index: number): Target => {
    const old = known.get(arn);
    if (old !== undefined) return { arn, index, literal: old.literal, region: old.region };
    const language = literalResourceLanguage(arn);
    return { arn, index, literal: language.literal, region: someOf([language]) };
  };
  const holders = new Map<string, string[]>();
  const hold = (arn: string, attached: readonly string[] | undefined) => {
    for (const policy of new Set(attached ?? [])) {
      const list = holders.get(policy);
      if (list === undefined) holders.set(policy, [arn]);
      else list.push(arn);
    }
  };
  const users = account.users.map((user, index) => {
    const arn = identityArn(account, 'user', user);
    hold(arn, user.attachedPolicies);
    return { ...base(arn, index), hasBoundary: user.permissionsBoundary !== undefined };
  });
  const groups = account.groups.map((group, index) => {
    const arn = identityArn(account, 'group', group);
    hold(arn, group.attachedPolicies);
    return { ...base(arn, index), hasBoundary: false };
  });
  const roles = account.roles.map((role, index): RoleTarget => {
    const arn = identityArn(account, 'role', role);
    hold(arn, role.attachedPolicies);
    let service: boolean | undefined;
    return {
      ...base(arn, index),
      hasBoundary: role.permissionsBoundary !== undefined,
      name: role.name,
      trustPolicy: role.trustPolicy,
      trustName: `role/${role.name}/trust`,
      trustsAService: () => (service ??= trustsAService(role.trustPolicy)),
    };
  });
  const policies = account.policies.map((policy, index) => ({
    ...base(policy.arn, index),
    holders: holders.get(policy.arn) ?? [],
  }));
  return { users, groups, roles, policies };
}

/** The targets of `after` whose edges may differ from those of the same ARN in `before`. */
export interface ChangedTargets {
  readonly users: readonly IdentityTarget[];
  readonly groups: readonly IdentityTarget[];
  readonly roles: readonly RoleTarget[];
  readonly policies: readonly PolicyTarget[];
  /** ARNs of the changed targets, by kind (policies by their own ARN). */
  readonly arns: {
    readonly user: ReadonlySet<string>;
    readonly group: ReadonlySet<string>;
    readonly role: ReadonlySet<string>;
    readonly policy: ReadonlySet<string>;
  };
  readonly none: boolean;
}

/**
 * The targets that changed between two snapshots, or undefined when the snapshots cannot be
 * compared target by target: each list of `before` must be the start of the same list of
 * `after` (targets keep their positions; new ones come last, as changes add them) and no ARN
 * may appear twice. The graph is otherwise rebuilt in full.
 */
export function changedTargets(before: Targets, after: Targets): ChangedTargets | undefined {
  const users = diff(before.users, after.users, (a, b) => a.hasBoundary === b.hasBoundary);
  const groups = diff(before.groups, after.groups, () => true);
  const roles = diff(
    before.roles,
    after.roles,
    (a, b) =>
      a.hasBoundary === b.hasBoundary && a.name === b.name && a.trustPolicy === b.trustPolicy,
  );
  const policies = diff(
    before.policies,
    after.policies,
    (a, b) =>
      a.holders.length === b.holders.length && a.holders.every((h, i) => h === b.holders[i]),
  );
  if (users === undefined || groups === undefined || roles === undefined) return undefined;
  if (policies === undefined) return undefined;
  return {
    users: users.changed,
    groups: groups.changed,
    roles: roles.changed,
    policies: policies.changed,
    arns: { user: users.arns, group: groups.arns, role: roles.arns, policy: policies.arns },
    none: users.arns.size + groups.arns.size + roles.arns.size + policies.arns.size === 0,
  };
}

function diff<T extends Target>(
  before: readonly T[],
  after: readonly T[],
  same: (a: T, b: T) => boolean,
): { changed: T[]; arns: Set<string> } | undefined {
  if (after.length < before.length) return undefined;
  const seen = new Set<string>();
  const changed: T[] = [];
  const arns = new Set<string>();
  for (let i = 0; i < after.length; i++) {
    const t = after[i];
    if (t === undefined || seen.has(t.arn)) return undefined;
    seen.add(t.arn);
    const previous = before[i];
    if (previous !== undefined) {
      if (previous.arn !== t.arn) return undefined;
      if (same(previous, t)) continue;
    }
    changed.push(t);
    arns.add(t.arn);
  }
  return { changed, arns };
}

/**
 * Which targets of a list resource regions may name: each region is answered once for the
 * whole list (candidates found by the patterns' literal prefixes in the sorted ARNs), instead
 * of once per principal and target. Same answers as `regionHoldsLiteral` target by target.
 */
export class TargetMatcher {
  /** Targets with literal ARNs, sorted by ARN, with their positions in the list. */
  readonly #sorted: readonly { readonly arn: string; readonly position: number }[];
  /** Positions of targets whose ARN holds a wildcard (matched the general way). */
  readonly #general: readonly number[];
  readonly #known = new Map<Region, readonly number[] | null>();

  constructor(readonly list: readonly Target[]) {
    const sorted: { arn: string; position: number }[] = [];
    const general: number[] = [];
    list.forEach((t, position) => {
      if (t.literal) sorted.push({ arn: t.arn, position });
      else general.push(position);
    });
    sorted.sort((a, b) => (a.arn < b.arn ? -1 : a.arn > b.arn ? 1 : a.position - b.position));
    this.#sorted = sorted;
    this.#general = general;
  }

  /** The positions of the targets the region may hold, in order; null when it holds them all. */
  positions(region: Region): readonly number[] | null {
    if (region.kind === 'all') return null;
    const known = this.#known.get(region);
    if (known !== undefined) return known;
    const hit = new Uint8Array(this.list.length);
    const exclude = region.kind === 'except';
    for (const pattern of region.patterns) {
      // An approximate exclusion may not cover a target: only exact ones keep targets out.
      if (exclude && pattern.approximate === true) continue;
      this.#mark(pattern, hit);
    }
    // For a NotResource region a mark means "left out"; flip the literal targets' marks.
    if (exclude)
      for (const { position } of this.#sorted) hit[position] = hit[position] === 1 ? 0 : 1;
    for (const position of this.#general) {
      const target = this.list[position];
      if (target !== undefined) hit[position] = regionsOverlap(region, target.region) ? 1 : 0;
    }
    const out: number[] = [];
    for (let i = 0; i < hit.length; i++) if (hit[i] === 1) out.push(i);
    const result = out.length === this.list.length ? null : out;
    this.#known.set(region, result);
    return result;
  }

  /** Marks the literal targets the pattern matches. */
  #mark(pattern: PatternLanguage, hit: Uint8Array): void {
    const { prefix, rest } = patternShape(pattern);
    const sorted = this.#sorted;
    let low = 0;
    let high = sorted.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((sorted[middle]?.arn ?? '') < prefix) low = middle + 1;
      else high = middle;
    }
    for (let i = low; i < sorted.length; i++) {
      const entry = sorted[i];
      if (!entry?.arn.startsWith(prefix)) break;
      const matches =
        rest === 'anything' ||
        (rest === 'exact'
          ? entry.arn.length === prefix.length
          : languageMatchesCached(pattern, entry.arn));
      if (matches) hit[entry.position] = 1;
    }
  }
}
