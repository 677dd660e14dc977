import path from 'node:path';
import type { Command } from 'commander';
import { applyPlan, type ApplyResult, type OperationOutcome } from '../apply/applyPlan.js';
import { promptLine } from '../auth/prompt.js';
import { CliError, exitCodeOf } from '../cli/cliError.js';
import type { ContextFactory } from '../cli/commandSupport.js';
import { examples, parseDuration } from '../cli/commandSupport.js';
import type { CliContext, Connection } from '../cli/context.js';
import { EXIT_CODES, type ExitCode } from '../cli/exitCodes.js';
import { getChangeRequest, IN_EFFECT_STATUSES, isSettled } from '../gateway/changeRequests.js';
import { readState } from '../plan/makePlan.js';
import { readPlanFile, type PlanFile } from '../plan/planFile.js';
import { formatPlanText } from '../output/planText.js';
import { staleness } from '../plan/staleness.js';
import { getCallerIdentity } from '../gateway/readLiveState.js';
import { planRepository } from './repositoryInput.js';

interface ApplyOptions {
  planFile?: string;
  yes?: boolean;
  allowDelete?: boolean;
  wait?: boolean;
  waitTimeout: number;
  pollInterval: number;
}

/** Refuses a plan computed against a live state that has changed since (exit 3). */
async function assertFresh(ctx: CliContext, connection: Connection, plan: PlanFile): Promise<void> {
  const identity = await getCallerIdentity(connection.client);
  const live = await readState(
    connection.client,
    plan.accountId,
    plan.liveState.includesApprovalRules,
    (text) => ctx.terminal.status(`checking the live state: ${text}`),
  );
  ctx.terminal.clearStatus();
  const refusal = staleness(plan, identity.account, live);
  if (refusal !== undefined) throw refusal;
}

function outcomeLine(
  ctx: CliContext,
  outcome: OperationOutcome,
  index: number,
  total: number,
): string {
  const c = ctx.terminal.errColors;
  const counter = `[${String(index + 1).padStart(String(total).length)}/${total}]`;
  const head = `${c.dim(counter)} ${outcome.address}: ${outcome.description}`;
  switch (outcome.status) {
    case 'APPLIED':
      return `${head} ${c.green('applied')}${outcome.reason === undefined ? '' : c.dim(` (${outcome.reason})`)}`;
    case 'PENDING_APPROVAL':
      return `${head} ${c.yellow(`pending approval: change request ${outcome.changeRequestId ?? '?'}`)}${outcome.risk === undefined ? '' : c.dim(` (risk ${outcome.risk})`)}`;
    case 'SKIPPED':
      return `${head} ${c.yellow('skipped')} ${c.dim(outcome.reason ?? '')}`;
    case 'FAILED':
      return `${head} ${c.red(`failed: ${outcome.reason ?? ''}`)}`;
    case 'NOT_RUN':
      return `${head} ${c.dim('not run')}`;
  }
}

async function confirm(ctx: CliContext, plan: PlanFile): Promise<void> {
  if (ctx.io.stdin.isTTY !== true) {
    throw new CliError('USAGE', 'apply needs a confirmation and standard input is not a terminal', {
      hint: 'pass `--yes`, or save a reviewed plan with `gatehouse plan --out plan.json` and apply it with `--plan-file`',
    });
  }
  const answer = await promptLine(
    `\nApply ${plan.summary.operations} operations to account ${plan.accountId}? Only \`yes\` applies: `,
    ctx.io.stdin,
    ctx.io.stderr,
  );
  if (answer.trim() !== 'yes') throw new CliError('USAGE', 'apply cancelled');
}

/**
 * Polls the change requests until each is settled (applied, scheduled or active, or refused,
 * cancelled, timed out, failed): APPROVED is not yet applied, the approvals service applies it.
 */
async function waitForRequests(
  ctx: CliContext,
  connection: Connection,
  ids: readonly string[],
  options: ApplyOptions,
): Promise<Record<string, string>> {
  const deadline = Date.now() + options.waitTimeout;
  const statuses: Record<string, string> = {};
  for (;;) {
    for (const id of ids) {
      const known = statuses[id];
      if (known !== undefined && isSettled(known)) continue;
      statuses[id] = (await getChangeRequest(connection.client, id)).status;
    }
    const open = ids.filter((id) => !isSettled(statuses[id] ?? 'PENDING'));
    ctx.terminal.status(
      `waiting for ${open.length} change request${open.length === 1 ? '' : 's'} to be reviewed and applied`,
    );
    if (open.length === 0) break;
    if (Date.now() >= deadline) {
      ctx.terminal.clearStatus();
      throw new CliError(
        'API',
        `change requests not settled after the wait timeout: ${open.map((id) => `${id} (${statuses[id] ?? 'PENDING'})`).join(', ')}`,
        {
          details: { statuses },
        },
      );
    }
    await new Promise((resolve) => setTimeout(resolve, options.pollInterval));
  }
  ctx.terminal.clearStatus();
  const refused = ids.filter((id) => !IN_EFFECT_STATUSES.has(statuses[id] ?? 'PENDING'));
  if (refused.length > 0) {
    // Reported with the statuses: CI must not take a rejected change for a deployed one.
    throw new CliError(
      'API',
      `change requests not applied: ${refused.map((id) => `${id} (${statuses[id] ?? '?'})`).join(', ')}`,
      { details: { statuses } },
    );
  }
  return statuses;
}

