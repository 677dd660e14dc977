import pc from 'picocolors';

/** Where the CLI writes: a stream with an optional TTY flag (process.stdout/stderr, or a test buffer). */
export interface OutputStream {
  write(text: string): unknown;
  readonly isTTY?: boolean | undefined;
  readonly columns?: number | undefined;
}

/** The color functions the CLI uses (picocolors', or identity ones when color is off). */
export type Colors = Pick<
  ReturnType<typeof pc.createColors>,
  'bold' | 'dim' | 'red' | 'green' | 'yellow' | 'cyan' | 'magenta' | 'gray'
>;

/** How output is shaped: `text` for people, `json` for programs (`sarif` only for `validate`). */
export type OutputFormat = 'text' | 'json' | 'sarif';

/** Options of {@link Terminal}. */
export interface TerminalOptions {
  readonly stdout: OutputStream;
  readonly stderr: OutputStream;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** `--color` (true), `--no-color` (false), or unset (decide from the environment). */
  readonly color?: boolean | undefined;
  /** `--quiet`: no progress on stderr. */
  readonly quiet?: boolean | undefined;
}

/**
 * Whether to color a stream: `--no-color`/`--color` win; then `NO_COLOR` (any non-empty value,
 * https://no-color.org) turns color off; then `FORCE_COLOR` (non-empty, not `0`) turns it on;
 * otherwise color only on a terminal that is not `TERM=dumb`.
 */
export function colorEnabled(
  stream: OutputStream,
  env: Readonly<Record<string, string | undefined>>,
  flag?: boolean,
): boolean {
  if (flag !== undefined) return flag;
  if ((env.NO_COLOR ?? '') !== '') return false;
  const force = env.FORCE_COLOR ?? '';
  if (force !== '' && force !== '0') return true;
  return stream.isTTY === true && env.TERM !== 'dumb';
}

/**
 * The CLI's only way to the terminal (`no-console` is on): results go to stdout, diagnostics
 * and progress to stderr, so `--output json` stays parseable.
 */
export class Terminal {
  readonly stdout: OutputStream;
  readonly stderr: OutputStream;
  /** Colors for stdout. */
  readonly colors: Colors;
  /** Colors for stderr. */
  readonly errColors: Colors;
  readonly quiet: boolean;
  private statusShown = false;

  constructor(options: TerminalOptions) {
    this.stdout = options.stdout;
    this.stderr = options.stderr;
    this.colors = pc.createColors(colorEnabled(options.stdout, options.env, options.color));
    this.errColors = pc.createColors(colorEnabled(options.stderr, options.env, options.color));
    this.quiet = options.quiet ?? false;
  }

  /** A line on stdout. */
  out(line = ''): void {
    this.clearStatus();
    this.stdout.write(`${line}\n`);
  }

  /** A JSON document on stdout (two-space indented, one trailing newline). */
  json(value: unknown): void {
    this.out(JSON.stringify(value, null, 2));
  }

  /** A diagnostic line on stderr (always shown). */
  err(line = ''): void {
    this.clearStatus();
    this.stderr.write(`${line}\n`);
  }

  /** A progress line on stderr (hidden with `--quiet`). */
  progress(line: string): void {
    if (this.quiet) return;
    this.err(line);
  }

  /**
   * A transient status on stderr, rewritten in place on a terminal (reading the live state...);
   * nothing when stderr is not a terminal or with `--quiet`.
   */
  status(text: string): void {
    if (this.quiet || this.stderr.isTTY !== true) return;
    const width = Math.max(20, (this.stderr.columns ?? 80) - 1);
    this.stderr.write(`\r\u001b[2K${text.slice(0, width)}`);
    this.statusShown = true;
  }

  /** Removes the transient status line, if any. */
  clearStatus(): void {
    if (!this.statusShown) return;
    this.stderr.write('\r\u001b[2K');
    this.statusShown = false;
  }
}
