import { readFile, stat } from 'node:fs/promises';
import { z } from 'zod';
import { CliError } from '../cli/cliError.js';
import { isMutationName } from './mutations.js';
import type { PlanDiff, PlannedOperation, ResourceChange } from './planModel.js';

/** Plan files larger than this are refused (a plan of a large account is a few MB). */
const MAX_PLAN_FILE_BYTES = 64 * 1024 * 1024;

/** The plan file format's version; a plan of another version is refused. */
export const PLAN_FORMAT_VERSION = 1;

/** Counts of a plan. */
export interface PlanSummary {
  readonly create: number;
  readonly update: number;
  readonly delete: number;
  readonly operations: number;
  /** Operations the local analysis expects to need approval / to be blocked. */
  readonly requireApproval: number;
  readonly blocked: number;
  readonly hasChanges: boolean;
}

/** `gatehouse plan --output json` and `--out <file>`: everything apply needs, and the state it was computed against. */
export interface PlanFile {
  readonly formatVersion: typeof PLAN_FORMAT_VERSION;
  readonly tool: { readonly name: 'gatehouse'; readonly version: string };
  readonly createdAt: string;
  readonly endpoint: string;
  readonly accountId: string;
  /** Who computed it (ARN). */
  readonly caller: string;
  readonly repository: { readonly path: string; readonly digest: string };
  /** The live state the plan was computed against (apply refuses the plan once it differs). */
  readonly liveState: { readonly fingerprint: string; readonly includesApprovalRules: boolean };
  readonly summary: PlanSummary;
  readonly changes: readonly ResourceChange[];
  readonly operations: readonly PlannedOperation[];
  readonly warnings: readonly string[];
  readonly errors: readonly string[];
}

/** Counts the changes and the analysis verdicts of a diff. */
export function summarize(diff: Pick<PlanDiff, 'changes' | 'operations'>): PlanSummary {
  const count = (action: string) => diff.changes.filter((c) => c.action === action).length;
  return {
    create: count('create'),
    update: count('update'),
    delete: count('delete'),
    operations: diff.operations.length,
    requireApproval: diff.operations.filter((o) => o.analysis?.verdict === 'REQUIRE_APPROVAL')
      .length,
    blocked: diff.operations.filter((o) => o.analysis?.verdict === 'BLOCK').length,
    hasChanges: diff.operations.length > 0,
  };
}

const operationSchema = z.object({
  id: z.string(),
  address: z.string(),
  action: z.enum(['create', 'update', 'delete']),
  mutation: z.string().refine(isMutationName, { error: 'not a mutation a plan may run' }),
  variables: z.record(z.string(), z.unknown()),
  description: z.string(),
  phase: z.number(),
  dependsOn: z.array(z.string()),
  accountChanges: z.array(z.unknown()),
  tolerate: z.array(z.string()).optional(),
  analysis: z.unknown().optional(),
});

const planSchema = z.object({
  formatVersion: z.literal(PLAN_FORMAT_VERSION),
  tool: z.object({ name: z.literal('gatehouse'), version: z.string() }),
  createdAt: z.string(),
  endpoint: z.string(),
  accountId: z.string(),
  caller: z.string(),
  repository: z.object({ path: z.string(), digest: z.string() }),
  liveState: z.object({ fingerprint: z.string(), includesApprovalRules: z.boolean() }),
  summary: z.record(z.string(), z.unknown()),
  changes: z.array(z.unknown()),
  operations: z.array(operationSchema),
  warnings: z.array(z.string()),
  errors: z.array(z.string()),
});

/** Reads a plan file, refusing one that is malformed, of another format, or names unknown mutations. */
export async function readPlanFile(file: string): Promise<PlanFile> {
  let text: string;
  try {
    if ((await stat(file)).size > MAX_PLAN_FILE_BYTES) {
      throw new CliError(
        'USAGE',
        `\`${file}\` is larger than ${MAX_PLAN_FILE_BYTES} bytes: not a plan file`,
      );
    }
    text = await readFile(file, 'utf8');
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError('USAGE', `cannot read the plan file \`${file}\``, { cause: error });
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new CliError('USAGE', `\`${file}\` is not a plan file (not JSON)`);
  }
  const result = planSchema.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new CliError(
      'USAGE',
      `\`${file}\` is not a plan file of this version: ${issue === undefined ? 'invalid' : `${issue.path.join('.')}: ${issue.message}`}`,
      { hint: 'run `gatehouse plan --out <file>` again' },
    );
  }
  return value as PlanFile;
}
