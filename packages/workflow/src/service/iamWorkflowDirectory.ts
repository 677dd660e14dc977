import type { IamService, Principal } from '@gatehouse/iam';
import {
  analyzeChange,
  createAnalysisContext,
  GATEHOUSE_CATALOGUE,
  type AccountChange,
  type AccountSnapshot,
  type AnalysisContext,
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
 * least-privilege analysis over a snapshot of the same view (with an analysis
 * context per account version, as the gateway's change gate).
 */
export class IamWorkflowDirectory implements WorkflowDirectory {
  readonly #iam: IamService;
  readonly #snapshots: AccountSnapshots;
  readonly #catalogue: Catalogue;
  readonly #ownerTag: string;
  #analysis: { account: AccountSnapshot; context: AnalysisContext } | undefined;

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
    const account = this.#snapshots.current();
    return analyzeChange({
      account,
      change: changes,
      catalogue: this.#catalogue,
      breakGlass: options.breakGlass,
      context: this.#contextFor(account),
    });
  }

  /**
   * The analysis context of a snapshot (its escalation graph, built once per
   * account version and rolled forward from the previous one), so repeated
   * analyses of one version do not rebuild it. Same results as without.
   */
  #contextFor(account: AccountSnapshot): AnalysisContext {
    if (this.#analysis?.account !== account) {
      const context = createAnalysisContext(account, {
        catalogue: this.#catalogue,
        previous: this.#analysis?.context,
      });
      this.#analysis = { account, context };
    }
    return this.#analysis.context;
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
