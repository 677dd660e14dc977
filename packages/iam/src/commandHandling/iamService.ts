import { randomInt } from 'node:crypto';
import {
  formatCheckpoint,
  isEventStoreError,
  parseCheckpoint,
  START_CHECKPOINT,
  type JsonObject,
  type PointInTime,
} from '@gatehouse/event-store';
import { decideCreateAccount } from '../account/decide.js';
import { accountEvolver } from '../account/evolve.js';
import {
  authenticateAccessKey,
  authenticateSessionToken,
  reconfirmPrincipal,
  rootPrincipal,
  type SecretReader,
} from '../authentication/authenticate.js';
import { argon2idHasher, type PasswordHasher } from '../credentials/passwordHasher.js';
import { assertPasswordAllowed, generatePassword } from '../credentials/passwordPolicy.js';
import { SecretBox } from '../credentials/secretBox.js';
import type { SecretRecord } from '../credentials/secretStore.js';
import { AccountView } from '../permissions/accountView.js';
import {
  authorizeWith,
  policiesOf,
  type AuthorizationResult,
  type AuthorizeRequest,
} from '../permissions/authorize.js';
import { LiveAccountView, type LiveViewOptions } from '../permissions/liveAccountView.js';
import {
  resolvePrincipalArn,
  type PrincipalPolicies,
} from '../permissions/resolvePrincipalPolicies.js';
import { loadPrincipalSnapshot } from '../permissions/snapshotLookup.js';
import { rootArn } from '../shared/arn.js';
import { systemClock, type Clock } from '../shared/clock.js';
import {
  isPrincipal,
  SYSTEM_ACTOR,
  type Actor,
  type CommandContext,
  type DecideContext,
} from '../shared/context.js';
import { randomIds, type IdGenerator } from '../shared/ids.js';
import { IamError, invalidInput, isIamError } from '../shared/iamError.js';
import type { Principal } from '../shared/principal.js';
import { DEFAULT_LIMITS, type IamLimits } from '../shared/quotas.js';
import { ACCOUNT_STREAM } from '../shared/streams.js';
import { EMAIL, PASSWORD } from '../shared/validation.js';
import { parseCommand, type CommandOf, type IamCommand } from './commands.js';
import { CommandTransaction } from './commandTransaction.js';
import type { HandlerEnv, SessionSettings } from './handlerEnv.js';
import { HANDLERS } from './handlers/index.js';
import { StreamConflict, type CommitRequest, type IamStore } from './iamStore.js';
import { requiredPermission } from './requiredPermission.js';
import type { CommandOutcome, CommandType } from './results.js';

/** Options of {@link IamService}. */
export interface IamServiceOptions {
  readonly store: IamStore;
  /** `GATEHOUSE_SECRETS_KEY`: 32 bytes, base64 (or the bytes), encrypting TOTP seeds at rest. */
  readonly secretsKey: string | Uint8Array;
  readonly clock?: Clock;
  readonly ids?: IdGenerator;
  readonly limits?: Partial<IamLimits>;
  /** argon2id with OWASP parameters by default. */
  readonly passwordHasher?: PasswordHasher;
  readonly sessions?: Partial<SessionSettings>;
  /** Issuer shown in authenticator apps (default `Gatehouse`). */
  readonly mfaIssuer?: string;
  readonly view?: LiveViewOptions;
}

/** Configuration of the first start. */
export interface BootstrapConfig {
  /** 12 digits; random when absent. */
  readonly accountId?: string | undefined;
  readonly rootEmail: string;
  /** Checked against IAM's default password rules; generated (and returned once) when absent. */
  readonly rootPassword?: string | undefined;
}

/** What {@link IamService.bootstrap} did. */
export interface BootstrapResult {
  /** False when the account existed already (nothing changed). */
  readonly created: boolean;
  readonly accountId: string;
  readonly rootArn: string;
  /** The generated root password: shown this once, never stored in clear. */
  readonly generatedRootPassword?: string;
}

const MAX_ATTEMPTS = 2;
// eslint-disable-next-line no-control-regex -- refusing control characters is the point
const CONTROL = /[\u0000-\u001f\u007f]/;

