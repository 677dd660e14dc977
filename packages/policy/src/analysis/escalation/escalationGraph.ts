import type { Catalogue } from '../../catalogue/catalogue.js';
import { GATEHOUSE_CATALOGUE } from '../../catalogue/gatehouseServices.js';
import { actionClasses, literalClass, type ActionClass } from '../actionClass.js';
import type { StatementRef } from '../analysedPolicy.js';
import { grantedPieces, type AccessPiece } from '../accessPieces.js';
import {
  catalogueActionsOf,
  permissionModel,
  samePermissionSet,
  type ModelStatement,
  type PermissionModel,
  type PermissionSet,
} from '../permissionModel.js';
import { ALL, regionHoldsLiteral, regionIncludes, regionsOverlap } from '../region.js';
import { partitionOf } from '../account/accountSnapshot.js';
import {
  AccountIndex,
  allEffectivePrincipals,
  groupPermissionSet,
  type EffectivePrincipal,
} from '../account/effectivePermissions.js';
import {
  ASSUME_ROLE,
  EDGE_RULES,
  PASS_ROLE,
  type EdgeEffect,
  type EscalationEdgeKind,
} from './escalationEdges.js';
import {
  changedTargets,
  targetsOf,
  type ChangedTargets,
  type IdentityTarget,
  type PolicyTarget,
  type RoleTarget,
  type Target,
  type Targets,
  TargetMatcher,
} from './escalationTargets.js';
import { Reachability } from './reachability.js';
import { trustDecision } from './trustPolicy.js';

/** A user, group or role of the escalation graph. */
export interface EscalationNode {
  readonly arn: string;
  readonly kind: 'user' | 'group' | 'role';
  readonly name: string;
  /** Its own permissions may allow every catalogue action on every resource. */
  readonly admin: boolean;
  /** It is admin, or can reach admin through the graph. */
  readonly adminEquivalent: boolean;
}

/** "`from` can obtain (or modify) the permissions of `to`", and what allows it. */
export interface EscalationEdge {
  readonly from: string;
  readonly to: string;
  readonly kind: EscalationEdgeKind;
  readonly effect: EdgeEffect;
  /** True when the edge depends on a condition of a statement that allows it. */
  readonly conditional: boolean;
  /** The statements that allow it (identity policies of `from`, or the trust policy of `to`). */
  readonly statements: readonly StatementRef[];
  /** For policy-version edges: the managed policy changed. */
  readonly via?: string;
}

/** A way for one principal to gain another's permissions, step by step. */
export interface EscalationPath {
  readonly from: string;
  readonly to: string;
  /** `admin`: the path ends in admin-equivalent access; `more-access`: in access `from` lacks. */
  readonly reason: 'admin' | 'more-access';
  readonly steps: readonly EscalationEdge[];
}

/** The account's escalation graph: nodes with admin flags, and edges. */
export interface EscalationGraph {
  readonly nodes: readonly EscalationNode[];
  readonly edges: readonly EscalationEdge[];
}

/** Options of the graph builder. */
export interface EscalationOptions {
  /** Admin means every action of this catalogue on `*` (default: Gatehouse's services). */
  readonly catalogue?: Catalogue | undefined;
}

/** The graph of who can obtain whose permissions in an account (see the README). */
export function buildEscalationGraph(
  account: AccountIndex | ConstructorParameters<typeof AccountIndex>[0],
  options: EscalationOptions = {},
): EscalationGraph {
  const analysis = new EscalationAnalysis(
    account instanceof AccountIndex ? account : new AccountIndex(account),
    options.catalogue ?? GATEHOUSE_CATALOGUE,
  );
  return analysis.graph();
}

/** A user or role of the graph, with what its outgoing edges are computed from. */
export interface Actor {
  readonly principal: EffectivePrincipal;
  readonly model: PermissionModel;
  /** The ARN the actor makes requests as (a session ARN for a role). */
  readonly callerArn: string;
}

interface NodeInfo {
  readonly kind: 'user' | 'group' | 'role';
  readonly name: string;
  readonly admin: boolean;
}

/** How the graph was built, for tests and measurements. */
export interface BuildStats {
  /** Actors whose outgoing edges were computed in full. */
  readonly recomputed: number;
  /** Actors whose edges were taken from the previous graph (some perhaps updated). */
  readonly reused: number;
  /** True when a previous graph was given but could not be used. */
  readonly rebuilt: boolean;
}

/** Options of `EscalationAnalysis`. */
export interface AnalysisOptions {
  /**
   * The graph of an earlier snapshot of the same account: actors whose permission sets are the
   * same keep their edges (updated only for targets that changed), and unchanged nodes keep
   * their admin flags. The result is the same as without it.
   */
  readonly previous?: EscalationAnalysis | undefined;
  /** The snapshot's effective principals, when the caller has them already. */
  readonly principals?: readonly EffectivePrincipal[] | undefined;
}

interface Grant {
  readonly conditional: boolean;
  readonly statements: readonly StatementRef[];
}

/**
 * An actor's outgoing edges in graph order, kept as columns (target, kind, grant, policy,
 * place); the edge objects are made when asked for, as most are only counted and followed.
 */
class EdgeList {
  readonly to: string[];
  readonly kinds: EscalationEdgeKind[];
  readonly grants: Grant[];
  readonly vias: (string | undefined)[];
  /** Increasing: section, target position, holder position (see `place`). */
  readonly places: number[];
  #objects: (EscalationEdge | undefined)[] | undefined;

