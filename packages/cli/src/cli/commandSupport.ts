import type { Command } from 'commander';
import { CliError } from './cliError.js';
import { CliContext, type CliIo, type GlobalOptions } from './context.js';

/** Creates the context of a command from its (and its parents') options. */
export type ContextFactory = (command: Command, allowSarif?: boolean) => CliContext;

/** The factory bound to an I/O. */
export function contextFactory(io: CliIo): ContextFactory {
  return (command, allowSarif = false) => {
    const options = command.optsWithGlobals<{
      profile?: string;
      endpoint?: string;
      output?: string;
      color?: boolean;
      quiet?: boolean;
    }>();
    const output = options.output ?? 'text';
    if (output === 'sarif' && !allowSarif) {
      throw new CliError('USAGE', '`--output sarif` is only for `gatehouse validate`');
    }
    const globals: GlobalOptions = {
      profile: options.profile,
      endpoint: options.endpoint,
      output: output === 'json' ? 'json' : 'text',
      color: options.color,
      quiet: options.quiet ?? false,
    };
    return new CliContext(io, globals);
  };
}

/** `Examples:` help text from pairs of command line and explanation. */
export function examples(...lines: readonly (readonly [string, string])[]): string {
  const width = Math.max(...lines.map(([command]) => command.length));
  return `\nExamples:\n${lines.map(([command, what]) => `  $ ${command.padEnd(width)}  ${what}`).join('\n')}\n`;
}

/** A commander option parser for durations such as `30s`, `10m`, `2h` (milliseconds). */
export function parseDuration(value: string): number {
  const match = /^(\d+)(ms|s|m|h)?$/.exec(value.trim());
  if (match === null)
    throw new CliError('USAGE', `\`${value}\` is not a duration (\`30s\`, \`10m\`, \`2h\`)`);
  const amount = Number(match[1]);
  const unit = match[2] ?? 's';
  return amount * (unit === 'ms' ? 1 : unit === 's' ? 1000 : unit === 'm' ? 60_000 : 3_600_000);
}
