import type { ChangeAnalysis } from '@gatehouse/policy';
import type { AnalysisSummary } from '../request/events.js';

/** Plain JSON of a value that is JSON already. */
function json<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** The analysis as kept in an event: verdict, risk, findings and the first `keep` entries of new access. */
export function summariseAnalysis(analysis: ChangeAnalysis, keep: number): AnalysisSummary {
  return {
    verdict: analysis.verdict,
    risk: analysis.risk,
    findings: analysis.findings.map((f) => ({
      code: f.code,
      category: f.category,
      risk: f.risk,
      message: f.message,
      ...(f.principal === undefined ? {} : { principal: f.principal }),
    })),
    newAccess: json(analysis.newAccess.slice(0, keep)),
    newAccessCount: analysis.newAccess.length,
    truncated: analysis.truncated || analysis.newAccess.length > keep,
  };
}
