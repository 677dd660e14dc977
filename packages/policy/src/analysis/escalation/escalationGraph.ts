import type { Catalogue } from '../../catalogue/catalogue.js';
import { GATEHOUSE_CATALOGUE } from '../../catalogue/gatehouseServices.js';
import { literalResourceLanguage } from '../../patterns/patternLanguage.js';
import { actionClasses, literalClass } from '../actionClass.js';
import type { StatementRef } from '../analysedPolicy.js';
import { grantedPieces, type AccessPiece } from '../accessPieces.js';
import { permissionModel, type ModelStatement, type PermissionModel } from '../permissionModel.js';
import { ALL, regionIncludes, regionsOverlap, someOf } from '../region.js';
import { identityArn, partitionOf } from '../account/accountSnapshot.js';
import {
  AccountIndex,
  allEffectivePrincipals,
  type EffectivePrincipal,
} from '../account/effectivePermissions.js';
import {
  ASSUME_ROLE,
  EDGE_RULES,
  PASS_ROLE,
  type EdgeEffect,
  type EscalationEdgeKind,
} from './escalationEdges.js';
import { trustDecision, trustsAService } from './trustPolicy.js';

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

interface Actor {
  readonly principal: EffectivePrincipal;
  readonly model: PermissionModel;
  /** The ARN the actor makes requests as (a session ARN for a role). */
  readonly callerArn: string;
}

/** The graph and the questions asked of it; built once per snapshot. */
export class EscalationAnalysis {
  readonly actors: readonly Actor[];
  readonly nodes = new Map<
    string,
    { kind: 'user' | 'group' | 'role'; name: string; admin: boolean }
  >();
  readonly edges: EscalationEdge[] = [];
  readonly #out = new Map<string, EscalationEdge[]>();
  readonly #groupsOf = new Map<string, readonly string[]>();
  readonly #ceilingAdmin = new Map<string, boolean>();
  readonly #adminWitness = new Map<string, EscalationPath | null>();
  readonly #ceilingModels = new Map<string, PermissionModel>();

