import type { Catalogue } from '../catalogue/catalogue.js';
import { GATEHOUSE_CATALOGUE } from '../catalogue/gatehouseServices.js';
import type { PolicyKind } from '../document/policyKind.js';
import { globOf, matchGlob } from '../patterns/glob.js';
import { validatePolicy } from '../validate/validatePolicy.js';
import { checkNoNewAccess, newAccessOf } from './accessChecks.js';
import { toEntries, type AccessEntry, type ClassAccess } from './accessEntry.js';
import { applyChanges, type AccountChange } from './account/accountChange.js';
import type { AccountSnapshot } from './account/accountSnapshot.js';
import { AccountIndex, groupPermissionSet } from './account/effectivePermissions.js';
import { analysisOf, type AnalysisContext } from './analysisContext.js';
import {
  EscalationAnalysis,
  type EscalationEdge,
  type EscalationPath,
} from './escalation/escalationGraph.js';
import { permissionModel, samePermissionSet, type PermissionSet } from './permissionModel.js';
import {
  ANALYSIS_FINDINGS,
  analysisFinding,
  codeForAction,
  maxRisk,
  type AnalysisFinding,
  type AnalysisFindingCode,
  type RiskLevel,
  type Verdict,
} from './risk/riskFindings.js';

/** What `analyzeChange` needs. */
export interface ChangeInput {
  /** The account as it is. */
  readonly account: AccountSnapshot;
  /** The change, or several applied in order as one. */
  readonly change: AccountChange | readonly AccountChange[];
  /** Wildcards expand against it, and "admin" means all of its actions (default: Gatehouse's). */
  readonly catalogue?: Catalogue | undefined;
  /** A break-glass change: admin-equivalent access for non-admins needs approval, not a block. */
  readonly breakGlass?: boolean | undefined;
  /** Bound on `newAccess` entries (default 1000). */
  readonly maxEntries?: number | undefined;
  /**
   * The analysis of `account` made beforehand (`createAnalysisContext(account, { catalogue })`):
   * the before-state is then not recomputed. Used only when made for this very `account` object
   * and catalogue (otherwise ignored). The result is the same with or without it.
   */
  readonly context?: AnalysisContext | undefined;
}

/** The verdict on a change and everything behind it. Plain JSON, stored in events. */
export interface ChangeAnalysis {
  readonly verdict: Verdict;
  /** The highest risk of the findings; `LOW` when there are none. */
  readonly risk: RiskLevel;
  readonly findings: readonly AnalysisFinding[];
  /** Access the change grants that principals did not certainly have, with `principal` set. */
  readonly newAccess: readonly AccessEntry[];
  /** Escalation paths the change opens. */
  readonly escalationPaths: readonly EscalationPath[];
  /** The principals whose permissions or reach the change affects. */
  readonly affectedPrincipals: readonly string[];
  readonly truncated: boolean;
}

const MAX_PATH_CHECKS = 50;

/**
 * Least privilege before a change: applies the change to the account snapshot, compares every
 * affected principal's effective permissions before and after (`checkNoNewAccess`), updates
 * the escalation graph and reports the paths it opens, classifies the new access into risk
 * categories, and gives one verdict: `AUTO_APPLY` when nothing new is granted, `BLOCK` when a
 * guardrail of the account is violated (or the change is invalid), `REQUIRE_APPROVAL` with the
 * risk level otherwise. Pure and synchronous; never throws for policy content.
 *
 * The after-graph is the before-graph with only what the change touches recomputed (the edges
 * of principals whose permissions change, and edges into identities or policies the change
 * alters); pass `context` to reuse the before-state too. Either way the result is the one a
 * full recomputation gives.
 */
export function analyzeChange(input: ChangeInput): ChangeAnalysis {
  return analyse(input, false);
}

/**
 * `analyzeChange` computed the plain way, for tests to compare with (not exported from the
 * package): both graphs built from scratch, every admin and reach question answered by a
 * breadth-first search, every principal checked, `context` ignored.
 */
export function analyzeChangeInFull(input: ChangeInput): ChangeAnalysis {
  return analyse(input, true);
}