  constructor(
    readonly from: string,
    columns: Pick<EdgeList, 'to' | 'kinds' | 'grants' | 'vias' | 'places'> = {
      to: [],
      kinds: [],
      grants: [],
      vias: [],
      places: [],
    },
  ) {
    this.to = columns.to;
    this.kinds = columns.kinds;
    this.grants = columns.grants;
    this.vias = columns.vias;
    this.places = columns.places;
  }

  get length(): number {
    return this.to.length;
  }

  push(place: number, to: string, kind: EscalationEdgeKind, grant: Grant, via?: string): void {
    this.places.push(place);
    this.to.push(to);
    this.kinds.push(kind);
    this.grants.push(grant);
    this.vias.push(via);
  }

  /** Appends entry `k` of another list. */
  copy(other: EdgeList, k: number): void {
    const kind = other.kinds[k];
    const grant = other.grants[k];
    if (kind === undefined || grant === undefined) return;
    this.push(other.places[k] ?? 0, other.to[k] ?? '', kind, grant, other.vias[k]);
  }

  /** Whether edge `k` obtains or modifies its target's permissions. */
  effect(k: number): EdgeEffect | undefined {
    const kind = this.kinds[k];
    return kind === undefined ? undefined : placeOf(kind).effect;
  }

  /** Edge `k` as an object (the same object each time). */
  edgeAt(k: number): EscalationEdge {
    this.#objects ??= new Array<EscalationEdge | undefined>(this.length);
    const known = this.#objects[k];
    if (known !== undefined) return known;
    const from = this.from;
    const to = this.to[k] ?? '';
    const kind = this.kinds[k] ?? 'AssumeRole';
    const effect = placeOf(kind).effect;
    const grant = this.grants[k] ?? { conditional: false, statements: [] };
    const via = this.vias[k];
    const edge: EscalationEdge =
      via === undefined
        ? { from, to, kind, effect, conditional: grant.conditional, statements: grant.statements }
        : {
            from,
            to,
            kind,
            effect,
            conditional: grant.conditional,
            statements: grant.statements,
            via,
          };
    this.#objects[k] = edge;
    return edge;
  }

  /** Every edge as an object. */
  edges(): EscalationEdge[] {
    const out: EscalationEdge[] = [];
    for (let k = 0; k < this.length; k++) out.push(this.edgeAt(k));
    return out;
  }

  /** Whether entry `k` and entry `j` of `other` are the same edge (as data). */
  same(k: number, other: EdgeList, j: number): boolean {
    const a = this.grants[k];
    const b = other.grants[j];
    return (
      this.from === other.from &&
      this.to[k] === other.to[j] &&
      this.kinds[k] === other.kinds[j] &&
      this.vias[k] === other.vias[j] &&
      this.places[k] === other.places[j] &&
      a !== undefined &&
      b !== undefined &&
      sameGrant(a, b)
    );
  }
}

interface ReachIndex {
  readonly index: ReadonlyMap<string, number>;
  readonly arns: readonly string[];
  readonly successors: readonly (readonly number[])[];
  readonly reach: Reachability;
  readonly admin: Uint32Array;
  /** Per component: 0 unknown, 1 admin-equivalent, 2 not. */
  readonly equivalent: Uint8Array;
}

const NO_LISTS: readonly EdgeList[] = [];

const edgeClasses = new Map<string, ActionClass>();

/** The class of one of the edge rules' actions (a fixed few: made once each). */
function classOf(action: string): ActionClass {
  let cls = edgeClasses.get(action);
  if (cls === undefined) {
    cls = literalClass(action, false);
    edgeClasses.set(action, cls);
  }
  return cls;
}

/** Columns an edge list is built in before it is copied out at its final size. */
const building = {
  to: [] as string[],
  kinds: [] as EscalationEdgeKind[],
  grants: [] as Grant[],
  vias: [] as (string | undefined)[],
  places: [] as number[],
};

/**
 * The graph and the questions asked of it; built once per snapshot, or updated from the graph of
 * an earlier snapshot (`previous`), with the same result either way.
 */
