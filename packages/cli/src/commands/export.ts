import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { Option, type Command } from 'commander';
import { CliError } from '../cli/cliError.js';
import type { ContextFactory } from '../cli/commandSupport.js';
import { examples } from '../cli/commandSupport.js';
import { EXIT_CODES, type ExitCode } from '../cli/exitCodes.js';
import { getCallerIdentity, readLiveState } from '../gateway/readLiveState.js';
import { loadRepository } from '../repository/loadRepository.js';
import { writeRepository } from '../repository/writeRepository.js';

const CONFIG_FILES = ['gatehouse.yaml', 'gatehouse.yml', 'gatehouse.json'];

/** `gatehouse export [dir]`: the live account written as a repository. */
export function registerExport(
  program: Command,
  context: ContextFactory,
  setExit: (code: ExitCode) => void,
): void {
  program
    .command('export')
    .summary('write the live account as a repository')
    .description(
      'Write the live account as a policy repository: one file per policy, group, user and role. Approval rules are not exported (the approvals API returns the parsed rules, not the file): keep `approval-rules.yaml` in the repository; plan compares it with the published version by digest. `gatehouse plan` on the result shows no changes. In a directory that already has a gatehouse.yaml, that file is kept and its `ignore` patterns are honoured; the entity directories are rewritten.',
    )
    .argument('[dir]', 'the directory to write', '.')
    .addOption(
      new Option('--format <format>', 'file format').choices(['yaml', 'json']).default('yaml'),
    )
    .option('--force', 'write into a directory that is not empty')
    .addHelpText(
      'after',
      examples(
        ['gatehouse export iam/', 'start a repository from the live account'],
        ['gatehouse export iam/ --force', 'refresh an existing repository'],
        ['gatehouse export iam/ --format json', 'JSON files instead of YAML'],
      ),
    )
    .action(
      async (
        dir: string,
        options: { format: 'yaml' | 'json'; force?: boolean },
        command: Command,
      ) => {
        const ctx = context(command);
        const target = path.resolve(ctx.io.cwd, dir);
        const entries = await readdir(target).catch(() => [] as string[]);
        const visible = entries.filter((e) => !e.startsWith('.'));
        if (visible.length > 0 && options.force !== true) {
          throw new CliError(
            'USAGE',
            `\`${dir}\` is not empty: refusing to write into it without --force`,
          );
        }
        const hasConfig = CONFIG_FILES.some((name) => entries.includes(name));
        const config = hasConfig
          ? (await loadRepository(target, { cwd: ctx.io.cwd })).model.config
          : undefined;
        const connection = await ctx.connect(config?.profile);
        const identity = await getCallerIdentity(connection.client);
        if (config?.account !== undefined && config.account !== identity.account) {
          throw new CliError(
            'CONFIG',
            `\`${dir}\` describes account \`${config.account}\` but the credentials are for \`${identity.account}\``,
          );
        }
        const state = await readLiveState(connection.client, identity.account, {
          onProgress: (what, done, total) =>
            ctx.terminal.status(`reading ${what} ${done}/${total}`),
        });
        ctx.terminal.clearStatus();
        const files = await writeRepository(state, target, {
          format: options.format,
          ignore: config?.ignore ?? [],
          writeConfig: !hasConfig,
        });
        if (ctx.json) {
          ctx.terminal.json({ directory: dir, accountId: identity.account, files });
        } else {
          const count = (prefix: string) => files.filter((f) => f.startsWith(prefix)).length;
          ctx.terminal.out(
            `Exported account ${identity.account} to ${dir}: ${count('policies/') + count('boundaries/')} policies, ${count('groups/')} groups, ${count('users/')} users, ${count('roles/')} roles.`,
          );
        }
        setExit(EXIT_CODES.OK);
      },
    );
}
