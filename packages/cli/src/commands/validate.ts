import { Option, type Command } from 'commander';
import type { ContextFactory } from '../cli/commandSupport.js';
import { examples } from '../cli/commandSupport.js';
import { EXIT_CODES, type ExitCode } from '../cli/exitCodes.js';
import { meetsThreshold, type FailThreshold } from '../findings/finding.js';
import { countBySeverity, formatFindingsText } from '../output/findingsText.js';
import { toSarif } from '../output/sarif.js';
import { loadRepository } from '../repository/loadRepository.js';
import { CLI_VERSION } from '../version.js';

const THRESHOLDS: Record<string, FailThreshold> = {
  error: 'ERROR',
  'security-warning': 'SECURITY_WARNING',
  warning: 'WARNING',
  suggestion: 'SUGGESTION',
  none: 'NONE',
};

/** `gatehouse validate [dir]`: offline; every finding located as file:line:column. */
export function registerValidate(
  program: Command,
  context: ContextFactory,
  setExit: (code: ExitCode) => void,
): void {
  program
    .command('validate')
    .summary('check a policy repository offline')
    .description(
      'Check a policy repository without contacting the gateway: the repository schema, IAM names and quotas, references between files, and every policy document with @gatehouse/policy. Each finding is reported as file:line:column, also for policies embedded in YAML.',
    )
    .argument('[dir]', 'the repository directory', '.')
    .addOption(
      new Option('--fail-on <severity>', 'exit 1 when a finding is at least this severe')
        .choices(Object.keys(THRESHOLDS))
        .default('error'),
    )
    .addHelpText(
      'after',
      examples(
        ['gatehouse validate', 'check the repository in the current directory'],
        ['gatehouse validate iam/ --fail-on security-warning', 'also fail on security warnings'],
        ['gatehouse validate iam/ -o sarif > gatehouse.sarif', 'SARIF 2.1.0 for code-scanning UIs'],
        ['gatehouse validate -o json | jq .summary', 'counts per severity'],
      ),
    )
    .action(async (dir: string, options: { failOn: string }, command: Command) => {
      const ctx = context(command, true);
      const threshold = THRESHOLDS[options.failOn] ?? 'ERROR';
      const loaded = await loadRepository(dir, { cwd: ctx.io.cwd });
      const failing = loaded.findings.some((f) => meetsThreshold(f.severity, threshold));
      const output = command.optsWithGlobals<{ output?: string }>().output;
      if (output === 'sarif') {
        ctx.terminal.json(toSarif(loaded.findings, { toolVersion: CLI_VERSION }));
      } else if (ctx.json) {
        ctx.terminal.json({
          directory: dir,
          files: loaded.files.length,
          threshold: options.failOn,
          failed: failing,
          summary: countBySeverity(loaded.findings),
          findings: loaded.findings,
        });
      } else {
        for (const line of formatFindingsText(
          loaded.findings,
          loaded.files.length,
          threshold,
          ctx.terminal.colors,
        )) {
          ctx.terminal.out(line);
        }
      }
      setExit(failing ? EXIT_CODES.FINDINGS_OR_CHANGES : EXIT_CODES.OK);
    });
}