export class EscalationAnalysis {
  readonly actors: readonly Actor[];
  readonly nodes = new Map<string, NodeInfo>();
  readonly targets: Targets;
  readonly stats: BuildStats;
  /** Each actor's outgoing edges, in the order of `actors`. */
  readonly #lists: EdgeList[] = [];
  /** The edge lists from each node (one per actor of that ARN, in actor order). */
  readonly #out = new Map<string, readonly EdgeList[]>();
  readonly #groupsOf = new Map<string, readonly string[]>();
  readonly #groupSets = new Map<string, PermissionSet>();
  readonly #ceilingAdmin = new Map<string, boolean>();
  readonly #adminWitness = new Map<string, EscalationPath | null>();
  readonly #ceilingModels = new Map<string, PermissionModel>();
  /** Every user, group and role has its own ARN: what the fast paths rely on. */
  readonly #unique: boolean;
  #edges: EscalationEdge[] | undefined;
  #reachIndex: ReachIndex | undefined;
  /** The graph this one was updated from, until its reach sets have been reused. */
  #base: EscalationAnalysis | undefined;
  /** The same, for ceiling verdicts of unchanged nodes, until `prepare` lets it go. */
  #ceilingSource: EscalationAnalysis | undefined;
  #byArn: Map<string, { readonly actor: Actor; readonly list: EdgeList }> | undefined;
  #byName: Map<string, Actor> | undefined;
  #matchers: Matchers | undefined;
  /** Arrays `#edgesFor` writes grants into (AssumeRole, PassRole, the rule at hand). */
  readonly #scratch: [(Grant | undefined)[], (Grant | undefined)[], (Grant | undefined)[]] = [
    [],
    [],
    [],
  ];

  constructor(
    readonly index: AccountIndex,
    readonly catalogue: Catalogue,
    options: AnalysisOptions = {},
  ) {
    const account = index.account;
    this.targets = targetsOf(account, options.previous?.targets);
    const principals = options.principals ?? allEffectivePrincipals(index);
    const ids = new Set<string>();
    for (const p of principals) ids.add(p.arn);
    for (const g of this.targets.groups) ids.add(g.arn);
    this.#unique = ids.size === principals.length + this.targets.groups.length;

    const previous = this.#unique ? reusable(options.previous, this) : undefined;
    const changed =
      previous === undefined ? undefined : changedTargets(previous.targets, this.targets);
    const base = changed === undefined ? undefined : previous;

    const actors: Actor[] = [];
    const kept: (EdgeList | undefined)[] = [];
    for (const principal of principals) {
      const callerArn =
        principal.kind === 'role'
          ? `arn:${partitionOf(account)}:sts::${account.accountId}:assumed-role/${principal.name}/session`
          : principal.arn;
      const old = base === undefined ? undefined : base.#entryOf(principal.arn);
      const same =
        old?.actor.principal.kind === principal.kind &&
        old.actor.principal.name === principal.name &&
        old.actor.callerArn === callerArn;
      const unchanged =
        same && samePermissionSet(old.actor.principal.permissions, principal.permissions);
      const actor: Actor = {
        principal,
        model: unchanged ? old.actor.model : permissionModel(principal.permissions),
        callerArn,
      };
      actors.push(actor);
      kept.push(same ? old.list : undefined);
      this.nodes.set(principal.arn, {
        kind: principal.kind,
        name: principal.name,
        admin: unchanged
          ? (base?.nodes.get(principal.arn)?.admin ?? false)
          : possiblyAdmin(actor.model, catalogue),
      });
      this.#groupsOf.set(
        principal.arn,
        principal.groups.flatMap((g) => {
          const arn = index.arnOf({ kind: 'group', name: g });
          return arn === undefined ? [] : [arn];
        }),
      );
      this.#ceilingModels.set(principal.arn, actor.model);
    }
    this.actors = actors;
    account.groups.forEach((group, i) => {
      const arn = this.targets.groups[i]?.arn ?? '';
      const set = groupPermissionSet(index, group);
      const oldSet = base === undefined ? undefined : base.#groupSets.get(arn);
      const oldModel = base === undefined ? undefined : base.#ceilingModels.get(arn);
      const oldNode = base?.nodes.get(arn);
      const same =
        oldSet !== undefined &&
        oldModel !== undefined &&
        oldNode?.kind === 'group' &&
        oldNode.name === group.name &&
        samePermissionSet(oldSet, set);
      const model = same ? oldModel : permissionModel(set);
      this.#groupSets.set(arn, set);
      this.nodes.set(arn, {
        kind: 'group',
        name: group.name,
        admin: same ? oldNode.admin : possiblyAdmin(model, catalogue),
      });
      this.#ceilingModels.set(arn, model);
    });

    let recomputed = 0;
    const slots = changed === undefined ? [] : changedSlots(changed);
    actors.forEach((actor, i) => {
      const old = kept[i];
      if (old === undefined || base === undefined || changed === undefined) {
        this.#lists.push(this.#edgesFor(actor));
        recomputed++;
      } else if (base.#entryOf(actor.principal.arn)?.actor.model !== actor.model) {
        // Permissions changed: every edge is computed again (the old list kept if it is equal).
        this.#lists.push(sameList(old, this.#edgesFor(actor)));
        recomputed++;
      } else if (changed.none) {
        this.#lists.push(old);
      } else {
        this.#lists.push(this.#updated(actor, old, slots, changed));
      }
    });
    if (base !== undefined) {
      // A ceiling verdict holds as long as the node's model is the very same.
      for (const [key, value] of base.#ceilingAdmin) {
        const to = key.slice(0, key.indexOf('\u0000'));
        const model = this.#ceilingModels.get(to);
        if (model !== undefined && model === base.#ceilingModels.get(to))
          this.#ceilingAdmin.set(key, value);
      }
      this.#base = base;
      this.#ceilingSource = base;
    }
    this.stats = {
      recomputed,
      reused: actors.length - recomputed,
      rebuilt: options.previous !== undefined && base === undefined,
    };
    actors.forEach((actor, i) => {
      const list = this.#lists[i];
      if (list === undefined) return;
      const arn = actor.principal.arn;
      this.#out.set(arn, [...(this.#out.get(arn) ?? NO_LISTS), list]);
    });
  }

  /**
   * Answers now what analyses ask of a before-state (reach sets, every principal's
   * admin-equivalence) and lets go of the graph this one was updated from, so that a graph kept
   * for later holds no chain of earlier ones.
   */
  prepare(): this {
    for (const actor of this.actors) this.isAdminEquivalent(actor.principal.arn);
    this.#reachability();
    this.#base = undefined;
    this.#ceilingSource = undefined;
    return this;
  }

  /** Every edge: each actor's, in the order of `actors`. */
  get edges(): readonly EscalationEdge[] {
    this.#edges ??= this.#lists.flatMap((l) => l.edges());
    return this.#edges;
  }

  /**
   * The `AssumeRole` and `PassRole` edges, in the order of `edges` (each actor's come first in
   * its list, so this does not walk the others).
   */
  roleEdges(): EscalationEdge[] {
    const out: EscalationEdge[] = [];
    for (const list of this.#lists) {
      for (let k = 0; k < list.length; k++) {
        const kind = list.kinds[k];
        if (kind !== 'AssumeRole' && kind !== 'PassRole') break;
        out.push(list.edgeAt(k));
      }
    }
    return out;
  }

  /** The graph as data. */
  graph(): EscalationGraph {
    return {
      nodes: [...this.nodes].map(([arn, n]) => ({
        arn,
        kind: n.kind,
        name: n.name,
        admin: n.admin,
        adminEquivalent: n.kind === 'group' ? n.admin : this.isAdminEquivalent(arn),
      })),
      edges: this.edges,
    };
  }

  /** The nodes `from` can reach through obtain edges (itself and, for a user, its groups included). */
  reach(from: string): Map<string, EscalationEdge | null> {
    const parents = new Map<string, EscalationEdge | null>([[from, null]]);
    const queue = [from];
    // The queue grows while it is walked: a breadth-first search.
    for (const node of queue) {
      for (const group of this.#groupsOf.get(node) ?? []) {
        if (!parents.has(group)) parents.set(group, null);
      }
      for (const list of this.#out.get(node) ?? NO_LISTS) {
        for (let k = 0; k < list.length; k++) {
          const to = list.to[k] ?? '';
          if (list.effect(k) !== 'obtain' || parents.has(to)) continue;
          parents.set(to, list.edgeAt(k));
          queue.push(to);
        }
      }
    }
    return parents;
  }

  /** Whether `from` reaches `to` (the same as `reach(from).has(to)`, without the search). */
  reaches(from: string, to: string): boolean {
    const r = this.#reachability();
    if (r === undefined) return this.reach(from).has(to);
    const i = r.index.get(from);
    const j = r.index.get(to);
    if (i === undefined || j === undefined) return from === to;
    return r.reach.reaches(i, j);
  }

  /** The nodes `from` reaches (the keys of `reach(from)`, in no particular order). */
  reachable(from: string): readonly string[] {
    const r = this.#reachability();
    const i = r?.index.get(from);
    if (r === undefined || i === undefined) return [...this.reach(from).keys()];
    return r.reach.reachedBy(i).map((j) => r.arns[j] ?? '');
  }

  /** The steps from `from` to `to` in a reach map. */
  static stepsTo(parents: Map<string, EscalationEdge | null>, to: string): EscalationEdge[] {
    const steps: EscalationEdge[] = [];
    let edge = parents.get(to) ?? null;
    while (edge !== null) {
      steps.unshift(edge);
      edge = parents.get(edge.from) ?? null;
    }
    return steps;
  }

  /** Whether `adminPath(from)` finds a path, answered from the reach sets (no search). */
  isAdminEquivalent(from: string): boolean {
    const r = this.#reachability();
    const i = r?.index.get(from);
    if (r === undefined || i === undefined) return this.adminPath(from) !== undefined;
    const component = r.reach.componentOf(i);
    const known = r.equivalent[component];
    if (known === 1 || known === 2) return known === 1;
    let result = r.reach.reachesAny(i, r.admin);
    if (!result) {
      search: for (const n of r.reach.reachedBy(i)) {
        for (const list of this.#out.get(r.arns[n] ?? '') ?? NO_LISTS) {
          for (let k = 0; k < list.length; k++) {
            if (list.effect(k) !== 'modify') continue;
            const to = r.index.get(list.to[k] ?? '');
            const kind = list.kinds[k];
            if (to === undefined || kind === undefined || !r.reach.reaches(i, to)) continue;
            if (!this.#modifiable(list.to[k] ?? '', kind)) continue;
            result = true;
            break search;
          }
        }
      }
    }
    r.equivalent[component] = result ? 1 : 2;
    return result;
  }

  /**
   * A path by which `from` obtains admin-equivalent access, or undefined: it reaches a node that
   * may do everything, or a node that can modify the permissions of a node it reaches (itself,
   * its groups, a role it can assume) whose ceilings allow everything.
   */
  adminPath(from: string): EscalationPath | undefined {
    const known = this.#adminWitness.get(from);
    if (known !== undefined) return known ?? undefined;
    const parents = this.reach(from);
    let found: EscalationPath | undefined;
    for (const node of parents.keys()) {
      if (this.nodes.get(node)?.admin === true) {
        found = {
          from,
          to: node,
          reason: 'admin',
          steps: EscalationAnalysis.stepsTo(parents, node),
        };
        break;
      }
    }
    if (found === undefined) {
      search: for (const node of parents.keys()) {
        for (const list of this.#out.get(node) ?? NO_LISTS) {
          for (let k = 0; k < list.length; k++) {
            const to = list.to[k] ?? '';
            const kind = list.kinds[k];
            if (list.effect(k) !== 'modify' || kind === undefined || !parents.has(to)) continue;
            if (!this.#modifiable(to, kind)) continue;
            found = {
              from,
              to,
              reason: 'admin',
              steps: [...EscalationAnalysis.stepsTo(parents, node), list.edgeAt(k)],
            };
            break search;
          }
        }
      }
    }
    this.#adminWitness.set(from, found ?? null);
    return found;
  }

  /** The actor of a user or role, by name (as `effectivePermissions` looks it up). */
  actorOf(kind: 'user' | 'role', name: string): Actor | undefined {
    if (this.#byName === undefined) {
      this.#byName = new Map();
      for (const actor of this.actors)
        this.#byName.set(`${actor.principal.kind}\u0000${actor.principal.name}`, actor);
    }
    return this.#byName.get(`${kind}\u0000${name}`);
  }

  #entryOf(arn: string): { readonly actor: Actor; readonly list: EdgeList } | undefined {
    if (this.#byArn === undefined) {
      this.#byArn = new Map();
      this.actors.forEach((actor, i) => {
        const list = this.#lists[i];
        if (list !== undefined) this.#byArn?.set(actor.principal.arn, { actor, list });
      });
    }
    return this.#byArn.get(arn);
  }

  /** Reach sets of every node, or undefined when ARNs are not unique (then searches answer). */
  #reachability(): ReachIndex | undefined {
    if (!this.#unique) return undefined;
    if (this.#reachIndex !== undefined) return this.#reachIndex;
    const arns = [...this.nodes.keys()];
    const index = new Map<string, number>();
    arns.forEach((arn, i) => index.set(arn, i));
    // A node with the same edges and groups as in the graph this one was updated from has the
    // same successors, when the nodes are numbered alike.
    const base = this.#base;
    this.#base = undefined;
    const old = base === undefined ? undefined : base.#reachability();
    const numbered =
      base !== undefined &&
      old?.arns.length === arns.length &&
      old.arns.every((arn, i) => arn === arns[i]);
    let all = numbered;
    const successors = arns.map((arn, i) => {
      const lists = this.#out.get(arn) ?? NO_LISTS;
      const groups = this.#groupsOf.get(arn) ?? [];
      if (numbered && sameLists(lists, base.#out.get(arn) ?? NO_LISTS)) {
        const oldGroups = base.#groupsOf.get(arn) ?? [];
        const reused = old.successors[i];
        if (
          reused !== undefined &&
          oldGroups.length === groups.length &&
          oldGroups.every((g, k) => g === groups[k])
        )
          return reused;
      }
      all = false;
      const out: number[] = [];
      for (const group of groups) {
        const j = index.get(group);
        if (j !== undefined) out.push(j);
      }
      for (const list of lists) {
        for (let k = 0; k < list.length; k++) {
          if (list.effect(k) !== 'obtain') continue;
          const j = index.get(list.to[k] ?? '');
          if (j !== undefined) out.push(j);
        }
      }
      return out;
    });
    // The same successors everywhere: the same reach sets.
    const reach = all && old !== undefined ? old.reach : new Reachability(successors);
    const admin = reach.bitSet(arns.flatMap((arn, i) => (this.nodes.get(arn)?.admin ? [i] : [])));
    // The verdicts too, when admin flags and the ceilings of modify edges' targets are the same.
    const sameVerdicts =
      all &&
      old !== undefined &&
      base !== undefined &&
      admin.every((w, k) => w === old.admin[k]) &&
      arns.every((arn) => this.#ceilingModels.get(arn) === base.#ceilingModels.get(arn));
    this.#reachIndex = {
      index,
      arns,
      successors,
      reach,
      admin,
      equivalent: sameVerdicts ? old.equivalent.slice() : new Uint8Array(reach.componentCount),
    };
    return this.#reachIndex;
  }

  /** Whether a modify edge can make its target admin (its ceilings allow everything). */
  #modifiable(to: string, kind: EscalationEdgeKind): boolean {
    const key = `${to}\u0000${kind}`;
    const known = this.#ceilingAdmin.get(key);
    if (known !== undefined) return known;
    const model = this.#ceilingModels.get(to);
    const source = this.#ceilingSource;
    let result = false;
    if (model !== undefined && source !== undefined && source.#ceilingModels.get(to) === model) {
      result = source.#modifiable(to, kind);
    } else if (model !== undefined) {
      const dropsBoundary = kind.endsWith('PermissionsBoundary');
      const ceiling: PermissionModel = {
        allows: ADMIN_MODEL.allows,
        denies: model.denies,
        boundary: dropsBoundary ? undefined : model.boundary,
        guardrails: model.guardrails,
      };
      result = adminUnder(ceiling, this.catalogue);
    }
    this.#ceilingAdmin.set(key, result);
    return result;
  }

  /**
   * The edges of an actor whose permissions did not change: its previous edges, with those into
   * targets that changed computed afresh, in the order a full computation gives (the previous
   * list itself when nothing differs).
   */
  #updated(
    actor: Actor,
    previous: EdgeList,
    slots: readonly (readonly [number, number])[],
    changed: ChangedTargets,
  ): EdgeList {
    const fresh = this.#edgesFor(actor, changed);
    const places = previous.places;
    // The previous edges in the changed slots: index ranges found by binary search.
    const removed: [number, number][] = [];
    let count = 0;
    for (const [low, high] of slots) {
      const start = lowerBound(places, low);
      const end = lowerBound(places, high);
      if (end > start) {
        removed.push([start, end]);
        count += end - start;
      }
    }
    if (count === fresh.length) {
      let j = 0;
      let same = true;
      check: for (const [start, end] of removed) {
        for (let k = start; k < end; k++, j++) {
          if (!previous.same(k, fresh, j)) {
            same = false;
            break check;
          }
        }
      }
      if (same) return previous;
    }
    const merged = new EdgeList(previous.from);
    let f = 0;
    let r = 0;
    for (let k = 0; k < previous.length; k++) {
      const range = removed[r];
      if (range?.[0] === k) {
        k = range[1] - 1;
        r++;
        continue;
      }
      const place = places[k] ?? 0;
      while (f < fresh.length && (fresh.places[f] ?? 0) < place) merged.copy(fresh, f++);
      merged.copy(previous, k);
    }
    while (f < fresh.length) merged.copy(fresh, f++);
    return merged;
  }

  /** Matchers over the whole target lists (one per snapshot). */
  #allTargets(): Matchers {
    this.#matchers ??= {
      users: new TargetMatcher(this.targets.users),
      groups: new TargetMatcher(this.targets.groups),
      roles: new TargetMatcher(this.targets.roles),
      policies: new TargetMatcher(this.targets.policies),
    };
    return this.#matchers;
  }

  /** The actor's edges into the given targets (all of them by default), in the graph's order. */
  #edgesFor(actor: Actor, targets?: TargetLists): EdgeList {
    const { principal, model } = actor;
    const from = principal.arn;
    const matchers = targets === undefined ? this.#allTargets() : undefined;
    const lists: TargetLists = targets ?? this.targets;
    const ask = askerOf(model);
    // Built in the shared columns (not re-entered), then copied out at the final size.
    const { to, kinds, grants: given, vias, places } = building;
    let n = 0;
    const edges = {
      push(place: number, target: string, kind: EscalationEdgeKind, grant: Grant, via?: string) {
        places[n] = place;
        to[n] = target;
        kinds[n] = kind;
        given[n] = grant;
        vias[n] = via;
        n++;
      },
    };
    const [assume, pass, granted] = this.#scratch;
    if (lists.roles.length > 0) {
      ask.grants(ASSUME_ROLE, lists.roles, matchers?.roles, assume);
      ask.grants(PASS_ROLE, lists.roles, matchers?.roles, pass);
      lists.roles.forEach((role, j) => {
        if (role.arn === from) return;
        const trust = trustDecision(role.trustPolicy, role.trustName, actor.callerArn);
        if (trust !== undefined) {
          const identity = assume[j];
          const byTrust = trust.scope === 'named' || trust.scope === 'everyone';
          if (byTrust ? !certainlyDenied(model, ASSUME_ROLE, role) : identity !== undefined) {
            edges.push(place(0, role.index, 0), role.arn, 'AssumeRole', {
              conditional: trust.conditional || (!byTrust && identity?.conditional === true),
              statements: [...trust.statements, ...(byTrust ? [] : (identity?.statements ?? []))],
            });
          }
        }
        const passGrant = pass[j];
        if (passGrant !== undefined && role.trustsAService())
          edges.push(place(0, role.index, 1), role.arn, 'PassRole', passGrant);
      });
    }
    EDGE_RULES.forEach((rule, r) => {
      const section = r + 1;
      if (rule.target === 'policy') {
        if (lists.policies.length === 0 || !ask.mayGrant(rule.action)) return;
        const grants = ask.grants(rule.action, lists.policies, matchers?.policies, granted);
        lists.policies.forEach((policy, j) => {
          const grant = grants[j];
          if (grant === undefined) return;
          policy.holders.forEach((holder, h) => {
            edges.push(place(section, policy.index, h), holder, rule.kind, grant, policy.arn);
          });
        });
        return;
      }
      if (rule.kind === 'AddUserToGroup' && principal.kind !== 'user') return;
      const [list, matcher] =
        rule.target === 'user'
          ? [lists.users, matchers?.users]
          : rule.target === 'group'
            ? [lists.groups, matchers?.groups]
            : [lists.roles, matchers?.roles];
      if (list.length === 0 || !ask.mayGrant(rule.action)) return;
      const grants = ask.grants(rule.action, list, matcher, granted);
      list.forEach((target: IdentityTarget, j) => {
        const grant = grants[j];
        if (grant === undefined) return;
        if (rule.effect === 'obtain' && target.arn === from) return;
        if (rule.needsBoundary === true && !target.hasBoundary) return;
        edges.push(place(section, target.index, 0), target.arn, rule.kind, grant);
      });
    });
    return new EdgeList(from, {
      to: to.slice(0, n),
      kinds: kinds.slice(0, n),
      grants: given.slice(0, n),
      vias: vias.slice(0, n),
      places: places.slice(0, n),
    });
  }
}

