import { argon2idHasher } from '../credentials/passwordHasher.js';
import { SecretBox } from '../credentials/secretBox.js';
import type { IamCommand } from '../commandHandling/commands.js';
import { IamService, type IamServiceOptions } from '../commandHandling/iamService.js';
import type { CommandOutcome, CommandType } from '../commandHandling/results.js';
import type { Actor, CommandContext } from '../shared/context.js';
import { isIamError, type IamErrorCode } from '../shared/iamError.js';
import type { Principal } from '../shared/principal.js';
import { InMemoryIamStore } from './inMemoryIamStore.js';
import { ManualClock } from './manualClock.js';
import { SequentialIds } from './sequentialIds.js';

/** An event as tests compare them: stream, type and data. */
export interface EventView {
  readonly streamId: string;
  readonly type: string;
  readonly data: unknown;
}

/**
 * A bootstrapped account on an in-memory store with a manual clock, predictable
 * ids and cheap argon2 parameters: the given/when/then harness of the unit tests.
 */
export class Scenario {
  readonly store: InMemoryIamStore;
  readonly clock: ManualClock;
  readonly ids: SequentialIds;
  readonly iam: IamService;
  readonly accountId = '123456789012';
  readonly rootEmail = 'root@example.com';
  readonly rootPassword = 'Root-Password-1';

  private constructor(options: Partial<IamServiceOptions>) {
    this.store = new InMemoryIamStore();
    this.clock = new ManualClock();
    this.ids = new SequentialIds();
    this.iam = new IamService({
      store: this.store,
      clock: this.clock,
      ids: this.ids,
      secretsKey: SecretBox.generateKey(),
      // Real argon2id with tiny parameters: the same code path, fast tests.
      passwordHasher: argon2idHasher({ memoryCost: 1024, timeCost: 1, parallelism: 1 }),
      ...options,
    });
  }

  /** A scenario whose account exists. */
  static async create(options: Partial<IamServiceOptions> = {}): Promise<Scenario> {
    const scenario = new Scenario(options);
    await scenario.iam.bootstrap({
      accountId: scenario.accountId,
      rootEmail: scenario.rootEmail,
      rootPassword: scenario.rootPassword,
    });
    return scenario;
  }

  /** The root user as an actor. */
  get root(): Principal {
    return this.iam.rootPrincipal();
  }

  /** Runs commands as root (or the given actor), failing on any error. */
  async given(...commands: IamCommand[]): Promise<void> {
    for (const command of commands) await this.iam.execute(command, { actor: this.root });
  }

  /** Runs a command and returns its result. */
  run<T extends CommandType>(
    command: IamCommand & { readonly type: T },
    actor: Actor = this.root,
    context: Omit<CommandContext, 'actor'> = {},
  ): Promise<CommandOutcome<T>> {
    return this.iam.execute(command, { ...context, actor }) as Promise<CommandOutcome<T>>;
  }

  /** Runs a command and returns the events it appended (streams, types, data). */
  async when(command: IamCommand, actor: Actor = this.root): Promise<EventView[]> {
    const before = this.store.events.length;
    await this.iam.execute(command, { actor });
    return this.store.events
      .slice(before)
      .map((e) => ({ streamId: e.streamId, type: e.type, data: e.data }));
  }

  /**
   * Runs a command that must fail with `code`, and checks that nothing was
   * written (events, secrets). Returns the error for further checks.
   */
  async whenFails(
    command: unknown,
    code: IamErrorCode,
    actor: Actor = this.root,
  ): Promise<Error & { details: Record<string, unknown> }> {
    const events = this.store.events.length;
    const secrets = this.store.secrets.size;
    let caught: unknown;
    try {
      await this.iam.execute(command as IamCommand, { actor });
    } catch (error) {
      caught = error;
    }
    if (!isIamError(caught)) throw new Error(`expected IamError ${code}, got ${String(caught)}`);
    if (caught.code !== code)
      throw new Error(`expected ${code}, got ${caught.code}: ${caught.message}`);
    if (this.store.events.length !== events)
      throw new Error(`a failed command appended ${this.store.events.length - events} events`);
    if (this.store.secrets.size !== secrets) throw new Error('a failed command stored secrets');
    return caught;
  }

  /** Everything the log holds (data, metadata, actors) as text, to check no secret reached it. */
  logText(): string {
    return JSON.stringify(
      this.store.events.map((e) => ({ ...e, meta: this.store.metadata.get(e.globalPosition) })),
      (_key, value: unknown) => (typeof value === 'bigint' ? value.toString() : value),
    );
  }

  /** Event types appended to streams whose id starts with `prefix`. */
  typesIn(events: readonly EventView[], prefix: string): string[] {
    return events.filter((e) => e.streamId.startsWith(prefix)).map((e) => e.type);
  }
}
