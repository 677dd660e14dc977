import {
  analyzeChange,
  applyChanges,
  createAnalysisContext,
  GATEHOUSE_CATALOGUE,
  type AccountSnapshot,
} from '@gatehouse/policy';
import type { OperationAnalysis, PlannedOperation } from './planModel.js';

/** New-access entries kept per operation in a plan (the rest is counted as truncated). */
const MAX_ENTRIES = 50;

/**
 * The least-privilege analysis of each permission-changing operation, as the gateway will run
 * it: every operation against the account as the operations before it leave it (the gateway
 * analyses one mutation at a time). The gateway's own verdict at apply time is the one that
 * counts; this one is computed locally, and knows the account's admin principals only from
 * `gatehouse.yaml`. The analysis context is rolled forward from one operation to the next (as the
 * gateway does), so a long plan costs about what each change touches.
 */
export function analyzePlan(
  operations: readonly PlannedOperation[],
  account: AccountSnapshot,
  onProgress?: (done: number, total: number) => void,
): PlannedOperation[] {
  let context = createAnalysisContext(account, { catalogue: GATEHOUSE_CATALOGUE });
  const total = operations.filter((o) => o.accountChanges.length > 0).length;
  let done = 0;
  return operations.map((operation) => {
    if (operation.accountChanges.length === 0) return operation;
    done += 1;
    onProgress?.(done, total);
    const result = analyzeChange({
      account: context.account,
      change: [...operation.accountChanges],
      catalogue: GATEHOUSE_CATALOGUE,
      maxEntries: MAX_ENTRIES,
      context,
    });
    const next = applyChanges(context.account, operation.accountChanges);
    if (next.ok) {
      context = createAnalysisContext(next.account, {
        catalogue: GATEHOUSE_CATALOGUE,
        previous: context,
      });
    }
    const analysis: OperationAnalysis = {
      verdict: result.verdict,
      risk: result.risk,
      findings: result.findings.map((f) => ({
        code: f.code,
        risk: f.risk,
        message: f.message,
        ...(f.principal === undefined ? {} : { principal: f.principal }),
      })),
      newAccess: result.newAccess.map((entry) => ({
        ...(entry.principal === undefined ? {} : { principal: entry.principal }),
        action: entry.action,
        resource: entry.resource,
        conditional: entry.conditional,
      })),
      truncated: result.truncated,
    };
    return { ...operation, analysis };
  });
}