function checkContext(context: CommandContext): void {
  for (const [field, value] of [
    ['correlationId', context.correlationId],
    ['causationId', context.causationId],
  ] as const) {
    if (value !== undefined && (value.length === 0 || value.length > 128 || CONTROL.test(value))) {
      throw invalidInput(field, 'must be 1-128 characters without control characters');
    }
  }
  if (
    context.sourceIp !== undefined &&
    (context.sourceIp.length > 64 || CONTROL.test(context.sourceIp))
  ) {
    throw invalidInput('sourceIp', 'must be an IP address');
  }
  if (
    context.userAgent !== undefined &&
    (context.userAgent.length > 512 || CONTROL.test(context.userAgent))
  ) {
    throw invalidInput('userAgent', 'must be at most 512 characters without control characters');
  }
}

function metadataOf(
  type: string,
  commandId: string,
  context: CommandContext,
  extra: Readonly<Record<string, string | boolean | null>>,
): JsonObject {
  const actor: Actor = context.actor;
  const meta: JsonObject = { command: type, commandId, principalType: actor.principalType };
  if (isPrincipal(actor)) {
    meta.principalId = actor.principalId;
    meta.originalPrincipalArn = actor.originalPrincipalArn;
    meta.mfaAuthenticated = actor.mfaAuthenticated;
    if (actor.sessionId !== undefined) meta.sessionId = actor.sessionId;
    if (actor.accessKeyId !== undefined) meta.accessKeyId = actor.accessKeyId;
    if (actor.principalType === 'Root') meta.rootUsage = true;
  }
  if (context.sourceIp !== undefined) meta.sourceIp = context.sourceIp;
  if (context.userAgent !== undefined) meta.userAgent = context.userAgent;
  return { ...meta, ...extra };
}

/**
 * The IAM domain's entry point: commands (`execute`), authentication,
 * authorization and effective permissions. One per process; `start()` builds
 * the in-memory view from the log and follows it.
 */
export class IamService {
  readonly #store: IamStore;
  readonly #clock: Clock;
  readonly #ids: IdGenerator;
  readonly #limits: IamLimits;
  readonly #passwords: PasswordHasher;
  readonly #secretBox: SecretBox;
  readonly #sessions: SessionSettings;
  readonly #mfaIssuer: string;
  readonly #live: LiveAccountView;
  readonly #secretCache = new Map<string, SecretRecord>();
  readonly #lastUsedWritten = new Map<string, number>();
  #accountId: string | undefined;

  constructor(options: IamServiceOptions) {
    this.#store = options.store;
    this.#clock = options.clock ?? systemClock;
    this.#ids = options.ids ?? randomIds;
    this.#limits = { ...DEFAULT_LIMITS, ...options.limits };
    this.#passwords = options.passwordHasher ?? argon2idHasher();
    this.#secretBox =
      typeof options.secretsKey === 'string'
        ? SecretBox.fromBase64(options.secretsKey)
        : new SecretBox(options.secretsKey);
    this.#sessions = { signInSeconds: 43_200, rootSignInSeconds: 3600, ...options.sessions };
    this.#mfaIssuer = options.mfaIssuer ?? 'Gatehouse';
    this.#live = new LiveAccountView(this.#store, options.view);
  }

  /** The in-memory view authorization and authentication read. */
  get view(): AccountView {
    return this.#live.view;
  }

  #pruneTimer: NodeJS.Timeout | undefined;

  /**
   * Builds the view from the log and follows it; every ten minutes forgets
   * sessions that expired over an hour ago, so memory follows the live sessions.
   */
  async start(): Promise<void> {
    await this.#live.start();
    this.#pruneTimer ??= setInterval(() => {
      this.view.pruneSessions(new Date(this.#clock.now().getTime() - 3_600_000));
    }, 600_000);
    this.#pruneTimer.unref();
  }

