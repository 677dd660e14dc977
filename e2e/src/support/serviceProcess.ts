// A service started as its own OS process from its built dist, as users run it:
// its own process group (so a stop reaches anything it started), its output kept
// for failure messages, readiness by its "listening" log line and then /readyz,
// and SIGTERM / SIGKILL / restart for fault tests. Every process started here is
// also killed when the test worker exits, whatever happened to the test.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { track } from './cleanup.js';

/** The repository root, for locating built services. */
export const repoRoot = path.resolve(import.meta.dirname, '../../..');

/** How a {@link ServiceProcess} is started (again, on restart). */
export interface ServiceDefinition {
  /** A short name for messages (`gateway`, `approvals`). */
  readonly name: string;
  /** Path of the entry, relative to the repository root (e.g. services/gateway/dist/main.js). */
  readonly entry: string;
  readonly env: Readonly<Record<string, string>>;
  /** The log message that says the service listens; its `address` field is the base URL. */
  readonly readyMessage: string;
  /** Poll `${baseUrl}/readyz` until 200 after the listening line (default true). */
  readonly readyz?: boolean;
  /** How long start waits for readiness (default 60 s). */
  readonly readyTimeoutMs?: number;
}

const OUTPUT_LIMIT = 2_000_000;

function lastLines(text: string, count: number): string {
  return text.trimEnd().split('\n').slice(-count).join('\n');
}

/** A service process; {@link start} it, then stop, kill or restart it. */
export class ServiceProcess {
  readonly definition: ServiceDefinition;
  #child: ChildProcess | undefined;
  #exited: Promise<void> = Promise.resolve();
  #output = '';
  #baseUrl: string | undefined;
  #starts = 0;
  #untrack: () => void = () => undefined;

  constructor(definition: ServiceDefinition) {
    this.definition = definition;
  }