interface Matchers {
  readonly users: TargetMatcher;
  readonly groups: TargetMatcher;
  readonly roles: TargetMatcher;
  readonly policies: TargetMatcher;
}

interface TargetLists {
  readonly users: readonly IdentityTarget[];
  readonly groups: readonly IdentityTarget[];
  readonly roles: readonly RoleTarget[];
  readonly policies: readonly PolicyTarget[];
}

/**
 * An earlier graph that may be reused for this one: same catalogue and account, unique ARNs,
 * and lists short enough for `place`.
 */
function reusable(
  previous: EscalationAnalysis | undefined,
  next: EscalationAnalysis,
): EscalationAnalysis | undefined {
  if (previous?.catalogue !== next.catalogue) return undefined;
  const a = previous.index.account;
  const b = next.index.account;
  if (a.accountId !== b.accountId || partitionOf(a) !== partitionOf(b)) return undefined;
  if (previous.nodes.size !== previous.actors.length + previous.targets.groups.length)
    return undefined;
  const { users, groups, roles, policies } = next.targets;
  const longest = Math.max(
    users.length,
    groups.length,
    roles.length,
    policies.length,
    ...policies.map((p) => p.holders.length),
  );
  return longest < SLOT ? previous : undefined;
}

interface KindPlace {
  readonly section: number;
  readonly target: 'user' | 'group' | 'role' | 'policy';
  readonly effect: EdgeEffect;
}