  constructor(
    readonly index: AccountIndex,
    readonly catalogue: Catalogue,
  ) {
    const account = index.account;
    this.actors = allEffectivePrincipals(index).map((principal) => ({
      principal,
      model: permissionModel(principal.permissions),
      callerArn:
        principal.kind === 'role'
          ? `arn:${partitionOf(account)}:sts::${account.accountId}:assumed-role/${principal.name}/session`
          : principal.arn,
    }));
    for (const actor of this.actors) {
      const { principal, model } = actor;
      this.nodes.set(principal.arn, {
        kind: principal.kind,
        name: principal.name,
        admin: possiblyAdmin(model, catalogue),
      });
      this.#groupsOf.set(
        principal.arn,
        principal.groups.flatMap((g) => {
          const arn = index.arnOf({ kind: 'group', name: g });
          return arn === undefined ? [] : [arn];
        }),
      );
      this.#ceilingModels.set(principal.arn, model);
    }
    for (const group of account.groups) {
      const arn = identityArn(account, 'group', group);
      const model = permissionModel({
        identityPolicies: [
          ...(group.inlinePolicies ?? []).map((p) => ({
            name: `group/${group.name}/inline/${p.name}`,
            document: p.document,
          })),
          ...(group.attachedPolicies ?? []).flatMap((a) => {
            const p = index.policies.get(a);
            return p === undefined ? [] : [p];
          }),
        ],
        ...(account.guardrails === undefined ? {} : { guardrails: account.guardrails }),
      });
      this.nodes.set(arn, {
        kind: 'group',
        name: group.name,
        admin: possiblyAdmin(model, catalogue),
      });
      this.#ceilingModels.set(arn, model);
    }
    for (const actor of this.actors) this.#addEdges(actor);
    for (const edge of this.edges) {
      const list = this.#out.get(edge.from) ?? [];
      list.push(edge);
      this.#out.set(edge.from, list);
    }
  }

  /** The graph as data. */
  graph(): EscalationGraph {
    return {
      nodes: [...this.nodes].map(([arn, n]) => ({
        arn,
        kind: n.kind,
        name: n.name,
        admin: n.admin,
        adminEquivalent: n.kind === 'group' ? n.admin : this.adminPath(arn) !== undefined,
      })),
      edges: this.edges,
    };
  }

  /** The nodes `from` can reach through obtain edges (itself and, for a user, its groups included). */
  reach(from: string): Map<string, EscalationEdge | null> {
    const parents = new Map<string, EscalationEdge | null>([[from, null]]);
    const queue = [from];
    while (queue.length > 0) {
      const node = queue.shift();
      if (node === undefined) break;
      for (const group of this.#groupsOf.get(node) ?? []) {
        if (!parents.has(group)) parents.set(group, null);
      }
      for (const edge of this.#out.get(node) ?? []) {
        if (edge.effect !== 'obtain' || parents.has(edge.to)) continue;
        parents.set(edge.to, edge);
        queue.push(edge.to);
      }
    }
    return parents;
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
      for (const node of parents.keys()) {
        for (const edge of this.#out.get(node) ?? []) {
          if (edge.effect !== 'modify' || !parents.has(edge.to) || !this.#modifiable(edge))
            continue;
          found = {
            from,
            to: edge.to,
            reason: 'admin',
            steps: [...EscalationAnalysis.stepsTo(parents, node), edge],
          };
          break;
        }
        if (found !== undefined) break;
      }
    }
    this.#adminWitness.set(from, found ?? null);
    return found;
  }

  /** Whether a modify edge can make its target admin (its ceilings allow everything). */
  #modifiable(edge: EscalationEdge): boolean {
    const key = `${edge.to}\u0000${edge.kind}`;
    const known = this.#ceilingAdmin.get(key);
    if (known !== undefined) return known;
    const model = this.#ceilingModels.get(edge.to);
    let result = false;
    if (model !== undefined) {
      const dropsBoundary = edge.kind.endsWith('PermissionsBoundary');
      const ceiling: PermissionModel = {
        allows: ADMIN_MODEL.allows,
        denies: model.denies,
        boundary: dropsBoundary ? undefined : model.boundary,
        guardrails: model.guardrails,
      };
      result = possiblyAdmin(ceiling, this.catalogue);
    }
    this.#ceilingAdmin.set(key, result);
    return result;
  }

  #addEdges(actor: Actor): void {
    const { principal, model } = actor;
    const account = this.index.account;
    const ask = asker(model);
    const push = (
      to: string,
      kind: EscalationEdgeKind,
      effect: EdgeEffect,
      grant: Grant,
      via?: string,
    ) => {
      this.edges.push({
        from: principal.arn,
        to,
        kind,
        effect,
        conditional: grant.conditional,
        statements: grant.statements,
        ...(via === undefined ? {} : { via }),
      });
    };
    for (const role of account.roles) {
      const arn = identityArn(account, 'role', role);
      if (arn === principal.arn) continue;
      const trust = trustDecision(role.trustPolicy, `role/${role.name}/trust`, actor.callerArn);
      if (trust !== undefined) {
        const identity = ask(ASSUME_ROLE, arn);
        const byTrust = trust.scope === 'named' || trust.scope === 'everyone';
        if (byTrust ? !certainlyDenied(model, ASSUME_ROLE, arn) : identity !== undefined) {
          push(arn, 'AssumeRole', 'obtain', {
            conditional: trust.conditional || (!byTrust && identity?.conditional === true),
            statements: [...trust.statements, ...(byTrust ? [] : (identity?.statements ?? []))],
          });
        }
      }
      const pass = ask(PASS_ROLE, arn);
      if (pass !== undefined && trustsAService(role.trustPolicy))
        push(arn, 'PassRole', 'obtain', pass);
    }
    for (const rule of EDGE_RULES) {
      if (rule.target === 'policy') {
        for (const policy of account.policies) {
          const grant = ask(rule.action, policy.arn);
          if (grant === undefined) continue;
          for (const holder of this.#holdersOf(policy.arn))
            push(holder, rule.kind, rule.effect, grant, policy.arn);
        }
        continue;
      }
      const targets =
        rule.target === 'user'
          ? account.users
          : rule.target === 'group'
            ? account.groups
            : account.roles;
      for (const target of targets) {
        const arn = identityArn(account, rule.target, target);
        if (rule.effect === 'obtain' && arn === principal.arn) continue;
        if (rule.kind === 'AddUserToGroup' && principal.kind !== 'user') continue;
        if (
          rule.needsBoundary === true &&
          (target as { permissionsBoundary?: string }).permissionsBoundary === undefined
        ) {
          continue;
        }
        const grant = ask(rule.action, arn);
        if (grant !== undefined) push(arn, rule.kind, rule.effect, grant);
      }
    }
  }

  /** The users, groups and roles a managed policy is attached to. */
  #holdersOf(policyArn: string): string[] {
    const account = this.index.account;
    const holders: string[] = [];
    const attached = (i: { readonly attachedPolicies?: readonly string[] | undefined }) =>
      i.attachedPolicies?.includes(policyArn) === true;
    for (const u of account.users) if (attached(u)) holders.push(identityArn(account, 'user', u));
    for (const g of account.groups) if (attached(g)) holders.push(identityArn(account, 'group', g));
    for (const r of account.roles) if (attached(r)) holders.push(identityArn(account, 'role', r));
    return holders;
  }
}

interface Grant {
  readonly conditional: boolean;
  readonly statements: readonly StatementRef[];
}

/** Asks "may the model allow this action on this ARN?", caching the pieces per action. */
function asker(model: PermissionModel): (action: string, arn: string) => Grant | undefined {
  const cache = new Map<string, AccessPiece[]>();
  return (action, arn) => {
    let pieces = cache.get(action);
    if (pieces === undefined) {
      pieces = grantedPieces(model, literalClass(action, false));
      cache.set(action, pieces);
    }
    if (pieces.length === 0) return undefined;
    const target = someOf([literalResourceLanguage(arn)]);
    const matching = pieces.filter((p) => regionsOverlap(p.region, target));
    if (matching.length === 0) return undefined;
    return {
      conditional: matching.every((p) => p.atoms.length > 0),
      statements: dedupe(matching.flatMap((p) => p.statements)),
    };
  };
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

/** Whether an unconditional, exact Deny of the model covers the action on the ARN. */
function certainlyDenied(model: PermissionModel, action: string, arn: string): boolean {
  const cls = literalClass(action, false);
  const target = someOf([literalResourceLanguage(arn)]);
  return model.denies.some(
    (d: ModelStatement) =>
      d.exact && d.atoms.length === 0 && cls.covers(d) && regionIncludes(d.resources, target),
  );
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
  const covered = new Set<number>();
  for (const cls of actionClasses(model, [], catalogue)) {
    if (cls.members.length === 0) continue;
    if (grantedPieces(model, cls).some((p) => regionIncludes(p.region, ALL))) {
      for (const m of cls.members) covered.add(m.id);
    }
  }
  return covered.size === catalogue.actions.length;
}
