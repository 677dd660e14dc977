import type { Catalogue, CatalogueAction } from '../catalogue/catalogue.js';
import type { StatementRef } from './analysedPolicy.js';
import type { ActionClass } from './actionClass.js';
import type { AccessPiece } from './accessPieces.js';
import type { ConditionBlock } from './conditionAtoms.js';
import { describeRegion } from './region.js';

/**
 * One piece of access, as reports show it: an action (or `service:*`/`*` for every catalogue
 * action of a service or of the catalogue, or a pattern for actions outside the catalogue) on a
 * resource or resource pattern, under conditions, and the statements responsible. Plain JSON.
 */
export interface AccessEntry {
  /** The principal whose access this is (set by account-level analysis). */
  readonly principal?: string;
  readonly action: string;
  /** For an action region written with NotAction: the action patterns it leaves out. */
  readonly exceptActions?: readonly string[];
  /** Set when the action (pattern) stands for actions the catalogue does not list. */
  readonly outsideCatalogue?: true;
  /** A resource ARN or pattern; `*` for every resource. */
  readonly resource: string;
  /** For a resource region written with NotResource: the patterns it leaves out. */
  readonly exceptResources?: readonly string[];
  /** True when the access depends on a condition (it is granted only when `conditions` hold). */
  readonly conditional: boolean;
  /** The Condition elements that must all hold for this access, when conditional. */
  readonly conditions?: readonly ConditionBlock[];
  /** The Allow statements that grant it. */
  readonly statements: readonly StatementRef[];
  /** Deny statements that blocked this access before and no longer do. */
  readonly previouslyDeniedBy?: readonly StatementRef[];
}

/** A raw result: a class of actions and a piece of access, before compaction. */
export interface ClassAccess {
  readonly cls: ActionClass;
  readonly piece: AccessPiece;
  readonly deniedBy: readonly StatementRef[];
}

/**
 * Turns raw results into entries, one per action and piece, merging catalogue actions that share
 * a piece: every action of a service becomes `service:*`, every action of the catalogue `*`.
 * Sorted by action, then resource, so output is deterministic.
 */
export function toEntries(
  results: readonly ClassAccess[],
  catalogue: Catalogue | undefined,
): AccessEntry[] {
  const groups = new Map<
    string,
    { base: Omit<AccessEntry, 'action'>; members: CatalogueAction[]; labels: ClassAccess['cls'][] }
  >();
  for (const { cls, piece, deniedBy } of results) {
    const resource = describeRegion(piece.region);
    const base: Omit<AccessEntry, 'action'> = {
      resource: resource.patterns.join(', '),
      ...(resource.except === undefined ? {} : { exceptResources: resource.except }),
      conditional: piece.atoms.length > 0 || deniedBy.length > 0,
      ...(piece.conditions.length === 0 ? {} : { conditions: piece.conditions }),
      statements: piece.statements,
      ...(deniedBy.length === 0 ? {} : { previouslyDeniedBy: deniedBy }),
    };
    const key = JSON.stringify(base);
    let group = groups.get(key);
    if (group === undefined) {
      group = { base, members: [], labels: [] };
      groups.set(key, group);
    }
    if (cls.members.length > 0) group.members.push(...cls.members);
    else group.labels.push(cls);
  }
  const entries: AccessEntry[] = [];
  for (const { base, members, labels } of groups.values()) {
    for (const action of compactActions(members, catalogue)) entries.push({ action, ...base });
    for (const cls of labels) {
      entries.push({
        action: cls.label,
        ...(cls.exceptActions === undefined ? {} : { exceptActions: cls.exceptActions }),
        ...(cls.outsideCatalogue ? { outsideCatalogue: true as const } : {}),
        ...base,
      });
    }
  }
  const seen = new Set<string>();
  return entries
    .filter((entry) => {
      const key = JSON.stringify(entry);
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .sort((a, b) => compare(a.action, b.action) || compare(a.resource, b.resource));
}

/** Action names, with whole services as `service:*` and the whole catalogue as `*`. */
function compactActions(
  members: readonly CatalogueAction[],
  catalogue: Catalogue | undefined,
): string[] {
  if (members.length === 0) return [];
  const ids = new Set(members.map((m) => m.id));
  if (ids.size === catalogue?.actions.length) return ['*'];
  const byService = new Map<string, CatalogueAction[]>();
  for (const m of members) {
    const list = byService.get(m.service) ?? [];
    if (!list.some((x) => x.id === m.id)) list.push(m);
    byService.set(m.service, list);
  }
  const names: string[] = [];
  for (const [service, list] of byService) {
    if (list.length === catalogue?.actionsOf(service).length) {
      names.push(`${service}:*`);
    } else {
      names.push(...list.map((m) => m.name));
    }
  }
  return names.sort();
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