/** Per edge kind: its section in the order edges are computed in, its target and effect. */
const KINDS: ReadonlyMap<EscalationEdgeKind, KindPlace> = new Map<EscalationEdgeKind, KindPlace>([
  ['AssumeRole', { section: 0, target: 'role', effect: 'obtain' }],
  ['PassRole', { section: 0, target: 'role', effect: 'obtain' }],
  ...EDGE_RULES.map((rule, i): [EscalationEdgeKind, KindPlace] => [
    rule.kind,
    { section: i + 1, target: rule.target, effect: rule.effect },
  ]),
]);

function placeOf(kind: EscalationEdgeKind): KindPlace {
  return KINDS.get(kind) ?? { section: 0, target: 'role', effect: 'obtain' };
}

const SLOT = 2 ** 20;

/**
 * The place of an edge in its actor's list: the section (0 for the role loop, then one per edge
 * rule), the target's position in its list, then the holder's position (policy edges) or 1 for
 * `PassRole`. Edges are computed in increasing place.
 */
function place(section: number, target: number, sub: number): number {
  return (section * SLOT + target) * SLOT + sub;
}

/** The place ranges of the sections about the changed targets, sorted. */
function changedSlots(changed: ChangedTargets): [number, number][] {
  const slots: [number, number][] = [];
  const add = (kind: 'user' | 'group' | 'role' | 'policy', targets: readonly Target[]) => {
    const sections = [
      ...(kind === 'role' ? [0] : []),
      ...EDGE_RULES.flatMap((rule, r) => (rule.target === kind ? [r + 1] : [])),
    ];
    for (const section of sections)
      for (const t of targets)
        slots.push([place(section, t.index, 0), place(section, t.index + 1, 0)]);
  };
  add('user', changed.users);
  add('group', changed.groups);
  add('role', changed.roles);
  add('policy', changed.policies);
  return slots.sort((x, y) => x[0] - y[0]);
}