  /** Stops following the log. */
  async stop(): Promise<void> {
    if (this.#pruneTimer !== undefined) clearInterval(this.#pruneTimer);
    this.#pruneTimer = undefined;
    await this.#live.stop();
  }

  /** Brings the view up to date with everything committed so far. */
  async catchUp(): Promise<void> {
    await this.#live.catchUp();
  }

  /**
   * Resolves once the view reflects a command's checkpoint (from another
   * process's response): read-your-writes across processes.
   */
  async waitFor(checkpoint: string, timeoutMs?: number): Promise<void> {
    await this.#live.waitFor(parseCheckpoint(checkpoint), timeoutMs);
  }

  /**
   * Creates the account and its root user on first start; does nothing when it
   * exists. A generated root password is returned once and never again.
   * @throws IamError `INVALID_INPUT`, `PASSWORD_POLICY_VIOLATION`
   */
  async bootstrap(config: BootstrapConfig): Promise<BootstrapResult> {
    const existing = await this.#store.readStream(ACCOUNT_STREAM);
    if (existing.version > 0) {
      const tx = new CommandTransaction(this.#store, this.#clock.now());
      const account = await tx.load(ACCOUNT_STREAM, accountEvolver);
      this.#accountId = account.state.accountId;
      return {
        created: false,
        accountId: account.state.accountId,
        rootArn: rootArn(account.state.accountId),
      };
    }
    const accountId = config.accountId ?? Array.from({ length: 12 }, () => randomInt(10)).join('');
    if (!/^\d{12}$/.test(accountId)) throw invalidInput('accountId', 'must be 12 digits');
    if (config.rootEmail.length > 254 || !EMAIL.test(config.rootEmail))
      throw invalidInput('rootEmail', 'is not an email address');
    const generated = config.rootPassword === undefined;
    const password = config.rootPassword ?? generatePassword();
    if (!PASSWORD.test(password))
      throw invalidInput('rootPassword', 'must be 1-128 printable characters');
    assertPasswordAllowed(password, null);
    const secretId = this.#ids.uuid();
    const secret: SecretRecord = {
      id: secretId,
      kind: 'password',
      material: await this.#passwords.hash(password),
    };
    const events = decideCreateAccount(accountEvolver.initialState, {
      accountId,
      rootEmail: config.rootEmail,
      rootPasswordSecretId: secretId,
      generated,
    });
    const commandId = this.#ids.uuid();
    const now = this.#clock.now();
    try {
      const result = await this.#store.commit({
        appends: [
          {
            streamId: ACCOUNT_STREAM,
            expectedVersion: 0,
            events: events.map((e) => ({
              type: e.type,
              data: e.data,
              actor: SYSTEM_ACTOR.principalArn,
              causationId: commandId,
              correlationId: commandId,
              occurredAt: now,
              metadata: { command: 'BootstrapAccount', commandId, principalType: 'System' },
            })),
          },
        ],
        secrets: [secret],
        mfaSteps: [],
      });
      if (result.checkpoint !== null) await this.#live.waitFor(result.checkpoint);
    } catch (error) {
      // Another process bootstrapped first: the account is theirs.
      if (error instanceof StreamConflict) return this.bootstrap(config);
      throw this.#wrap(error);
    }
    this.#accountId = accountId;
    return {
      created: true,
      accountId,
      rootArn: rootArn(accountId),
      ...(generated ? { generatedRootPassword: password } : {}),
    };
  }

