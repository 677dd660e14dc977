import { CliError } from '../cli/cliError.js';
import type { CliContext } from '../cli/context.js';
import { formatFindingsText } from '../output/findingsText.js';
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