/** The first position whose value is at least `value` (values increasing). */
function lowerBound(values: readonly number[], value: number): number {
  let low = 0;
  let high = values.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((values[middle] ?? 0) < value) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** The previous list when the new one has the same edges (keeps later reuse by identity). */
function sameList(previous: EdgeList, next: EdgeList): EdgeList {
  if (previous.length !== next.length) return next;
  for (let k = 0; k < next.length; k++) if (!previous.same(k, next, k)) return next;
  return previous;
}

function sameLists(a: readonly EdgeList[], b: readonly EdgeList[]): boolean {
  return a.length === b.length && a.every((list, i) => list === b[i]);
}

/** Whether two grants are equal as data. */
function sameGrant(a: Grant, b: Grant): boolean {
  if (a === b) return true;
  if (a.conditional !== b.conditional || a.statements.length !== b.statements.length) return false;
  return a.statements.every((s, i) => {
    const t = b.statements[i];
    return (
      t?.policy === s.policy &&
      s.statement === t.statement &&
      s.sid === t.sid &&
      'sid' in s === 'sid' in t
    );
  });
}

/** What an asker knows of one action: the granted pieces, and grants made per selection. */
interface ActionEntry {
  readonly pieces: AccessPiece[];
  readonly grants: Map<number | string, Grant>;
}

const askers = new WeakMap<PermissionModel, Asker>();

/** The asker of a model (kept with it: a model reused by a later graph keeps its answers). */
function askerOf(model: PermissionModel): Asker {
  let asker = askers.get(model);
  if (asker === undefined) {
    asker = new Asker(model);
    askers.set(model, asker);
  }
  return asker;
}

/**
 * Asks "may the model allow this action on this target?", computing the granted pieces once per
 * action and the answer once per set of matching pieces (many targets share one).
 */
class Asker {
  readonly #byAction = new Map<string, ActionEntry>();

  constructor(readonly model: PermissionModel) {}

  #entry(action: string): ActionEntry {
    let entry = this.#byAction.get(action);
    if (entry === undefined) {
      entry = { pieces: grantedPieces(this.model, classOf(action)), grants: new Map() };
      this.#byAction.set(action, entry);
    }
    return entry;
  }

  /** False when the model grants the action on nothing. */
  mayGrant(action: string): boolean {
    return this.#entry(action).pieces.length > 0;
  }

  /**
   * The grant of the action on each target of the list (undefined where none), written into the
   * first entries of `out` (a scratch array, overwritten; entries past the list are stale). With a matcher over the list, each piece's region is
   * matched against the whole list at once.
   */
  grants(
    action: string,
    list: readonly Target[],
    matcher: TargetMatcher | undefined,
    out: (Grant | undefined)[],
  ): readonly (Grant | undefined)[] {
    const entry = this.#entry(action);
    const { pieces, grants } = entry;
    // Only the first `list.length` entries are written (and read): resizing costs more.
    if (pieces.length === 0) return out.fill(undefined, 0, list.length);
    if (matcher === undefined || pieces.length > 30) {
      list.forEach((target, j) => (out[j] = this.grant(action, target)));
      return out;
    }
    const masks = scratchMasks(list.length);
    for (let i = 0; i < pieces.length; i++) {
      const region = pieces[i]?.region;
      if (region === undefined) continue;
      const bit = 1 << i;
      const positions = matcher.positions(region);
      if (positions === null)
        for (let j = 0; j < list.length; j++) masks[j] = (masks[j] ?? 0) | bit;
      else for (const j of positions) masks[j] = (masks[j] ?? 0) | bit;
    }
    for (let j = 0; j < list.length; j++) {
      const mask = masks[j] ?? 0;
      // The memo is read here, not through a method call: this loop runs for every target.
      out[j] = mask === 0 ? undefined : (grants.get(mask) ?? this.#grantOf(entry, mask));
    }
    return out;
  }

  /** The grant of the action on one target. */
  grant(action: string, target: Target): Grant | undefined {
    const { pieces } = this.#entry(action);
    if (pieces.length === 0) return undefined;
    // The matching pieces as a bit mask (a list of positions past 30 pieces).
    const small = pieces.length <= 30;
    let mask = 0;
    let key = '';
    for (let i = 0; i < pieces.length; i++) {
      const region = pieces[i]?.region;
      if (region === undefined) continue;
      const holds = target.literal
        ? regionHoldsLiteral(region, target.arn)
        : regionsOverlap(region, target.region);
      if (!holds) continue;
      if (small) mask |= 1 << i;
      else key += `${i},`;
    }
    const id = small ? mask : key;
    if (id === 0 || id === '') return undefined;
    return this.#grantOf(this.#entry(action), id);
  }

  /** The grant of the pieces a mask (or a list of positions) selects, made once per selection. */
  #grantOf(entry: ActionEntry, id: number | string): Grant {
    const { pieces, grants } = entry;
    const known = grants.get(id);
    if (known !== undefined) return known;
    const matching =
      typeof id === 'number'
        ? pieces.filter((_, i) => (id & (1 << i)) !== 0)
        : id
            .slice(0, -1)
            .split(',')
            .flatMap((i) => pieces[Number(i)] ?? []);
    const only = matching.length === 1 ? matching[0] : undefined;
    const grant: Grant =
      only !== undefined && only.statements.length <= 1
        ? { conditional: only.atoms.length > 0, statements: only.statements }
        : {
            conditional: matching.every((p) => p.atoms.length > 0),
            statements: dedupe(matching.flatMap((p) => p.statements)),
          };
    grants.set(id, grant);
    return grant;
  }
}

