import type { StatementRef } from './analysedPolicy.js';
import type { ActionClass } from './actionClass.js';
import { atomsIncluded, atomsUnion, type ConditionBlock } from './conditionAtoms.js';
import type { ModelStatement, PermissionModel } from './permissionModel.js';
import { narrower, regionIncludes, regionsOverlap, someOf, type Region } from './region.js';

/**
 * A piece of access a permission set may grant for one class of actions: a resource region,
 * the condition atoms that must hold (from the Allow and from the ceilings that limit it), and
 * the statements responsible.
 */
export interface AccessPiece {
  /**
   * The actions of the Allow the piece comes from. The piece stands for the class's actions
   * within these: a statement covering all of them covers the piece even when it does not
   * cover the whole class.
   */
  readonly actions: Region;
  readonly region: Region;
  readonly atoms: readonly string[];
  readonly conditions: readonly ConditionBlock[];
  readonly statements: readonly StatementRef[];
}

/**
 * Everything the model may grant for the class, over-approximated: each Allow entry that may
 * cover the class, limited by the boundary and each guardrail (a ceiling that cannot allow it
 * removes it; one that allows it under a condition adds that condition), minus what an
 * unconditional Deny (or one whose condition is part of the piece's) certainly removes.
 * Conditional Denies never remove access here: they may not apply.
 */
export function grantedPieces(model: PermissionModel, cls: ActionClass): AccessPiece[] {
  const out: AccessPiece[] = [];
  const denies = exactDenies(model);
  for (const allow of model.allows) {
    if (!cls.overlaps(allow)) continue;
    for (const item of allow.resourceItems) {
      let pieces: AccessPiece[] = [
        {
          actions: allow.actionRegion,
          region: item,
          atoms: allow.atoms,
          conditions: allow.condition === undefined ? [] : [allow.condition],
          statements: [allow.ref],
        },
      ];
      if (model.boundary !== undefined) pieces = limit(pieces, model.boundary, cls);
      for (const guardrail of model.guardrails) pieces = limit(pieces, guardrail, cls);
      for (const piece of pieces) {
        if (!denies.some((d) => removes(d, piece, cls))) out.push(piece);
      }
    }
  }
  return out;
}

const exactByModel = new WeakMap<PermissionModel, readonly ModelStatement[]>();

/** The model's Deny statements that were fully understood (kept with the model). */
function exactDenies(model: PermissionModel): readonly ModelStatement[] {
  let denies = exactByModel.get(model);
  if (denies === undefined) {
    denies = model.denies.filter((d) => d.exact);
    exactByModel.set(model, denies);
  }
  return denies;
}

/** Whether an exact Deny covering the class removes the whole piece whenever the piece applies. */
function removes(deny: ModelStatement, piece: AccessPiece, cls: ActionClass): boolean {
  return (
    atomsIncluded(deny.atoms, piece.atoms) &&
    coversActions(deny, cls, piece) &&
    regionIncludes(deny.resources, piece.region)
  );
}

/** Whether the statement covers every action the piece stands for. */
function coversActions(statement: ModelStatement, cls: ActionClass, piece: AccessPiece): boolean {
  return cls.covers(statement) || regionIncludes(statement.actionRegion, piece.actions);
}

/** Limits pieces by a ceiling (boundary or guardrail): what it may allow stays. */
function limit(
  pieces: readonly AccessPiece[],
  ceiling: readonly ModelStatement[],
  cls: ActionClass,
): AccessPiece[] {
  const out: AccessPiece[] = [];
  const allows = ceiling.filter((s) => cls.overlaps(s));
  for (const piece of pieces) {
    const full = allows.some(
      (s) =>
        s.atoms.length === 0 &&
        coversActions(s, cls, piece) &&
        regionIncludes(s.resources, piece.region),
    );
    if (full) {
      out.push(piece);
      continue;
    }
    for (const s of allows) {
      for (const item of s.resourceItems) {
        if (!regionsOverlap(item, piece.region)) continue;
        out.push({
          actions: piece.actions,
          region: narrower(piece.region, item),
          atoms: atomsUnion(piece.atoms, s.atoms),
          conditions:
            s.condition === undefined ? piece.conditions : [...piece.conditions, s.condition],
          statements: piece.statements,
        });
      }
    }
  }
  return out;
}

/** Why a piece of proposed access is new. */
export interface Uncovered {
  /** Existing Deny statements that may have blocked it before and are not matched now. */
  readonly deniedBy: readonly StatementRef[];
}

/**
 * Whether the existing model certainly grants the piece whenever it applies; if not, why.
 * Under-approximates the existing access: an existing Allow counts only if it covers every
 * action of the class and the piece's whole region, and its condition atoms are all among the
 * piece's (so it holds whenever the piece does); each existing ceiling must do the same; and an
 * existing Deny that may apply must be matched by a proposed Deny at least as wide.
 */
export function uncovered(
  existing: PermissionModel,
  proposed: PermissionModel,
  cls: ActionClass,
  piece: AccessPiece,
): Uncovered | undefined {
  const allowed =
    grants(existing.allows, cls, piece) &&
    (existing.boundary === undefined || grants(existing.boundary, cls, piece)) &&
    existing.guardrails.every((g) => grants(g, cls, piece));
  const deniedBy: StatementRef[] = [];
  for (const deny of existing.denies) {
    if (!cls.overlaps(deny) || !regionsOverlap(deny.resources, piece.region)) continue;
    const matched = proposed.denies.some(
      (d) =>
        d === deny ||
        (d.exact &&
          (cls.covers(d) || regionIncludes(d.actionRegion, deny.actionRegion)) &&
          atomsIncluded(d.atoms, deny.atoms) &&
          (regionIncludes(d.resources, deny.resources) ||
            regionIncludes(d.resources, piece.region))),
    );
    if (!matched) deniedBy.push(deny.ref);
  }
  if (allowed && deniedBy.length === 0) return undefined;
  return { deniedBy: allowed ? deniedBy : [] };
}

function grants(
  statements: readonly ModelStatement[],
  cls: ActionClass,
  piece: AccessPiece,
): boolean {
  const candidates = statements.filter(
    (s) => atomsIncluded(s.atoms, piece.atoms) && coversActions(s, cls, piece),
  );
  if (candidates.length === 0) return false;
  if (candidates.some((s) => regionIncludes(s.resources, piece.region))) return true;
  // Several entries may cover the region together (`b/a*` and `b/[^a]*`...): try their union.
  const patterns = candidates.flatMap((s) =>
    s.resources.kind === 'some' ? s.resources.patterns : [],
  );
  return patterns.length > 1 && regionIncludes(someOf(patterns), piece.region);
}
