import type { Catalogue } from '../catalogue/catalogue.js';
import type { PolicyInput } from '../evaluate/evaluationTypes.js';
import { literalResourceLanguage } from '../patterns/patternLanguage.js';
import { actionClasses, patternClasses } from './actionClass.js';
import { toEntries, type AccessEntry, type ClassAccess } from './accessEntry.js';
import { grantedPieces, uncovered } from './accessPieces.js';
import {
  permissionModel,
  type ModelStatement,
  type PermissionModel,
  type PermissionSet,
} from './permissionModel.js';
import { ALL, narrower, regionsOverlap, someOf, type Region } from './region.js';

/**
 * What the checks compare: one identity policy document (text or object, analysed under the
 * name `policy`), or a whole permission set (identity policies, boundary, guardrails).
 */
export type PermissionsInput = string | object | PermissionSet;

/** Options of the access checks. */
export interface AccessCheckOptions {
  /**
   * The catalogue that wildcards expand against. Without one, each action entry is analysed as
   * the pattern it is; with one, results name concrete actions, and the actions a wildcard
   * matches outside the catalogue are reported as well (`outsideCatalogue`).
   */
  readonly catalogue?: Catalogue | undefined;
  /** Bound on the entries returned (default 1000); `truncated` says when more were found. */
  readonly maxEntries?: number | undefined;
}

/** The result of `checkNoNewAccess`. */
export interface NoNewAccessResult {
  readonly result: 'PASS' | 'FAIL';
  /** The access `proposed` may grant that `existing` does not certainly grant. */
  readonly newAccess: readonly AccessEntry[];
  readonly truncated: boolean;
}

/** The access checked by `checkAccessNotGranted`: actions (patterns allowed) and resources. */
export interface AccessQuery {
  readonly actions: readonly string[];
  /** Resource ARNs or patterns; every resource when absent or empty. */
  readonly resources?: readonly string[] | undefined;
}

/** The result of `checkAccessNotGranted`. */
export interface AccessNotGrantedResult {
  readonly result: 'PASS' | 'FAIL';
  /** The part of the queried access the policy may grant. */
  readonly granted: readonly AccessEntry[];
  readonly truncated: boolean;
}

const DEFAULT_MAX_ENTRIES = 1000;

/**
 * Access Analyzer's CheckNoNewAccess, soundly: FAIL with every piece of access that `proposed`
 * may grant and `existing` does not certainly grant, PASS only when there is none. Sound means a
 * PASS is never wrong: conditions are compared as sets of entries (a narrower condition never
 * hides new access, and access that depends on a condition is reported as `conditional`), only
 * a Deny that certainly applies cancels a proposed Allow, and resource and action patterns are
 * compared by exact language inclusion. A FAIL may, rarely, report access that is in fact
 * covered in a way too complex to prove (several statements together, say).
 */
export function checkNoNewAccess(
  existing: PermissionsInput,
  proposed: PermissionsInput,
  options: AccessCheckOptions = {},
): NoNewAccessResult {
  const before = permissionModel(asPermissionSet(existing));
  const after = permissionModel(asPermissionSet(proposed));
  const results = newAccessOf(before, after, options.catalogue);
  const { entries, truncated } = bounded(toEntries(results, options.catalogue), options);
  return { result: entries.length === 0 ? 'PASS' : 'FAIL', newAccess: entries, truncated };
}

/** The raw new access of `after` over `before` (used by the account analysis). */
export function newAccessOf(
  before: PermissionModel,
  after: PermissionModel,
  catalogue: Catalogue | undefined,
): ClassAccess[] {
  const results: ClassAccess[] = [];
  // When denies and ceilings are the very same statements, an Allow present in both grants
  // nothing new: only the Allows that changed need analysing (the common case of a change).
  const existingAllows = new Set(before.allows.map((a) => a.signature));
  const granting = sameLimits(before, after)
    ? { ...after, allows: after.allows.filter((a) => !existingAllows.has(a.signature)) }
    : after;
  for (const cls of actionClasses(granting, [before, after], catalogue)) {
    for (const piece of grantedPieces(granting, cls)) {
      const gap = uncovered(before, after, cls, piece);
      if (gap !== undefined) results.push({ cls, piece, deniedBy: gap.deniedBy });
    }
  }
  return results;
}

/** Whether two models have the same Deny statements, boundary and guardrails (by identity). */
function sameLimits(a: PermissionModel, b: PermissionModel): boolean {
  const signatures = (list: readonly ModelStatement[]) =>
    list
      .map((s) => s.signature)
      .sort()
      .join('\u0002');
  const same = (
    x: readonly ModelStatement[] | undefined,
    y: readonly ModelStatement[] | undefined,
  ) => x === y || (x !== undefined && y !== undefined && signatures(x) === signatures(y));
  return (
    same(a.denies, b.denies) &&
    same(a.boundary, b.boundary) &&
    a.guardrails.length === b.guardrails.length &&
    a.guardrails.every((g, i) => same(g, b.guardrails[i]))
  );
}

/**
 * Access Analyzer's CheckAccessNotGranted: FAIL when the policy may grant any of the actions
 * on any of the resources (under some condition: conditional grants count), with what it may
 * grant; PASS when it certainly grants none of it.
 */
export function checkAccessNotGranted(
  policy: PermissionsInput,
  access: AccessQuery,
  options: AccessCheckOptions = {},
): AccessNotGrantedResult {
  const model = permissionModel(asPermissionSet(policy));
  const wanted: Region =
    access.resources === undefined || access.resources.length === 0
      ? ALL
      : someOf(access.resources.map(literalResourceLanguage));
  const results: ClassAccess[] = [];
  for (const cls of patternClasses(access.actions, options.catalogue)) {
    for (const piece of grantedPieces(model, cls)) {
      if (!regionsOverlap(piece.region, wanted)) continue;
      results.push({
        cls,
        piece: { ...piece, region: narrower(piece.region, wanted) },
        deniedBy: [],
      });
    }
  }
  const { entries, truncated } = bounded(toEntries(results, options.catalogue), options);
  return { result: entries.length === 0 ? 'PASS' : 'FAIL', granted: entries, truncated };
}

/** Everything a policy or permission set may grant, as entries (its new access over nothing). */
export function listAccess(
  permissions: PermissionsInput,
  options: AccessCheckOptions = {},
): AccessEntry[] {
  return checkNoNewAccess({ identityPolicies: [] }, permissions, options).newAccess.slice();
}

/** Reads a checks input: a permission set as is, a document as one identity policy. */
export function asPermissionSet(input: PermissionsInput): PermissionSet {
  if (isPermissionSet(input)) return input;
  const document: string | object = input;
  return { identityPolicies: [{ name: 'policy', document } satisfies PolicyInput] };
}

function isPermissionSet(input: PermissionsInput): input is PermissionSet {
  return (
    typeof input === 'object' &&
    Array.isArray((input as { identityPolicies?: unknown }).identityPolicies)
  );
}

function bounded(
  entries: AccessEntry[],
  options: AccessCheckOptions,
): { entries: AccessEntry[]; truncated: boolean } {
  const max = options.maxEntries ?? DEFAULT_MAX_ENTRIES;
  return entries.length > max
    ? { entries: entries.slice(0, max), truncated: true }
    : { entries, truncated: false };
}
