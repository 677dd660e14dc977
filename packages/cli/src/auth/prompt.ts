import { CliError } from '../cli/cliError.js';
import type { OutputStream } from '../output/terminal.js';

/** Standard input as the prompt needs it (process.stdin, or a test stream). */
export interface InputStream extends NodeJS.ReadableStream {
  readonly isTTY?: boolean | undefined;
  setRawMode?(mode: boolean): unknown;
}

/** Longest line read from standard input (a secret, a password or an MFA code). */
const MAX_LINE_LENGTH = 16 * 1024;

/** Reads one line of a non-terminal input (a pipe: `echo $SECRET | gatehouse login ...`). */
async function readLine(input: InputStream): Promise<string> {
  let buffer = '';
  for await (const chunk of input) {
    buffer += typeof chunk === 'string' ? chunk : chunk.toString('utf8');
    if (buffer.length > MAX_LINE_LENGTH) {
      throw new CliError('USAGE', `the input line is longer than ${MAX_LINE_LENGTH} characters`);
    }
    const newline = buffer.indexOf('\n');
    if (newline >= 0) return buffer.slice(0, newline).replace(/\r$/, '');
  }
  return buffer.replace(/\r$/, '');
}

/** Reads a line from a terminal without echoing it (raw mode; Enter ends, Ctrl-C aborts, Backspace erases). */
async function readHidden(input: InputStream): Promise<string> {
  const setRaw = input.setRawMode?.bind(input);
  if (setRaw === undefined) return readLine(input);
  setRaw(true);
  input.resume();
  try {
    return await new Promise<string>((resolve, reject) => {
      let value = '';
      const onData = (chunk: Buffer | string): void => {
        for (const char of typeof chunk === 'string' ? chunk : chunk.toString('utf8')) {
          if (char === '\r' || char === '\n' || char === '\u0004') {
            input.off('data', onData);
            resolve(value);
            return;
          }
          if (char === '\u0003') {
            input.off('data', onData);
            reject(new CliError('USAGE', 'cancelled'));
            return;
          }
          if (char === '\u007f' || char === '\b') value = value.slice(0, -1);
          else value += char;
          if (value.length > MAX_LINE_LENGTH) {
            input.off('data', onData);
            reject(new CliError('USAGE', `the input is longer than ${MAX_LINE_LENGTH} characters`));
            return;
          }
        }
      };
      input.on('data', onData);
    });
  } finally {
    setRaw(false);
    input.pause();
  }
}

/**
 * Asks for a secret: on a terminal, a prompt on stderr and hidden typing; otherwise the first
 * line of standard input (so scripts can pipe it; a secret never goes on the command line).
 */
export async function promptSecret(
  question: string,
  input: InputStream,
  prompt: OutputStream,
): Promise<string> {
  if (input.isTTY === true) {
    prompt.write(question);
    const value = await readHidden(input);
    prompt.write('\n');
    return value;
  }
  return readLine(input);
}

/** Asks for a visible answer (an MFA code): a prompt on a terminal, else the next line of input. */
export async function promptLine(
  question: string,
  input: InputStream,
  prompt: OutputStream,
): Promise<string> {
  if (input.isTTY === true) prompt.write(question);
  return readLine(input);
}
