import type { Command } from 'commander';
import type { ContextFactory } from '../cli/commandSupport.js';
import { examples } from '../cli/commandSupport.js';
import { EXIT_CODES, type ExitCode } from '../cli/exitCodes.js';
import { describeCredentials } from '../gateway/credentials.js';
import { getCallerIdentity } from '../gateway/readLiveState.js';

/** `gatehouse whoami`: STS GetCallerIdentity. */
export function registerWhoami(
  program: Command,
  context: ContextFactory,
  setExit: (code: ExitCode) => void,
): void {
  program
    .command('whoami')
    .summary('show who the credentials belong to')
    .description(
      'Ask the gateway who the current credentials belong to (STS GetCallerIdentity). Secrets are never shown.',
    )
    .addHelpText(
      'after',
      examples(
        ['gatehouse whoami', 'the default profile'],
        ['gatehouse whoami --profile prod -o json', 'as JSON'],
      ),
    )
    .action(async (_options: unknown, command: Command) => {
      const ctx = context(command);
      const connection = await ctx.connect();
      const identity = await getCallerIdentity(connection.client);
      if (ctx.json) {
        ctx.terminal.json({
          ...identity,
          profile: connection.profile,
          endpoint: connection.endpoint,
        });
      } else {
        const c = ctx.terminal.colors;
        ctx.terminal.out(c.bold(identity.arn));
        ctx.terminal.out(`  account     ${identity.account}`);
        ctx.terminal.out(`  type        ${identity.principalType}`);
        ctx.terminal.out(`  user id     ${identity.userId}`);
        ctx.terminal.out(`  MFA         ${identity.mfaAuthenticated ? 'yes' : 'no'}`);
        if (identity.sessionExpiration !== null)
          ctx.terminal.out(`  expires     ${identity.sessionExpiration}`);
        ctx.terminal.out(
          `  profile     ${connection.profile} (${connection.endpoint}, ${describeCredentials(connection.credentials)})`,
        );
        if (identity.principalType === 'Root') {
          ctx.terminal.err(
            `${ctx.terminal.errColors.yellow('warning:')} these are root credentials: use an IAM user or role for everyday work`,
          );
        }
      }
      setExit(EXIT_CODES.OK);
    });
}
