import { matchesAny, matchesPattern } from '../shared/patterns.js';
import type { ApprovalRule, ApprovalRuleSet, RiskLevel } from './types.js';

/** What a rule is matched against. */
export interface RequestFacts {
  /** The action of the change (`iam:AddUserToGroup`, `sts:AssumeRole`, ...). */
  readonly action: string;
  /** The ARN of the resource the change targets. */
  readonly resource: string;
  /** The risk level of the least-privilege analysis. */
  readonly risk: RiskLevel;
  /** Group names of the requester. */
  readonly requesterGroups: readonly string[];
}

/** True when a rule's `match` holds for the request. */
export function ruleMatches(rule: ApprovalRule, facts: RequestFacts): boolean {
  const { match } = rule;
  if (match.actions !== undefined && !matchesAny(match.actions, facts.action, true)) return false;
  if (match.resources !== undefined && !matchesAny(match.resources, facts.resource)) return false;
  if (match.risk !== undefined && !match.risk.includes(facts.risk)) return false;
  if (
    match.requesterGroups !== undefined &&
    !match.requesterGroups.some((group) => facts.requesterGroups.includes(group))
  ) {
    return false;
  }
  return true;
}

/** The first rule (in file order) matching the request, if any. */
export function selectRule(
  ruleSet: ApprovalRuleSet,
  facts: RequestFacts,
): ApprovalRule | undefined {
  return ruleSet.rules.find((rule) => ruleMatches(rule, facts));
}

/** The owners (principal ARNs) the rules file names for a resource. */
export function ownersOf(ruleSet: ApprovalRuleSet, resource: string): string[] {
  const owners = new Set<string>();
  for (const entry of ruleSet.owners) {
    if (entry.resources.some((pattern) => matchesPattern(pattern, resource))) {
      for (const principal of entry.principals) owners.add(principal);
    }
  }
  return [...owners].sort();
}