let masksBuffer = new Int32Array(256);

/** A zeroed scratch array of masks (shared: used by one `grants` call at a time). */
function scratchMasks(length: number): Int32Array {
  if (masksBuffer.length < length)
    masksBuffer = new Int32Array(Math.max(length, masksBuffer.length * 2));
  masksBuffer.fill(0, 0, length);
  return masksBuffer;
}

function dedupe(refs: readonly StatementRef[]): StatementRef[] {
  const seen = new Set<string>();
  return refs.filter((r) => {
    const key = `${r.policy}\u0000${r.statement}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Whether an unconditional, exact Deny of the model covers the action on the target. */
function certainlyDenied(model: PermissionModel, action: string, target: Target): boolean {
  const cls = classOf(action);
  return model.denies.some(
    (d: ModelStatement) =>
      d.exact &&
      d.atoms.length === 0 &&
      cls.covers(d) &&
      regionIncludes(d.resources, target.region),
  );
}

/**
 * `possiblyAdmin` of a ceiling model (an Allow of everything under a node's Denies, boundary
 * and guardrails), answered from the Denies alone when there is no boundary or guardrail: the
 * single piece (every action on every resource, no condition) is removed, for the actions a Deny
 * covers, exactly by a Deny that is unconditional and covers every resource; so admin stays iff
 * no such Deny covers a catalogue action.
 */
export function adminUnder(ceiling: PermissionModel, catalogue: Catalogue): boolean {
  if (ceiling.boundary !== undefined || ceiling.guardrails.length > 0)
    return possiblyAdmin(ceiling, catalogue);
  for (const deny of ceiling.denies) {
    if (!deny.exact || deny.atoms.length > 0 || !regionIncludes(deny.resources, ALL)) continue;
    if (catalogueActionsOf(deny, catalogue).length > 0) return false;
    // A Deny of actions outside the catalogue only: the general computation decides.
    return possiblyAdmin(ceiling, catalogue);
  }
  return possiblyAdminAllows(catalogue);
}

const adminOfCatalogue = new WeakMap<Catalogue, boolean>();

/** `possiblyAdmin` of the bare Allow of everything, once per catalogue. */
function possiblyAdminAllows(catalogue: Catalogue): boolean {
  let known = adminOfCatalogue.get(catalogue);
  if (known === undefined) {
    known = possiblyAdmin(ADMIN_MODEL, catalogue);
    adminOfCatalogue.set(catalogue, known);
  }
  return known;
}

const ADMIN_MODEL: PermissionModel = permissionModel({
  identityPolicies: [
    {
      name: 'admin',
      document: {
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
      },
    },
  ],
});

/**
 * Whether the model may allow every action of the catalogue on every resource (conditions may
 * hold): "admin". Catalogue actions are grouped by the statements covering them, so this costs
 * one pass per group.
 */
export function possiblyAdmin(model: PermissionModel, catalogue: Catalogue): boolean {
  if (model.allows.length === 0) return false;
  // Each catalogue action needs an Allow naming it: when together they miss one, no need to look
  // further (the common case, and a cheap one: action expansions are cached per statement).
  const named = new Set<number>();
  for (const allow of model.allows)
    for (const id of catalogueActionsOf(allow, catalogue)) named.add(id);
  if (named.size < catalogue.actions.length) return false;
  const covered = new Set<number>();
  for (const cls of actionClasses(model, [], catalogue)) {
    if (cls.members.length === 0) continue;
    if (grantedPieces(model, cls).some((p) => regionIncludes(p.region, ALL))) {
      for (const m of cls.members) covered.add(m.id);
    }
  }
  return covered.size === catalogue.actions.length;
}