/** `gatehouse apply [dir]`: submits the plan; auto-apply changes land, the rest become change requests. */
export function registerApply(
  program: Command,
  context: ContextFactory,
  setExit: (code: ExitCode) => void,
): void {
  program
    .command('apply')
    .summary('apply the repository to the live account')
    .description(
      "Apply the repository (planned now, shown, and confirmed) or a saved plan (`--plan-file`). Operations run in dependency order with progress on stderr; each permission change passes the gateway's least-privilege check: changes that grant nothing new are applied, the others become change requests (their ids are printed; operations that depend on them are skipped until a later apply). A plan is never applied to a live state other than the one it was computed against: apply re-reads the account first and refuses with exit code 3 when its fingerprint differs. Deletions need `--allow-delete`.",
    )
    .argument('[dir]', 'the repository directory (not with --plan-file)', '.')
    .option(
      '--plan-file <file>',
      'apply this saved plan (from `gatehouse plan --out`) instead of planning',
    )
    .option('-y, --yes', 'do not ask for confirmation')
    .option('--allow-delete', 'allow the plan to delete users, groups, roles and policies')
    .option(
      '--wait',
      'wait until the change requests created are reviewed and applied (needs the approvals API); exit 5 when one is not (rejected, failed, timed out)',
    )
    .option('--wait-timeout <duration>', 'how long --wait waits', parseDuration, 3_600_000)
    .option('--poll-interval <duration>', 'how often --wait asks', parseDuration, 5000)
    .addHelpText(
      'after',
      examples(
        ['gatehouse apply iam/', 'plan, show, ask, apply'],
        [
          'gatehouse plan iam/ --out plan.json && gatehouse apply --plan-file plan.json',
          'apply exactly the reviewed plan',
        ],
        ['gatehouse apply iam/ --yes --allow-delete', 'in CI, deletions included'],
        ['gatehouse apply iam/ --yes --wait', 'and wait for the approvals'],
      ),
    )
    .action(async (dir: string, options: ApplyOptions, command: Command) => {
      const ctx = context(command);
      let plan: PlanFile;
      let connection: Connection;
      if (options.planFile !== undefined) {
        plan = await readPlanFile(path.resolve(ctx.io.cwd, options.planFile));
        connection = await ctx.connect();
      } else {
        ({ plan, connection } = await planRepository(ctx, dir));
        if (!ctx.json)
          for (const line of formatPlanText(plan, ctx.terminal.colors)) ctx.terminal.out(line);
      }
      if (plan.errors.length > 0) {
        throw new CliError(
          'USAGE',
          `the plan has ${plan.errors.length} error(s) and cannot be applied`,
          {
            details: { errors: plan.errors },
          },
        );
      }
      const deletions = [
        ...new Set(plan.operations.filter((o) => o.action === 'delete').map((o) => o.address)),
      ];
      if (deletions.length > 0 && options.allowDelete !== true) {
        throw new CliError(
          'USAGE',
          `the plan deletes ${deletions.join(', ')}: refusing without --allow-delete`,
          {
            details: { deletions },
          },
        );
      }
      if (!plan.summary.hasChanges) {
        if (ctx.json)
          ctx.terminal.json({ applied: 0, pending: 0, skipped: 0, failed: 0, outcomes: [] });
        else ctx.terminal.out('Nothing to apply.');
        setExit(EXIT_CODES.OK);
        return;
      }
      if (options.planFile === undefined && options.yes !== true) await confirm(ctx, plan);
      // The optimistic check: the plan's operations were computed against this fingerprint.
      await assertFresh(ctx, connection, plan);
      const result: ApplyResult = await applyPlan(connection.client, plan, {
        start: (operation, index, total) => {
          ctx.terminal.status(
            `[${index + 1}/${total}] ${operation.address}: ${operation.description}`,
          );
        },
        done: (outcome, index, total) => {
          ctx.terminal.progress(outcomeLine(ctx, outcome, index, total));
        },
      });
      // The result is always reported, also when waiting fails (no approvals API, timeout):
      // the change request ids must not be lost.
      let reviewed: Record<string, string> | undefined;
      let waitError: CliError | undefined;
      if (options.wait === true && result.changeRequestIds.length > 0 && result.failed === 0) {
        try {
          reviewed = await waitForRequests(ctx, connection, result.changeRequestIds, options);
        } catch (error) {
          if (!(error instanceof CliError)) throw error;
          waitError = error;
        }
      }
      if (ctx.json) {
        ctx.terminal.json({
          ...result,
          ...(reviewed === undefined ? {} : { reviewed }),
          ...(waitError === undefined
            ? {}
            : { waitError: { code: waitError.code, message: waitError.message } }),
        });
      } else {
        const c = ctx.terminal.colors;
        ctx.terminal.out(
          `\n${c.bold('Apply:')} ${result.applied} applied, ${result.pending} pending approval, ${result.skipped} skipped, ${result.failed} failed${result.notRun > 0 ? `, ${result.notRun} not run` : ''}.`,
        );
        for (const id of result.changeRequestIds) {
          ctx.terminal.out(
            `  change request ${id}${reviewed?.[id] === undefined ? '' : `: ${reviewed[id]}`}`,
          );
        }
        if (result.skipped > 0)
          ctx.terminal.out('Run `gatehouse apply` again once the change requests are approved.');
        if (waitError !== undefined) {
          ctx.terminal.err(`${ctx.terminal.errColors.red('error:')} ${waitError.message}`);
        }
      }
      if (waitError !== undefined) {
        setExit(exitCodeOf(waitError.code));
        return;
      }
      setExit(result.failed > 0 ? EXIT_CODES.API : EXIT_CODES.OK);
    });
}