function analyse(input: ChangeInput, full: boolean): ChangeAnalysis {
  const catalogue = input.catalogue ?? GATEHOUSE_CATALOGUE;
  const changes: readonly AccountChange[] = isChangeList(input.change)
    ? input.change
    : [input.change];
  const findings: AnalysisFinding[] = [];
  for (const { document, kind, where } of documentsOf(changes)) {
    const errors = validatePolicy(document, { kind, catalogue }).filter(
      (f) => f.severity === 'ERROR',
    );
    if (errors.length > 0) {
      findings.push(
        analysisFinding(
          'INVALID_POLICY_DOCUMENT',
          `${where} is not a valid policy: ${errors.map((e) => `${e.code} at \`${e.path}\``).join(', ')}`,
        ),
      );
    }
  }
  const applied = applyChanges(input.account, changes);
  if (!applied.ok) {
    findings.push(analysisFinding('CHANGE_NOT_APPLICABLE', applied.message));
    return conclude(findings, [], [], [], false);
  }
  const graphBefore =
    (full ? undefined : analysisOf(input.context, input.account, catalogue)) ??
    new EscalationAnalysis(new AccountIndex(input.account), catalogue);
  const after = new AccountIndex(applied.account);
  // The after-graph reuses the before-graph for every principal whose permissions are the same.
  const graphAfter = new EscalationAnalysis(after, catalogue, {
    previous: full ? undefined : graphBefore,
  });

  // 1. Effective permissions of every principal, before and after.
  const raw: { principal: string; results: ClassAccess[] }[] = [];
  const affected = new Set<string>();
  const permissionsAfter = new Map<string, PermissionSet>();
  for (const actor of graphAfter.actors) {
    const principal = actor.principal;
    permissionsAfter.set(principal.arn, principal.permissions);
    const old = graphBefore.actorOf(principal.kind, principal.name);
    const previous = old?.principal.permissions ?? { identityPolicies: [] };
    if (samePermissionSet(previous, principal.permissions)) continue;
    const results = newAccessOf(old?.model ?? permissionModel(previous), actor.model, catalogue);
    if (results.length === 0) continue;
    affected.add(principal.arn);
    raw.push({ principal: principal.arn, results });
  }

  // 2. The escalation graph, before and after.
  const trustBefore = new Map<string, string | object>();
  for (const r of input.account.roles)
    if (!trustBefore.has(r.name)) trustBefore.set(r.name, r.trustPolicy);
  const trustChanged = new Set<string>();
  for (const role of applied.account.roles) {
    // (A role new to the account has no trust policy before: it changed too.)
    if (trustBefore.get(role.name) === role.trustPolicy) continue;
    const arn = after.arnOf({ kind: 'role', name: role.name });
    if (arn !== undefined) trustChanged.add(arn);
  }
  const extraEntries: AccessEntry[] = [];
  if (trustChanged.size > 0) {
    const assumable = (edge: EscalationEdge) =>
      edge.kind === 'AssumeRole' && trustChanged.has(edge.to);
    const beforeEdges = new Set(
      (full ? graphBefore.edges : graphBefore.roleEdges()).filter(assumable).map(edgeKey),
    );
    for (const edge of full ? graphAfter.edges : graphAfter.roleEdges()) {
      if (!assumable(edge) || beforeEdges.has(edgeKey(edge))) continue;
      affected.add(edge.from);
      extraEntries.push({
        principal: edge.from,
        action: 'sts:AssumeRole',
        resource: edge.to,
        conditional: edge.conditional,
        statements: edge.statements,
      });
      findings.push(
        analysisFinding(
          'CREDENTIALS_EXPOSURE_ACCESS',
          `\`${edge.from}\` may now assume \`${edge.to}\``,
          {
            principal: edge.from,
            actions: ['sts:AssumeRole'],
            statements: edge.statements,
          },
        ),
      );
    }
  }

  const paths: EscalationPath[] = [];
  const admins = input.account.rules?.adminPrincipals ?? [];
  let checks = 0;
  for (const actor of graphAfter.actors) {
    const arn = actor.principal.arn;
    const known = graphBefore.nodes.has(arn);
    // Reach sets answer "admin-equivalent?" for every node; a witness path is searched for
    // only where it is reported.
    const equivalent = (graph: EscalationAnalysis) =>
      full ? graph.adminPath(arn) !== undefined : graph.isAdminEquivalent(arn);
    const adminAfter = equivalent(graphAfter);
    if (adminAfter && !(known && equivalent(graphBefore))) {
      const path = graphAfter.adminPath(arn);
      if (path === undefined) continue;
      affected.add(arn);
      if (path.steps.length > 0) paths.push(path);
      const allowed = admins.some((pattern) => matchGlob(globOf(pattern, true), arn));
      const code: AnalysisFindingCode =
        allowed || input.breakGlass === true
          ? 'ADMIN_EQUIVALENT_GRANTED'
          : 'ADMIN_EQUIVALENT_FOR_NON_ADMIN';
      findings.push(
        analysisFinding(
          code,
          code === 'ADMIN_EQUIVALENT_GRANTED'
            ? `\`${arn}\` becomes admin-equivalent${allowed ? '' : ' (break-glass)'}`
            : `\`${arn}\` becomes admin-equivalent but is not one of the account's admin principals`,
          { principal: arn, path },
        ),
      );
      continue;
    }
    if (adminAfter || (!full && checks >= MAX_PATH_CHECKS)) continue;
    const reachBefore = full && known ? graphBefore.reach(arn) : undefined;
    const reachedBefore = (target: string) =>
      known && (reachBefore?.has(target) ?? graphBefore.reaches(arn, target));
    // Only a principal that reaches something new needs its search (for the paths' order).
    if (!full && graphAfter.reachable(arn).every((t) => t === arn || reachedBefore(t))) continue;
    const reachAfter = graphAfter.reach(arn);
    for (const target of reachAfter.keys()) {
      if (target === arn || reachedBefore(target) || checks >= MAX_PATH_CHECKS) continue;
      const targetPermissions = permissionsAfter.get(target) ?? groupPermissions(after, target);
      const own = permissionsAfter.get(arn);
      if (targetPermissions === undefined || own === undefined) continue;
      checks++;
      // "No new access": no raw result, which is what makes `checkNoNewAccess` PASS.
      const more = full
        ? checkNoNewAccess(own, targetPermissions, { catalogue, maxEntries: 1 }).result === 'FAIL'
        : newAccessOf(permissionModel(own), permissionModel(targetPermissions), catalogue).length >
          0;
      if (!more) continue;
      const path: EscalationPath = {
        from: arn,
        to: target,
        reason: 'more-access',
        steps: EscalationAnalysis.stepsTo(reachAfter, target),
      };
      affected.add(arn);
      paths.push(path);
      findings.push(
        analysisFinding(
          'PRIVILEGE_ESCALATION_PATH',
          `\`${arn}\` can now obtain the permissions of \`${target}\` (${path.steps.map((s) => s.kind).join(' -> ')})`,
          { principal: arn, path, statements: path.steps.flatMap((s) => s.statements) },
        ),
      );
    }
  }

  // 3. Findings for the new access, by category.
  const newAccess: AccessEntry[] = [...extraEntries];
  for (const { principal, results } of raw) {
    const entries = toEntries(results, catalogue);
    findings.push(...accessFindings(principal, results, entries));
    for (const entry of entries) newAccess.push({ principal, ...entry });
  }
  const max = input.maxEntries ?? 1000;
  const truncated = newAccess.length > max;
  return conclude(
    findings,
    truncated ? newAccess.slice(0, max) : newAccess,
    paths,
    [...affected].sort(),
    truncated,
  );
}

