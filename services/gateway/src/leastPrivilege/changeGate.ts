import type { Principal } from '@gatehouse/iam';
import {
  analyzeChange,
  createAnalysisContext,
  GATEHOUSE_CATALOGUE,
  type AccountSnapshot,
  type AnalysisContext,
  type Catalogue,
  type ChangeAnalysis,
} from '@gatehouse/policy';
import type { RequestFacts } from '../context/requestFacts.js';
import { GatewayError } from '../errors/gatewayError.js';
import { accountChangesOf, type PermissionChangingCommand } from './accountChanges.js';
import type { ChangeRequestSink } from './changeRequests.js';

/** What the gate decided for a permission-changing command. */
export type GateDecision =
  /** Run the command now. `approvalBypassed`: the root user applied a change that needed approval. */
  | {
      readonly kind: 'apply';
      readonly analysis: ChangeAnalysis;
      readonly approvalBypassed: boolean;
    }
  /** Not applied: submitted for approval as `changeRequestId`. */
  | {
      readonly kind: 'pending';
      readonly analysis: ChangeAnalysis;
      readonly changeRequestId: string;
    };

/** Options of {@link ChangeGate}. */
export interface ChangeGateOptions {
  /** The account now (memoised per view version). */
  readonly snapshot: () => AccountSnapshot;
  /** A managed policy version's document (for SetDefaultPolicyVersion). */
  readonly policyVersionDocument: (policyArn: string, versionId: string) => string | undefined;
  readonly changeRequests: ChangeRequestSink;
  readonly catalogue?: Catalogue;
}

/** The analysis of a command that grants nothing: nothing to review. */
const NO_CHANGE: ChangeAnalysis = {
  verdict: 'AUTO_APPLY',
  risk: 'LOW',
  findings: [],
  newAccess: [],
  escalationPaths: [],
  affectedPrincipals: [],
  truncated: false,
};

/**
 * Least privilege before every permission-changing mutation: the command becomes
 * `AccountChange`s, `@gatehouse/policy`'s `analyzeChange` compares every
 * principal's access before and after, and its verdict decides:
 *
 * - `AUTO_APPLY` (nothing new is granted): apply.
 * - `REQUIRE_APPROVAL`: submit a change request (event `ChangeRequestSubmitted`)
 *   and apply nothing. The root user, the account's final authority, applies it
 *   directly, with a warning (README, "Least privilege").
 * - `BLOCK`: refuse with the findings (`FORBIDDEN`). A block whose findings are
 *   all `invalid-change` (a malformed document, a missing entity) is left to the
 *   domain, whose validation reports the same problem precisely (NOT_FOUND,
 *   BAD_USER_INPUT with line and column) and treats repeats as IAM does.
 */
export class ChangeGate {
  readonly #options: ChangeGateOptions;
  readonly #catalogue: Catalogue;
  #context: { account: AccountSnapshot; context: AnalysisContext } | undefined;

  constructor(options: ChangeGateOptions) {
    this.#options = options;
    this.#catalogue = options.catalogue ?? GATEHOUSE_CATALOGUE;
  }

  /** Analyses a command without deciding anything (a dry run for clients). */
  analyse(command: PermissionChangingCommand): ChangeAnalysis {
    const account = this.#options.snapshot();
    const changes = accountChangesOf(command, account, this.#options.policyVersionDocument);
    if (changes.length === 0) return NO_CHANGE;
    return analyzeChange({
      account,
      change: changes,
      catalogue: this.#catalogue,
      context: this.#contextFor(account),
    });
  }

  /**
   * @throws GatewayError `FORBIDDEN` (`details.reason` `LEAST_PRIVILEGE_BLOCK`, `details.analysis`)
   */
  async review(
    command: PermissionChangingCommand,
    requester: Principal,
    request: RequestFacts,
  ): Promise<GateDecision> {
    const account = this.#options.snapshot();
    const changes = accountChangesOf(command, account, this.#options.policyVersionDocument);
    if (changes.length === 0)
      return { kind: 'apply', analysis: NO_CHANGE, approvalBypassed: false };
    const analysis = analyzeChange({
      account,
      change: changes,
      catalogue: this.#catalogue,
      context: this.#contextFor(account),
    });
    switch (analysis.verdict) {
      case 'AUTO_APPLY':
        return { kind: 'apply', analysis, approvalBypassed: false };
      case 'BLOCK':
        if (analysis.findings.every((f) => f.category === 'invalid-change')) {
          return { kind: 'apply', analysis, approvalBypassed: false };
        }
        throw new GatewayError(
          'FORBIDDEN',
          `the change is blocked by least-privilege analysis: ${
            analysis.findings.find((f) => f.risk === 'CRITICAL')?.message ??
            analysis.findings[0]?.message ??
            'blocked'
          }`,
          { details: { reason: 'LEAST_PRIVILEGE_BLOCK', analysis: summaryOf(analysis) } },
        );
      case 'REQUIRE_APPROVAL': {
        if (requester.principalType === 'Root')
          return { kind: 'apply', analysis, approvalBypassed: true };
        const changeRequestId = await this.#options.changeRequests.submit({
          command,
          changes,
          analysis,
          requester,
          request,
        });
        return { kind: 'pending', analysis, changeRequestId };
      }
    }
  }

  #contextFor(account: AccountSnapshot): AnalysisContext {
    if (this.#context?.account !== account) {
      // Rolled forward from the previous version: only what changed is recomputed.
      const context = createAnalysisContext(account, {
        catalogue: this.#catalogue,
        previous: this.#context?.context,
      });
      this.#context = { account, context };
    }
    return this.#context.context;
  }
}

/** The analysis without its bulky parts, for error details. */
export function summaryOf(analysis: ChangeAnalysis): Record<string, unknown> {
  return {
    verdict: analysis.verdict,
    risk: analysis.risk,
    findings: analysis.findings.map((f) => ({
      code: f.code,
      category: f.category,
      risk: f.risk,
      message: f.message,
      ...(f.principal === undefined ? {} : { principal: f.principal }),
      ...(f.actions === undefined ? {} : { actions: f.actions }),
    })),
    affectedPrincipals: analysis.affectedPrincipals,
    truncated: analysis.truncated,
  };
}
