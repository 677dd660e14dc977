import { Command, CommanderError, Option } from 'commander';
import { registerApply } from '../commands/apply.js';
import { registerExport } from '../commands/export.js';
import { registerLogin } from '../commands/login.js';
import { registerPlan } from '../commands/plan.js';
import { registerRequests } from '../commands/requests.js';
import { registerSimulate } from '../commands/simulate.js';
import { registerValidate } from '../commands/validate.js';
import { registerWhoami } from '../commands/whoami.js';
import { Terminal } from '../output/terminal.js';
import { CLI_VERSION } from '../version.js';
import { CliError, exitCodeOf } from './cliError.js';
import { contextFactory } from './commandSupport.js';
import type { CliIo } from './context.js';
import { EXIT_CODES, type ExitCode } from './exitCodes.js';

const EXIT_CODE_HELP = `
Exit codes:
  0  success (plan --detailed-exitcode: no changes)
  1  validate: findings at or above --fail-on; plan: changes (with --detailed-exitcode) or a plan
     that cannot be applied; plan/apply: the repository has errors
  2  usage: bad arguments, missing confirmation, deletions without --allow-delete, wrong account
  3  apply: the live state changed since the plan was computed (plan again)
  4  authentication: no credentials, or the gateway refused them (expired, wrong)
  5  any other error of the gateway or of the way to it (refused, blocked, not available, unreachable)

Environment:
  GATEHOUSE_PROFILE, GATEHOUSE_ENDPOINT, GATEHOUSE_CONFIG_FILE, GATEHOUSE_SHARED_CREDENTIALS_FILE,
  GATEHOUSE_ACCESS_KEY_ID + GATEHOUSE_SECRET_ACCESS_KEY (+ GATEHOUSE_SESSION_TOKEN), NO_COLOR, FORCE_COLOR
`;

/** The `gatehouse` program, writing through `io` and reporting its exit code through `setExit`. */
export function buildProgram(io: CliIo, setExit: (code: ExitCode) => void): Command {
  const program = new Command('gatehouse');
  const context = contextFactory(io);
  program
    .description(
      'Policy as code for Gatehouse: validate, plan and apply a repository of access definitions.',
    )
    .version(CLI_VERSION, '-V, --version')
    .option('--profile <name>', 'the profile to use (default: GATEHOUSE_PROFILE, else `default`)')
    .option('--endpoint <url>', 'the gateway (overrides the profile), e.g. http://127.0.0.1:4000')
    .addOption(
      new Option('-o, --output <format>', 'output format')
        .choices(['text', 'json', 'sarif'])
        .default('text'),
    )
    .option('--color', 'force colors')
    .option('--no-color', 'no colors (also NO_COLOR=1)')
    .option('-q, --quiet', 'no progress on stderr')
    .showHelpAfterError('(add --help for usage)')
    .addHelpText('after', EXIT_CODE_HELP)
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
    })
    .exitOverride();
  registerValidate(program, context, setExit);
  registerPlan(program, context, setExit);
  registerApply(program, context, setExit);
  registerExport(program, context, setExit);
  registerLogin(program, context, setExit);
  registerWhoami(program, context, setExit);
  registerSimulate(program, context, setExit);
  registerRequests(program, context, setExit);
  for (const command of program.commands) {
    command.exitOverride();
    for (const sub of command.commands) sub.exitOverride();
  }
  return program;
}

function reportError(
  io: CliIo,
  error: CliError,
  options: { readonly output?: string; readonly color?: boolean },
): void {
  const terminal = new Terminal({
    stdout: io.stdout,
    stderr: io.stderr,
    env: io.env,
    color: options.color,
  });
  if (options.output === 'json') {
    terminal.json({
      error: {
        code: error.code,
        message: error.message,
        ...(error.hint === undefined ? {} : { hint: error.hint }),
        ...(error.details === undefined ? {} : { details: error.details }),
      },
    });
  }
  const c = terminal.errColors;
  terminal.err(`${c.red(c.bold('error:'))} ${error.message}`);
  if (error.hint !== undefined) terminal.err(`  ${c.dim('hint:')} ${error.hint}`);
}

/**
 * Runs the CLI with `argv` (without the node and script paths) and returns the exit code
 * (README, "Exit codes"). Never throws: every error is reported on stderr (and as JSON on
 * stdout with `--output json`).
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<ExitCode> {
  let exitCode: ExitCode = EXIT_CODES.OK;
  const program = buildProgram(io, (code) => {
    exitCode = code;
  });
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (
        error.code === 'commander.helpDisplayed' ||
        error.code === 'commander.version' ||
        error.code === 'commander.help'
      ) {
        return EXIT_CODES.OK;
      }
      return EXIT_CODES.USAGE;
    }
    const cliError =
      error instanceof CliError
        ? error
        : new CliError(
            'API',
            `unexpected error: ${error instanceof Error ? error.message : String(error)}`,
            { cause: error },
          );
    // Global options are parsed before any action runs (commander takes them anywhere on the line).
    reportError(io, cliError, program.opts<{ output?: string; color?: boolean }>());
    return exitCodeOf(cliError.code);
  }
}
