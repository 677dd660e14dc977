import { CliError } from '../cli/cliError.js';
import { gatewayErrorOf, type GatewayClient } from '../gateway/graphqlClient.js';
import { MUTATIONS, mutationDocument } from '../plan/mutations.js';
import type { PlanFile } from '../plan/planFile.js';
import type { PlannedOperation } from '../plan/planModel.js';

/** What happened to one operation. */
export type OperationStatus =
  | 'APPLIED'
  | 'PENDING_APPROVAL'
  /** An operation it depends on is pending approval or failed. */
  | 'SKIPPED'
  | 'FAILED'
  /** Not reached: an earlier operation failed. */
  | 'NOT_RUN';

/** The outcome of one operation. */
export interface OperationOutcome {
  readonly id: string;
  readonly address: string;
  readonly description: string;
  readonly status: OperationStatus;
  /** For PENDING_APPROVAL: the change request to review. */
  readonly changeRequestId?: string | undefined;
  /** The gateway's verdict, for permission changes. */
  readonly verdict?: string | undefined;
  readonly risk?: string | undefined;
  /** Why it was skipped or failed. */
  readonly reason?: string | undefined;
  readonly error?:
    { readonly code: string; readonly message: string; readonly details?: unknown } | undefined;
}

/** The outcome of an apply. */
export interface ApplyResult {
  readonly outcomes: readonly OperationOutcome[];
  readonly applied: number;
  readonly pending: number;
  readonly skipped: number;
  readonly failed: number;
  readonly notRun: number;
  /** The change requests created (PENDING_APPROVAL). */
  readonly changeRequestIds: readonly string[];
}

/** Called before and after each operation (for progress lines). */
export interface ApplyProgress {
  start?(operation: PlannedOperation, index: number, total: number): void;
  done?(outcome: OperationOutcome, index: number, total: number): void;
}

interface ChangePayload {
  readonly status: 'APPLIED' | 'PENDING_APPROVAL';
  readonly changeRequestId: string | null;
  readonly analysis: { readonly verdict: string; readonly risk: string } | null;
}

/**
 * Runs a plan's operations in order. An operation whose dependency did not apply (pending
 * approval, skipped, failed) is skipped; the first failure stops the run (the rest are
 * NOT_RUN), since later operations were planned assuming it. Gateway error codes an operation
 * tolerates (`NOT_FOUND` when deleting a password that is not there) count as applied.
 */
export async function applyPlan(
  client: GatewayClient,
  plan: PlanFile,
  progress: ApplyProgress = {},
): Promise<ApplyResult> {
  const outcomes: OperationOutcome[] = [];
  const status = new Map<string, OperationStatus>();
  const total = plan.operations.length;
  let stopped = false;
  for (const [index, operation] of plan.operations.entries()) {
    const base = {
      id: operation.id,
      address: operation.address,
      description: operation.description,
    };
    if (stopped) {
      outcomes.push({ ...base, status: 'NOT_RUN' });
      continue;
    }
    const blocker = operation.dependsOn.find((id) => status.get(id) !== 'APPLIED');
    if (blocker !== undefined) {
      const why = status.get(blocker) ?? 'NOT_RUN';
      const outcome: OperationOutcome = {
        ...base,
        status: 'SKIPPED',
        reason: `waits for \`${blocker}\` (${why === 'PENDING_APPROVAL' ? 'pending approval' : why.toLowerCase().replace('_', ' ')})`,
      };
      outcomes.push(outcome);
      status.set(operation.id, 'SKIPPED');
      progress.done?.(outcome, index, total);
      continue;
    }
    progress.start?.(operation, index, total);
    const outcome = await runOperation(client, operation, base);
    outcomes.push(outcome);
    status.set(operation.id, outcome.status);
    progress.done?.(outcome, index, total);
    if (outcome.status === 'FAILED') stopped = true;
  }
  const count = (s: OperationStatus) => outcomes.filter((o) => o.status === s).length;
  return {
    outcomes,
    applied: count('APPLIED'),
    pending: count('PENDING_APPROVAL'),
    skipped: count('SKIPPED'),
    failed: count('FAILED'),
    notRun: count('NOT_RUN'),
    changeRequestIds: outcomes.flatMap((o) =>
      o.changeRequestId === undefined ? [] : [o.changeRequestId],
    ),
  };
}

async function runOperation(
  client: GatewayClient,
  operation: PlannedOperation,
  base: Pick<OperationOutcome, 'id' | 'address' | 'description'>,
): Promise<OperationOutcome> {
  const spec = MUTATIONS[operation.mutation];
  try {
    const data = await client.request<Record<string, unknown>>(
      mutationDocument(operation.mutation, operation.variables),
      operation.variables,
    );
    if (spec.payload !== 'change') return { ...base, status: 'APPLIED' };
    const payload = data[operation.mutation] as ChangePayload;
    return {
      ...base,
      status: payload.status,
      ...(payload.changeRequestId === null ? {} : { changeRequestId: payload.changeRequestId }),
      ...(payload.analysis === null
        ? {}
        : { verdict: payload.analysis.verdict, risk: payload.analysis.risk }),
    };
  } catch (error) {
    const gateway = gatewayErrorOf(error);
    if (gateway !== undefined && operation.tolerate?.includes(gateway.gatewayCode) === true) {
      return { ...base, status: 'APPLIED', reason: `already done (${gateway.gatewayCode})` };
    }
    if (error instanceof CliError && (error.code === 'AUTHENTICATION' || error.code === 'NETWORK'))
      throw error;
    const message = error instanceof Error ? error.message : String(error);
    const blocked = gateway?.reason === 'LEAST_PRIVILEGE_BLOCK';
    return {
      ...base,
      status: 'FAILED',
      reason: blocked ? 'blocked by the least-privilege check' : message,
      error: {
        code: gateway?.gatewayCode ?? (error instanceof CliError ? error.code : 'ERROR'),
        message,
        ...(gateway?.gatewayDetails === undefined ? {} : { details: gateway.gatewayDetails }),
      },
    };
  }
}
