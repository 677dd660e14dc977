import type { AccountChange } from '@gatehouse/policy';
import {
  riskRank,
  summariseAnalysis,
  type AnalysisSummary,
  type ExistingRequest,
  type WorkflowDirectory,
} from '@gatehouse/workflow';

/** The verdict of the analysis run again at apply time. */
export type Reanalysis =
  | { readonly ok: true; readonly analysis: AnalysisSummary }
  | {
      readonly ok: false;
      readonly code: 'LEAST_PRIVILEGE_BLOCK' | 'RISK_INCREASED';
      readonly reason: string;
      readonly analysis: AnalysisSummary;
    };

/**
 * Runs the least-privilege analysis again on the account as it is now (it may
 * have changed since the review): a block, or a risk higher than the one the
 * reviewers saw, stops the apply (the request fails with the reason; a new
 * request gets a review of what it now means).
 */
export function reanalyse(
  directory: WorkflowDirectory,
  state: ExistingRequest,
  keep: number,
): Reanalysis {
  const { request } = state;
  const analysis = directory.analyse(request.changes as unknown as readonly AccountChange[], {
    breakGlass: request.breakGlass,
  });
  const summary = summariseAnalysis(analysis, keep);
  if (analysis.verdict === 'BLOCK') {
    const finding = analysis.findings.find((f) => f.risk === 'CRITICAL') ?? analysis.findings[0];
    return {
      ok: false,
      code: 'LEAST_PRIVILEGE_BLOCK',
      reason: `the least-privilege analysis at apply time blocks the change: ${finding?.message ?? 'blocked'}`,
      analysis: summary,
    };
  }
  if (riskRank(summary.risk) > riskRank(request.analysis.risk)) {
    return {
      ok: false,
      code: 'RISK_INCREASED',
      reason: `the account changed since the review: the change's risk rose from ${request.analysis.risk} to ${summary.risk}`,
      analysis: summary,
    };
  }
  return { ok: true, analysis: summary };
}