  /** The URL the service listens on (stable across restarts when the port is fixed). */
  get baseUrl(): string {
    if (this.#baseUrl === undefined) throw new Error(`${this.definition.name} has not started`);
    return this.#baseUrl;
  }

  /** The OS process id of the current run (undefined when not running). */
  get pid(): number | undefined {
    return this.running ? this.#child?.pid : undefined;
  }

  get running(): boolean {
    const child = this.#child;
    return child?.exitCode === null && child.signalCode === null;
  }

  /** How many times the process was started. */
  get starts(): number {
    return this.#starts;
  }

  /** Everything every run wrote (JSON log lines and stderr), runs separated by a marker line. */
  output(): string {
    return this.#output;
  }

  /** The last lines of output, for failure messages. */
  tail(count = 40): string {
    return lastLines(this.#output, count);
  }

  /** Starts the process and waits until it is ready; on failure it is killed and the error names its last log lines. */
  async start(): Promise<this> {
    if (this.running) throw new Error(`${this.definition.name} is already running`);
    const { name, entry, env } = this.definition;
    this.#starts += 1;
    this.#append(`--- ${name} start #${this.#starts} ---\n`);
    const child = spawn(process.execPath, [path.join(repoRoot, entry)], {
      cwd: repoRoot,
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
      // Its own process group: a stop reaches anything it spawns, and Ctrl-C on the
      // test run does not reach it before the teardown does.
      detached: true,
    });
    this.#child = child;
    const untrack =
      child.pid === undefined
        ? () => undefined
        : track({ kind: 'group', pgid: child.pid, marker: entry });
    this.#untrack = untrack;
    this.#exited = once(child, 'exit').then(untrack);
    const onData = (chunk: Buffer): void => this.#append(chunk.toString('utf8'));
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    try {
      this.#baseUrl = await this.#waitForListening(child);
      if (this.definition.readyz !== false) await this.#waitForReadyz(child);
    } catch (error) {
      await this.kill();
      throw error;
    }
    return this;
  }

  /** SIGTERM, then wait for the exit (SIGKILL after `timeoutMs`); resolves the exit code. */
  async stop(timeoutMs = 15_000): Promise<number | null> {
    const child = this.#child;
    if (child === undefined) return null;
    if (this.running) {
      this.#signal('SIGTERM');
      const timer = setTimeout(() => this.#signal('SIGKILL'), timeoutMs);
      await this.#exited;
      clearTimeout(timer);
    }
    return child.exitCode;
  }

  /** kill -9 the whole process group (a crash), and wait until it is gone. */
  async kill(): Promise<void> {
    if (!this.running) return;
    this.#signal('SIGKILL');
    await this.#exited;
  }

  /** Stops (SIGTERM, or SIGKILL with `crash`) and starts again with the same definition. */
  async restart(options: { readonly crash?: boolean } = {}): Promise<this> {
    if (options.crash === true) await this.kill();
    else await this.stop();
    return this.start();
  }

  /** Stops the process if it runs (teardown); SIGKILL when SIGTERM does not end it in time. */
  async dispose(timeoutMs = 10_000): Promise<void> {
    await this.stop(timeoutMs);
    this.#untrack();
  }

  #append(text: string): void {
    this.#output += text;
    if (this.#output.length > OUTPUT_LIMIT) this.#output = this.#output.slice(-OUTPUT_LIMIT / 2);
  }

  #signal(signal: NodeJS.Signals): void {
    const pid = this.#child?.pid;
    if (pid === undefined) return;
    try {
      process.kill(-pid, signal);
    } catch {
      // The group is gone already.
    }
  }

  #failure(reason: string): Error {
    const { name } = this.definition;
    return new Error(`${name} ${reason}; its last output:\n${this.tail()}`);
  }

  #waitForListening(child: ChildProcess): Promise<string> {
    const { readyMessage, readyTimeoutMs = 60_000 } = this.definition;
    return new Promise<string>((resolve, reject) => {
      let scanned = 0;
      let done = false;
      const finish = (outcome: () => void): void => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        child.stdout?.off('data', onData);
        child.stderr?.off('data', onData);
        outcome();
      };
      const timer = setTimeout(() => {
        finish(() =>
          reject(this.#failure(`did not log "${readyMessage}" within ${readyTimeoutMs} ms`)),
        );
      }, readyTimeoutMs);
      const onData = (): void => {
        // Only complete lines, from where the last scan stopped.
        const end = this.#output.lastIndexOf('\n');
        if (end < scanned) return;
        const lines = this.#output.slice(scanned, end).split('\n');
        scanned = end + 1;
        for (const line of lines) {
          if (!line.includes(readyMessage)) continue;
          try {
            const { address } = JSON.parse(line) as { address?: unknown };
            if (typeof address === 'string') {
              finish(() => resolve(address));
              return;
            }
          } catch {
            // Not a JSON log line: keep looking.
          }
        }
      };
      child.stdout?.on('data', onData);
      child.stderr?.on('data', onData);
      child.once('exit', (code, signal) => {
        finish(() =>
          reject(this.#failure(`exited before it was ready (code ${code}, signal ${signal})`)),
        );
      });
    });
  }

  async #waitForReadyz(child: ChildProcess): Promise<void> {
    const { readyTimeoutMs = 60_000 } = this.definition;
    const deadline = Date.now() + readyTimeoutMs;
    let last = 'no answer';
    while (Date.now() < deadline) {
      if (child.exitCode !== null || child.signalCode !== null) {
        throw this.#failure(`exited before /readyz answered (code ${child.exitCode})`);
      }
      try {
        const response = await fetch(`${this.#baseUrl}/readyz`, {
          signal: AbortSignal.timeout(5_000),
        });
        if (response.ok) return;
        last = `${response.status} ${await response.text()}`;
      } catch (error) {
        last = String(error);
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw this.#failure(`was not ready within ${readyTimeoutMs} ms (/readyz: ${last})`);
  }
}

/** Starts a service process and waits until it is ready. */
export async function startService(definition: ServiceDefinition): Promise<ServiceProcess> {
  return new ServiceProcess(definition).start();
}