function conclude(
  findings: readonly AnalysisFinding[],
  newAccess: readonly AccessEntry[],
  escalationPaths: readonly EscalationPath[],
  affectedPrincipals: readonly string[],
  truncated: boolean,
): ChangeAnalysis {
  let risk: RiskLevel = 'LOW';
  for (const f of findings) risk = maxRisk(risk, f.risk);
  const blocked = findings.some((f) => ANALYSIS_FINDINGS[f.code].blocks);
  const verdict: Verdict = blocked
    ? 'BLOCK'
    : findings.length === 0 && newAccess.length === 0 && escalationPaths.length === 0
      ? 'AUTO_APPLY'
      : 'REQUIRE_APPROVAL';
  return { verdict, risk, findings, newAccess, escalationPaths, affectedPrincipals, truncated };
}

/** One finding per principal and code, naming the actions (catalogue names or patterns). */
function accessFindings(
  principal: string,
  results: readonly ClassAccess[],
  entries: readonly AccessEntry[],
): AnalysisFinding[] {
  const byCode = new Map<
    AnalysisFindingCode,
    { actions: Set<string>; statements: Map<string, AccessEntry['statements'][number]> }
  >();
  const add = (code: AnalysisFindingCode, action: string, result: ClassAccess) => {
    let group = byCode.get(code);
    if (group === undefined) {
      group = { actions: new Set(), statements: new Map() };
      byCode.set(code, group);
    }
    group.actions.add(action);
    for (const s of result.piece.statements)
      group.statements.set(`${s.policy}\u0000${s.statement}`, s);
  };
  for (const result of results) {
    const { cls } = result;
    if (cls.members.length > 0) {
      for (const m of cls.members) add(codeForAction(m), m.name, result);
    } else {
      add('UNLISTED_ACTION_ACCESS', cls.label, result);
    }
  }
  // Granted through a wildcard over a whole service (`iam:*`) or everything (`*`).
  for (const entry of entries) {
    if (entry.action === '*' || entry.action.endsWith(':*')) {
      let group = byCode.get('SERVICE_WILDCARD_ACCESS');
      if (group === undefined) {
        group = { actions: new Set(), statements: new Map() };
        byCode.set('SERVICE_WILDCARD_ACCESS', group);
      }
      group.actions.add(entry.action);
      for (const s of entry.statements) group.statements.set(`${s.policy}\u0000${s.statement}`, s);
    }
  }
  const order = Object.keys(ANALYSIS_FINDINGS);
  return [...byCode.entries()]
    .sort(([a], [b]) => order.indexOf(a) - order.indexOf(b))
    .map(([code, group]) => {
      const actions = [...group.actions].sort();
      const shown = actions
        .slice(0, 5)
        .map((a) => `\`${a}\``)
        .join(', ');
      const more = actions.length > 5 ? ` and ${actions.length - 5} more` : '';
      return analysisFinding(code, `\`${principal}\` gains ${describe(code)}: ${shown}${more}`, {
        principal,
        actions,
        statements: [...group.statements.values()],
      });
    });
}

