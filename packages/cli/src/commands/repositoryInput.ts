import { CliError } from '../cli/cliError.js';
import type { CliContext, Connection } from '../cli/context.js';
import { formatFindingsText } from '../output/findingsText.js';
import { makePlan } from '../plan/makePlan.js';
import type { PlanFile } from '../plan/planFile.js';
import { loadRepository } from '../repository/loadRepository.js';
import type { RepositoryModel } from '../repository/repositoryModel.js';

/**
 * Loads a repository for plan and apply: findings of severity ERROR stop them (shown on stderr,
 * exit 1); lesser findings are counted in a hint to run `gatehouse validate`.
 */
export async function loadValidRepository(ctx: CliContext, dir: string): Promise<RepositoryModel> {
  const loaded = await loadRepository(dir, { cwd: ctx.io.cwd });
  const errors = loaded.findings.filter((f) => f.severity === 'ERROR');
  if (errors.length > 0) {
    for (const line of formatFindingsText(
      errors,
      loaded.files.length,
      'ERROR',
      ctx.terminal.errColors,
    )) {
      ctx.terminal.err(line);
    }
    throw new CliError(
      'FINDINGS',
      `the repository \`${dir}\` has ${errors.length} error${errors.length === 1 ? '' : 's'}`,
      {
        hint: 'fix them (see `gatehouse validate`) before planning',
        details: { findings: errors },
      },
    );
  }
  const others = loaded.findings.length;
  if (others > 0 && !ctx.json) {
    ctx.terminal.progress(
      ctx.terminal.errColors.dim(
        `${others} finding${others === 1 ? '' : 's'} below error level: see \`gatehouse validate ${dir}\``,
      ),
    );
  }
  return loaded.model;
}

/**
 * Plans a repository for plan and apply: loads it (errors stop), connects with its profile and
 * computes the plan against the live account, with progress on stderr.
 */
export async function planRepository(
  ctx: CliContext,
  dir: string,
): Promise<{ readonly plan: PlanFile; readonly connection: Connection }> {
  const model = await loadValidRepository(ctx, dir);
  const connection = await ctx.connect(model.config.profile);
  const plan = await makePlan({
    client: connection.client,
    endpoint: connection.endpoint,
    model,
    repositoryPath: dir,
    onProgress: (text) => ctx.terminal.status(text),
    now: ctx.io.now,
  });
  ctx.terminal.clearStatus();
  return { plan, connection };
}