  async #resolveAccountId(): Promise<string> {
    if (this.#accountId !== undefined) return this.#accountId;
    const tx = new CommandTransaction(this.#store, this.#clock.now());
    const account = await tx.load(ACCOUNT_STREAM, accountEvolver);
    if (!account.state.exists)
      throw new IamError('ACCOUNT_NOT_BOOTSTRAPPED', 'the account has not been created');
    this.#accountId = account.state.accountId;
    return this.#accountId;
  }

  /**
   * Runs a command: checks its shape, authorizes the caller (`iam:<Command>` on
   * the target, by the caller's current policies read from the log), decides it
   * from fresh state and appends its events, all streams in one transaction with
   * expected versions. A conflict is retried once from fresh state. On any error
   * nothing is written.
   * @throws IamError with one of its codes
   */
  async execute<T extends CommandType>(
    command: CommandOf<T> & { readonly type: T },
    context: CommandContext,
  ): Promise<CommandOutcome<T>>;
  async execute(command: IamCommand, context: CommandContext): Promise<CommandOutcome<CommandType>>;
  async execute(input: IamCommand, context: CommandContext): Promise<CommandOutcome<CommandType>> {
    try {
      const command = parseCommand(input);
      checkContext(context);
      if (context.actor.principalType === 'Anonymous' && command.type !== 'SignIn') {
        throw new IamError('ACCESS_DENIED', 'authentication is required');
      }
      const accountId = await this.#resolveAccountId();
      const commandId = this.#ids.uuid();
      for (let attempt = 1; ; attempt += 1) {
        try {
          return await this.#attempt(command, context, accountId, commandId);
        } catch (error) {
          if (!(error instanceof StreamConflict)) throw error;
          if (attempt >= MAX_ATTEMPTS) {
            throw new IamError(
              'CONCURRENT_MODIFICATION',
              'the entities changed concurrently; retry the request',
              {
                cause: error,
              },
            );
          }
        }
      }
    } catch (error) {
      throw this.#wrap(error);
    }
  }

  async #attempt(
    command: IamCommand,
    context: CommandContext,
    accountId: string,
    commandId: string,
  ): Promise<CommandOutcome<CommandType>> {
    const now = this.#clock.now();
    const tx = new CommandTransaction(this.#store, now);
    let recordedActor: string = context.actor.principalArn;
    let extraMetadata: Readonly<Record<string, string | boolean | null>> = {};
    const ctx: DecideContext = {
      now,
      accountId,
      ids: this.#ids,
      limits: this.#limits,
      actor: context.actor,
    };
    const env: HandlerEnv = {
      tx,
      ctx,
      request: context,
      credentials: {
        passwords: this.#passwords,
        secretBox: this.#secretBox,
        store: this.#store,
        mfaIssuer: this.#mfaIssuer,
      },
      sessions: this.#sessions,
      recordAs(principalArn, metadata) {
        recordedActor = principalArn;
        extraMetadata = metadata;
      },
    };
    await this.#authorizeCommand(command, env);
    const handler = HANDLERS[command.type] as (
      command: IamCommand,
      env: HandlerEnv,
    ) => Promise<object>;
    const result = await handler(command, env);
    const writes = tx.writes;
    if (writes.length === 0) return { ...result, checkpoint: null };
    const correlationId = context.correlationId ?? commandId;
    const metadata = metadataOf(command.type, commandId, context, extraMetadata);
    const request: CommitRequest = {
      appends: writes.map((write) => ({
        streamId: write.streamId,
        expectedVersion: write.expectedVersion,
        events: write.events.map((event) => ({
          type: event.type,
          data: event.data,
          actor: recordedActor,
          causationId: context.causationId ?? commandId,
          correlationId,
          occurredAt: now,
          metadata,
        })),
      })),
      secrets: tx.secrets,
      mfaSteps: tx.mfaSteps,
    };
    const committed = await this.#store.commit(request);
    if (committed.checkpoint !== null) await this.#live.waitFor(committed.checkpoint);
    return {
      ...result,
      checkpoint: committed.checkpoint === null ? null : formatCheckpoint(committed.checkpoint),
    };
  }

  async #authorizeCommand(command: IamCommand, env: HandlerEnv): Promise<void> {
    const actor = env.ctx.actor;
    if (!isPrincipal(actor)) return;
    const requirement = await requiredPermission(command, env);
    if (requirement === null) return;
    const lookup = await loadPrincipalSnapshot(env.tx, actor);
    const result = authorizeWith(
      lookup,
      {
        principal: actor,
        action: requirement.action,
        resource: requirement.resource,
        context: { ...(env.request.requestContext ?? {}), ...requirement.context },
        sourceIp: env.request.sourceIp,
      },
      env.ctx.now,
    );
    if (result.decision === 'Allowed') return;
    if (
      command.type === 'ChangePassword' &&
      result.decision === 'ImplicitlyDenied' &&
      actor.principalType === 'User' &&
      lookup.account().passwordPolicy?.allowUsersToChangePassword === true
    ) {
      return;
    }
    throw new IamError(
      'ACCESS_DENIED',
      `\`${actor.principalArn}\` is not authorized to perform \`${requirement.action}\` on resource \`${requirement.resource}\`${
        result.decision === 'ExplicitlyDenied' ? ' with an explicit deny' : ''
      }`,
      {
        details: {
          action: requirement.action,
          resource: requirement.resource,
          decision: result.decision,
        },
      },
    );
  }

