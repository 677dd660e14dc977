import type { IamService, Principal } from '@gatehouse/iam';
import {
  analyzeChange,
  GATEHOUSE_CATALOGUE,
  type AccountChange,
  type AccountRules,
  type Catalogue,
  type ChangeAnalysis,
} from '@gatehouse/policy';
import { AccountSnapshots } from '../analysis/accountSnapshot.js';
import { resolveChange, type ResolvedChange } from '../analysis/resolveChange.js';
import type { RequestedChange } from '../request/change.js';
import type { AuthorizationContext, WorkflowDirectory } from './directory.js';

/** Options of {@link IamWorkflowDirectory}. */
export interface IamWorkflowDirectoryOptions {
  /** The account's rules for the analysis (`adminPrincipals`). */
  readonly accountRules?: AccountRules;
  readonly catalogue?: Catalogue;
  /** The tag naming a resource's owners (comma-separated user ARNs); default `gatehouse:owner`. */
  readonly ownerTag?: string;
}

/**
 * The workflow's view of the account through an `IamService`: its in-memory
 * view (groups, ARNs, tags), its evaluator (`authorize`), and the
 * least-privilege analysis over a snapshot of the same view.
 */
export class IamWorkflowDirectory implements WorkflowDirectory {
  readonly #iam: IamService;
  readonly #snapshots: AccountSnapshots;
  readonly #catalogue: Catalogue;
  readonly #ownerTag: string;

  constructor(iam: IamService, options: IamWorkflowDirectoryOptions = {}) {
    this.#iam = iam;
    this.#snapshots = new AccountSnapshots(iam.view, options.accountRules ?? {});
    this.#catalogue = options.catalogue ?? GATEHOUSE_CATALOGUE;
    this.#ownerTag = options.ownerTag ?? 'gatehouse:owner';
  }

  accountId(): string {
    return this.#iam.view.account().accountId;
  }

  groupsOf(personArn: string): readonly string[] {
    const view = this.#iam.view;
    for (const user of view.users()) {
      if (user.status === 'active' && user.arn === personArn) {
        return user.groupIds.flatMap((id) => {
          const group = view.group(id);
          return group?.status === 'active' ? [group.groupName] : [];
        });
      }
    }
    return [];
  }

  isAllowed(
    principal: Principal,
    action: string,
    resource: string,
    context: AuthorizationContext,
  ): boolean {
    return this.#iam.authorize({ principal, action, resource, context }).decision === 'Allowed';
  }

  resolveChange(change: RequestedChange, provided?: readonly AccountChange[]): ResolvedChange {
    return resolveChange(this.#iam.view, change, provided);
  }

  analyse(
    changes: readonly AccountChange[],
    options: { readonly breakGlass: boolean },
  ): ChangeAnalysis {
    return analyzeChange({
      account: this.#snapshots.current(),
      change: changes,
      catalogue: this.#catalogue,
      breakGlass: options.breakGlass,
    });
  }

  taggedOwnersOf(resourceArn: string): readonly string[] {
    const view = this.#iam.view;
    const tags =
      [...view.users()].find((u) => u.status === 'active' && u.arn === resourceArn)?.tags ??
      [...view.roles()].find((r) => r.status === 'active' && r.arn === resourceArn)?.tags ??
      [...view.policies()].find((p) => p.status === 'active' && p.arn === resourceArn)?.tags ??
      [];
    const value = tags.find((tag) => tag.key === this.#ownerTag)?.value;
    if (value === undefined) return [];
    return value
      .split(/[\s,]+/)
      .filter((part) => part.startsWith('arn:'))
      .slice(0, 20);
  }
}
