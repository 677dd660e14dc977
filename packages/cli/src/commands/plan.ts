import path from 'node:path';
import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import type { ContextFactory } from '../cli/commandSupport.js';
import { examples } from '../cli/commandSupport.js';
import { EXIT_CODES, type ExitCode } from '../cli/exitCodes.js';
import { formatPlanText } from '../output/planText.js';
import { planRepository } from './repositoryInput.js';

/** `gatehouse plan [dir]`: the difference between the files and the live account. */
export function registerPlan(
  program: Command,
  context: ContextFactory,
  setExit: (code: ExitCode) => void,
): void {
  program
    .command('plan')
    .summary('show what apply would change')
    .description(
      'Compare the repository with the live account through the gateway: every entity to create, update or delete, the gateway mutations apply would run in order, and for each permission change the least-privilege verdict and the exact new access it grants (computed locally with @gatehouse/policy; the gateway decides again at apply). The plan records a fingerprint of the live state: a saved plan is refused by apply once the account has changed.',
    )
    .argument('[dir]', 'the repository directory', '.')
    .option('--out <file>', 'also save the plan (JSON) for `gatehouse apply --plan-file`')
    .option('--detailed-exitcode', 'exit 1 when there are changes, 0 when there are none')
    .addHelpText(
      'after',
      examples(
        ['gatehouse plan iam/', 'the readable, colored plan'],
        ['gatehouse plan iam/ --out plan.json', 'save it, to apply exactly this later'],
        ['gatehouse plan iam/ -o json', 'the plan as JSON on stdout'],
        ['gatehouse plan iam/ --detailed-exitcode', 'in CI: 0 no changes, 1 changes (drift)'],
      ),
    )
    .action(
      async (
        dir: string,
        options: { out?: string; detailedExitcode?: boolean },
        command: Command,
      ) => {
        const ctx = context(command);
        const { plan } = await planRepository(ctx, dir);
        if (options.out !== undefined) {
          await writeFile(
            path.resolve(ctx.io.cwd, options.out),
            `${JSON.stringify(plan, null, 2)}\n`,
            'utf8',
          );
        }
        if (ctx.json) ctx.terminal.json(plan);
        else {
          for (const line of formatPlanText(plan, ctx.terminal.colors)) ctx.terminal.out(line);
          if (options.out !== undefined)
            ctx.terminal.out(
              `\nSaved the plan to ${options.out}: apply it with \`gatehouse apply --plan-file ${options.out}\`.`,
            );
        }
        if (plan.errors.length > 0) setExit(EXIT_CODES.FINDINGS_OR_CHANGES);
        else
          setExit(
            options.detailedExitcode === true && plan.summary.hasChanges
              ? EXIT_CODES.FINDINGS_OR_CHANGES
              : EXIT_CODES.OK,
          );
      },
    );
}