  #wrap(error: unknown): IamError {
    if (isIamError(error)) return error;
    if (isEventStoreError(error)) {
      return new IamError('SERVICE_FAILURE', `the event store failed: ${error.code}`, {
        cause: error,
      });
    }
    return new IamError('SERVICE_FAILURE', 'an unexpected failure', { cause: error });
  }

  #readSecret: SecretReader = async (id) => {
    const cached = this.#secretCache.get(id);
    if (cached !== undefined) return cached;
    const record = await this.#store.readSecret(id);
    // Only fast-hash digests are cached (they are hashes of high-entropy secrets).
    if (record !== undefined && record.kind !== 'password' && record.kind !== 'totp_seed') {
      if (this.#secretCache.size >= 10_000) {
        const oldest = this.#secretCache.keys().next().value;
        if (oldest !== undefined) this.#secretCache.delete(oldest);
      }
      this.#secretCache.set(id, record);
    }
    return record;
  };

  async #touch(credentialId: string): Promise<void> {
    const now = this.#clock.now();
    const last = this.#lastUsedWritten.get(credentialId);
    if (last !== undefined && now.getTime() - last < 60_000) return;
    this.#lastUsedWritten.set(credentialId, now.getTime());
    try {
      await this.#store.recordLastUsed(credentialId, now);
    } catch {
      // Last-used is informational; it must never fail an authentication.
    }
  }

  /**
   * Throws unless `principal`'s credentials still stand now (session not revoked
   * or expired, key still active, user or role still there).
   * @throws IamError `INVALID_CREDENTIALS`, `EXPIRED_TOKEN`
   */
  reconfirmPrincipal(principal: Principal): void {
    try {
      reconfirmPrincipal(this.view, principal, this.#clock.now());
    } catch (error) {
      throw this.#wrap(error);
    }
  }

  /**
   * The principal of a bearer session token.
   * @throws IamError `INVALID_CREDENTIALS`, `EXPIRED_TOKEN`
   */
  async authenticateSessionToken(token: string): Promise<Principal> {
    try {
      return await authenticateSessionToken(this.view, this.#readSecret, token, this.#clock.now());
    } catch (error) {
      throw this.#wrap(error);
    }
  }

  /**
   * The principal of an access key (long-term, or temporary with its session token).
   * Records the key's last use (at most once a minute per key).
   * @throws IamError `INVALID_CREDENTIALS`, `EXPIRED_TOKEN`
   */
  async authenticateAccessKey(
    accessKeyId: string,
    secretAccessKey: string,
    sessionToken?: string,
  ): Promise<Principal> {
    try {
      const principal = await authenticateAccessKey(
        this.view,
        this.#readSecret,
        accessKeyId,
        secretAccessKey,
        sessionToken,
        this.#clock.now(),
      );
      await this.#touch(accessKeyId);
      return principal;
    } catch (error) {
      throw this.#wrap(error);
    }
  }

  /** The root principal (for tests and platform tasks that act as root). */
  rootPrincipal(): Principal {
    return rootPrincipal(this.view);
  }

  /**
   * Decides a request against the principal's current policies (in-memory view:
   * microseconds). The gateway calls this for every request.
   */
  authorize(request: AuthorizeRequest): AuthorizationResult {
    return authorizeWith(
      this.view,
      request,
      this.#clock.now(),
      this.#cachedPolicies(request.principal),
    );
  }

  #policyCache = new Map<string, PrincipalPolicies>();
  #policyCacheVersion = -1;

  #cachedPolicies(principal: Principal | string): PrincipalPolicies {
    if (this.#policyCacheVersion !== this.view.version) {
      this.#policyCache.clear();
      this.#policyCacheVersion = this.view.version;
    }
    const key =
      typeof principal === 'string'
        ? principal
        : `${principal.principalType}|${principal.userId ?? principal.roleId ?? ''}|${principal.sessionId ?? ''}|${principal.principalArn}`;
    let resolved = this.#policyCache.get(key);
    if (resolved === undefined) {
      resolved = policiesOf(this.view, principal);
      if (this.#policyCache.size >= 10_000) this.#policyCache.clear();
      this.#policyCache.set(key, resolved);
    }
    return resolved;
  }

  /**
   * A principal's effective policies, ready for `evaluate`: now (from the view)
   * or as of a point in the log (read from the log up to it).
   */
  async resolvePrincipalPolicies(
    principalArn: string,
    asOf?: PointInTime,
  ): Promise<PrincipalPolicies> {
    if (asOf === undefined) return resolvePrincipalArn(this.view, principalArn);
    const view = await this.viewAsOf(asOf);
    return resolvePrincipalArn(view, principalArn);
  }

  /** The whole account as it was at a point in the log (for audits: "who could do X last Tuesday"). */
  async viewAsOf(asOf: PointInTime): Promise<AccountView> {
    const view = new AccountView();
    let after = START_CHECKPOINT;
    for (;;) {
      const page = await this.#store.readEvents({ after, limit: 1000, asOf });
      view.apply(page.events);
      view.advanceTo(page.next);
      after = page.next;
      if (page.isEnd) return view;
    }
  }

  /** The audit context of a principal acting (for the gateway's command contexts). */
  static contextFor(
    principal: Principal,
    request: Omit<CommandContext, 'actor'> = {},
  ): CommandContext {
    return { ...request, actor: principal };
  }
}

export { SYSTEM_ACTOR };
export type { AuthorizeRequest };
