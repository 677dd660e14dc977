import type { Catalogue, CatalogueAction } from '../catalogue/catalogue.js';
import { actionLanguage } from '../patterns/patternLanguage.js';
import {
  catalogueActionsOf,
  coversAction,
  type ModelStatement,
  type PermissionModel,
} from './permissionModel.js';
import { exceptOf, regionIncludes, regionsOverlap, someOf, type Region } from './region.js';

/**
 * A set of actions that every statement involved treats alike, analysed once: either catalogue
 * actions with the same statements covering them, one action named literally, or the actions
 * outside the catalogue that a pattern matches (a region of action names).
 */
export interface ActionClass {
  /** The action, or the pattern for a region of actions. */
  readonly label: string;
  /** The catalogue actions of the class (empty for literal and region classes). */
  readonly members: readonly CatalogueAction[];
  /** For a region written with NotAction: the patterns it excludes. */
  readonly exceptActions?: readonly string[];
  /** True for actions that are not in the catalogue (only set when there is a catalogue). */
  readonly outsideCatalogue: boolean;
  /** Whether the statement covers every action of the class. */
  covers(statement: ModelStatement): boolean;
  /** Whether the statement may cover some action of the class. */
  overlaps(statement: ModelStatement): boolean;
}

/** A class of one action written literally. */
export function literalClass(action: string, outsideCatalogue: boolean): ActionClass {
  const key = action.toLowerCase();
  const test = (s: ModelStatement) => coversAction(s, key);
  return { label: action, members: [], outsideCatalogue, covers: test, overlaps: test };
}

/**
 * A class of the actions matched by a region of action patterns. With a catalogue, the class
 * stands for the actions outside it: a statement's entries that name catalogue actions literally
 * say nothing about those, so they are left out before comparing.
 */
export function regionClass(
  region: Region,
  label: string,
  catalogue: Catalogue | undefined,
  exceptActions?: readonly string[],
): ActionClass {
  const relevant = (s: ModelStatement): Region => {
    if (catalogue === undefined) return s.actionRegion;
    const kept = s.actionLanguages.filter(
      (l, i) => !(l.literal && catalogue.action(s.actionTexts[i] ?? '') !== undefined),
    );
    if (kept.length === s.actionLanguages.length) return s.actionRegion;
    return s.actionNegated ? exceptOf(kept) : someOf(kept);
  };
  return {
    label,
    members: [],
    outsideCatalogue: catalogue !== undefined,
    ...(exceptActions === undefined ? {} : { exceptActions }),
    covers: (s) => regionIncludes(relevant(s), region),
    overlaps: (s) => {
      const r = relevant(s);
      return !(r.kind === 'some' && r.patterns.length === 0) && regionsOverlap(r, region);
    },
  };
}

/**
 * The classes of actions that the Allow statements of `granting` may grant, split so that the
 * statements of every model in `context` treat each class alike. With a catalogue, catalogue
 * actions are grouped by the exact set of statements covering them, and each wildcard or
 * NotAction also yields the region of actions outside the catalogue it matches; without one,
 * each action entry is a class of its own.
 */
export function actionClasses(
  granting: PermissionModel,
  context: readonly PermissionModel[],
  catalogue: Catalogue | undefined,
): ActionClass[] {
  const classes: ActionClass[] = [];
  if (catalogue !== undefined) classes.push(...catalogueClasses(granting, context, catalogue));
  const seen = new Set<string>();
  for (const statement of granting.allows) {
    if (statement.actionNegated) {
      const label = `*`;
      const except = statement.actionTexts;
      const key = `!${except.join('\u0000').toLowerCase()}`;
      if (seen.has(key)) continue;
      seen.add(key);
      classes.push(regionClass(exceptOf(except.map(actionLanguage)), label, catalogue, except));
      continue;
    }
    for (const text of statement.actionTexts) {
      if (seen.has(text.toLowerCase())) continue;
      seen.add(text.toLowerCase());
      if (!/[*?]/.test(text)) {
        if (catalogue?.action(text) === undefined) {
          classes.push(literalClass(text, catalogue !== undefined));
        }
        continue;
      }
      classes.push(regionClass(someOf([actionLanguage(text)]), text, catalogue));
    }
  }
  return classes;
}

/** The classes of the actions named by patterns (for checks of given access). */
export function patternClasses(
  patterns: readonly string[],
  catalogue: Catalogue | undefined,
): ActionClass[] {
  const classes: ActionClass[] = [];
  const members = new Map<number, CatalogueAction>();
  for (const text of patterns) {
    if (catalogue !== undefined) for (const a of catalogue.expand(text)) members.set(a.id, a);
    if (!/[*?]/.test(text)) {
      if (catalogue?.action(text) === undefined) {
        classes.push(literalClass(text, catalogue !== undefined));
      }
    } else {
      classes.push(regionClass(someOf([actionLanguage(text)]), text, catalogue));
    }
  }
  for (const action of members.values()) {
    const test = (s: ModelStatement) => coversAction(s, action.key);
    classes.push({
      label: action.name,
      members: [action],
      outsideCatalogue: false,
      covers: test,
      overlaps: test,
    });
  }
  return classes;
}

function catalogueClasses(
  granting: PermissionModel,
  context: readonly PermissionModel[],
  catalogue: Catalogue,
): ActionClass[] {
  const candidates = new Set<number>();
  for (const statement of granting.allows) {
    for (const id of catalogueActionsOf(statement, catalogue)) candidates.add(id);
  }
  if (candidates.size === 0) return [];
  const statements: ModelStatement[] = [];
  const seen = new Set<ModelStatement>();
  for (const model of [granting, ...context]) {
    for (const list of [model.allows, model.denies, model.boundary ?? [], ...model.guardrails]) {
      for (const s of list) {
        if (!seen.has(s)) {
          seen.add(s);
          statements.push(s);
        }
      }
    }
  }
  const signatures = new Map<number, number[]>();
  statements.forEach((statement, index) => {
    for (const id of catalogueActionsOf(statement, catalogue)) {
      if (!candidates.has(id)) continue;
      let list = signatures.get(id);
      if (list === undefined) {
        list = [];
        signatures.set(id, list);
      }
      list.push(index);
    }
  });
  const groups = new Map<string, { members: CatalogueAction[]; statements: Set<ModelStatement> }>();
  for (const [id, indices] of signatures) {
    const key = indices.join(',');
    let group = groups.get(key);
    if (group === undefined) {
      group = {
        members: [],
        statements: new Set(indices.map((i) => statements[i]).filter((s) => s !== undefined)),
      };
      groups.set(key, group);
    }
    const action = catalogue.actions[id];
    if (action !== undefined) group.members.push(action);
  }
  return [...groups.values()].map(({ members, statements: covering }) => {
    const test = (s: ModelStatement) => covering.has(s);
    return {
      label: members[0]?.name ?? '',
      members,
      outsideCatalogue: false,
      covers: test,
      overlaps: test,
    };
  });
}