function describe(code: AnalysisFindingCode): string {
  switch (code) {
    case 'PERMISSIONS_MANAGEMENT_ACCESS':
      return 'permissions-management access';
    case 'CREDENTIALS_EXPOSURE_ACCESS':
      return 'access that creates or exposes credentials';
    case 'RESOURCE_EXPOSURE_ACCESS':
      return 'access that changes who may use resources';
    case 'DATA_EXFILTRATION_ACCESS':
      return 'access that reads sensitive data';
    case 'SERVICE_WILDCARD_ACCESS':
      return 'access through a service-wide wildcard';
    case 'UNLISTED_ACTION_ACCESS':
      return 'actions outside the catalogue';
    case 'WRITE_ACCESS':
      return 'write access';
    case 'READ_ACCESS':
      return 'read access';
    case 'ADMIN_EQUIVALENT_FOR_NON_ADMIN':
    case 'ADMIN_EQUIVALENT_GRANTED':
    case 'PRIVILEGE_ESCALATION_PATH':
    case 'INVALID_POLICY_DOCUMENT':
    case 'CHANGE_NOT_APPLICABLE':
      return code.toLowerCase().replaceAll('_', ' ');
  }
}

function edgeKey(edge: {
  readonly from: string;
  readonly to: string;
  readonly kind: string;
}): string {
  return `${edge.from}\u0000${edge.to}\u0000${edge.kind}`;
}

function groupPermissions(index: AccountIndex, arn: string): PermissionSet | undefined {
  const group = index.account.groups.find(
    (g) => index.arnOf({ kind: 'group', name: g.name }) === arn,
  );
  return group === undefined ? undefined : groupPermissionSet(index, group);
}

function isChangeList(change: ChangeInput['change']): change is readonly AccountChange[] {
  return Array.isArray(change);
}

/** The policy documents a change introduces, with the kind to validate them as. */
function documentsOf(
  changes: readonly AccountChange[],
): { document: string | object; kind: PolicyKind; where: string }[] {
  const out: { document: string | object; kind: PolicyKind; where: string }[] = [];
  for (const change of changes) {
    switch (change.kind) {
      case 'PutInlinePolicy':
        out.push({
          document: change.document,
          kind: 'identity',
          where: `inline policy \`${change.policyName}\``,
        });
        break;
      case 'SetPolicyDocument':
      case 'CreatePolicy':
        out.push({
          document: change.document,
          kind: 'identity',
          where: `managed policy \`${change.policyArn}\``,
        });
        break;
      case 'UpdateTrustPolicy':
        out.push({
          document: change.document,
          kind: 'trust',
          where: `the trust policy of \`${change.roleName}\``,
        });
        break;
      case 'CreateRole':
        out.push({
          document: change.role.trustPolicy,
          kind: 'trust',
          where: `the trust policy of \`${change.role.name}\``,
        });
        for (const p of change.role.inlinePolicies ?? [])
          out.push({
            document: p.document,
            kind: 'identity',
            where: `inline policy \`${p.name}\``,
          });
        break;
      case 'CreateUser':
        for (const p of change.user.inlinePolicies ?? [])
          out.push({
            document: p.document,
            kind: 'identity',
            where: `inline policy \`${p.name}\``,
          });
        break;
      case 'CreateGroup':
        for (const p of change.group.inlinePolicies ?? [])
          out.push({
            document: p.document,
            kind: 'identity',
            where: `inline policy \`${p.name}\``,
          });
        break;
      case 'DeleteInlinePolicy':
      case 'AttachPolicy':
      case 'DetachPolicy':
      case 'AddUserToGroup':
      case 'RemoveUserFromGroup':
      case 'PutPermissionsBoundary':
      case 'DeletePermissionsBoundary':
        break;
    }
  }
  return out;
}
