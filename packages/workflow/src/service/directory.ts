import type { Principal } from '@gatehouse/iam';
import type { AccountChange, ChangeAnalysis } from '@gatehouse/policy';
import type { ResolvedChange } from '../analysis/resolveChange.js';
import type { RequestedChange } from '../request/change.js';

/** Request context values for an authorization (condition keys such as `approvals:RiskLevel`). */
export type AuthorizationContext = Readonly<
  Record<string, string | readonly string[] | number | boolean>
>;

/**
 * What the workflow needs to know about the account, provided by its host
 * (the gateway and the approvals service both use {@link IamWorkflowDirectory}
 * over their `IamService`; tests may provide their own).
 */
export interface WorkflowDirectory {
  /** The account's 12-digit id. */
  accountId(): string;
  /** Group names of a person (a user ARN); empty for root and unknown principals. */
  groupsOf(personArn: string): readonly string[];
  /** Decides a request of the principal with the platform's own evaluator. */
  isAllowed(
    principal: Principal,
    action: string,
    resource: string,
    context: AuthorizationContext,
  ): boolean;
  /** Where a change points and its `AccountChange`s. */
  resolveChange(change: RequestedChange, provided?: readonly AccountChange[]): ResolvedChange;
  /** The least-privilege analysis of changes against the account now. */
  analyse(
    changes: readonly AccountChange[],
    options: { readonly breakGlass: boolean },
  ): ChangeAnalysis;
  /** Owners of a resource named by the resource itself (an `owner` tag), as principal ARNs. */
  taggedOwnersOf(resourceArn: string): readonly string[];
}
