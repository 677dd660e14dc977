import type { Catalogue } from '../catalogue/catalogue.js';
import { GATEHOUSE_CATALOGUE } from '../catalogue/gatehouseServices.js';
import type { AccountSnapshot } from './account/accountSnapshot.js';
import { AccountIndex } from './account/effectivePermissions.js';
import { EscalationAnalysis, type EscalationGraph } from './escalation/escalationGraph.js';

/**
 * The analysis of one account snapshot, kept to analyse changes to it: every principal's
 * effective permissions and their compiled form, the escalation graph and who reaches whom.
 * `analyzeChange({ account, change, context })` then computes only what the change affects.
 * Immutable; build one per account version (`createAnalysisContext`) and share it. Like the
 * compile cache, it relies on the snapshot and its documents not being mutated afterwards.
 */
export interface AnalysisContext {
  /** The snapshot analysed; `analyzeChange` uses the context only for this very object. */
  readonly account: AccountSnapshot;
  /** The catalogue it was analysed with; `analyzeChange` must be given the same one. */
  readonly catalogue: Catalogue;
  /** The account's escalation graph (as `buildEscalationGraph` gives it). */
  graph(): EscalationGraph;
}

/** Options of `createAnalysisContext`. */
export interface AnalysisContextOptions {
  /** Wildcards expand against it, and "admin" means all of its actions (default: Gatehouse's). */
  readonly catalogue?: Catalogue | undefined;
  /**
   * The context of an earlier version of the same account (same catalogue): principals whose
   * permissions did not change keep their part of the graph, so rolling a context forward after
   * a change costs about what the change touches. Same result as without it.
   */
  readonly previous?: AnalysisContext | undefined;
}

const analyses = new WeakMap<AnalysisContext, EscalationAnalysis>();

/**
 * Analyses an account snapshot once, for `analyzeChange` to reuse (see `AnalysisContext`).
 * Pure; costs about one `buildEscalationGraph`, or less with `previous`.
 */
export function createAnalysisContext(
  account: AccountSnapshot,
  options: AnalysisContextOptions = {},
): AnalysisContext {
  const catalogue = options.catalogue ?? GATEHOUSE_CATALOGUE;
  const previous = options.previous === undefined ? undefined : analyses.get(options.previous);
  // Answered now what every analysis asks of the before-state, so that the first change is fast.
  const analysis = new EscalationAnalysis(new AccountIndex(account), catalogue, {
    previous,
  }).prepare();
  let graph: EscalationGraph | undefined;
  const context: AnalysisContext = Object.freeze({
    account,
    catalogue,
    graph: () => (graph ??= analysis.graph()),
  });
  analyses.set(context, analysis);
  return context;
}

/** The analysis behind a context, if it was made for this snapshot and catalogue. */
export function analysisOf(
  context: AnalysisContext | undefined,
  account: AccountSnapshot,
  catalogue: Catalogue,
): EscalationAnalysis | undefined {
  if (context?.account !== account || context.catalogue !== catalogue) return undefined;
  return analyses.get(context);
}
