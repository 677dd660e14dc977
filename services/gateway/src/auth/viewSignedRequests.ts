import {
  IamError,
  type Clock,
  type IamService,
  type IamStore,
  type Principal,
} from '@gatehouse/iam';

const invalid = (): IamError =>
  new IamError('INVALID_CREDENTIALS', 'the security token or access key is not valid');

const ACCESS_KEY_ID = /^(AKIA|ASIA)[A-Z0-9]{12,124}$/;
const LAST_USED_INTERVAL_MS = 60_000;
const MAX_CACHED_KEYS = 10_000;

/** What {@link ViewSignedRequests} reads. */
export interface ViewSignedRequestsOptions {
  readonly iam: Pick<IamService, 'view' | 'authenticateSessionToken'>;
  readonly store: Pick<IamStore, 'readSecret' | 'recordLastUsed'>;
  readonly clock: Clock;
}

/**
 * Signed access-key requests checked against `@gatehouse/iam`'s public pieces,
 * until the domain offers `authenticateSignedRequest` itself (gateway README,
 * "What the gateway needs from @gatehouse/iam"): the access key is found in the
 * in-memory view, its stored digest (the signing key) read from the insert-only
 * secret store and handed to `verify`, so the key never leaves this function.
 * A temporary key's session is then authenticated by `authenticateSessionToken`
 * (expiry, revocation); a long-term key's principal is its user, as
 * `authenticateAccessKey` builds it. Last use is recorded at most once a minute
 * per key, as IamService does.
 */
export class ViewSignedRequests {
  readonly #options: ViewSignedRequestsOptions;
  readonly #keys = new Map<string, Uint8Array>();
  readonly #lastUsed = new Map<string, number>();

  constructor(options: ViewSignedRequestsOptions) {
    this.#options = options;
  }

  async authenticate(
    accessKeyId: string,
    sessionToken: string | undefined,
    verify: (signingKey: Uint8Array) => boolean,
  ): Promise<Principal> {
    if (!ACCESS_KEY_ID.test(accessKeyId)) throw invalid();
    const principal = accessKeyId.startsWith('ASIA')
      ? await this.#temporary(accessKeyId, sessionToken, verify)
      : await this.#longTerm(accessKeyId, sessionToken, verify);
    await this.#touch(accessKeyId);
    return principal;
  }

  async #temporary(
    accessKeyId: string,
    sessionToken: string | undefined,
    verify: (signingKey: Uint8Array) => boolean,
  ): Promise<Principal> {
    const view = this.#options.iam.view;
    const sessionId = view.sessionOfTemporaryKey(accessKeyId);
    const session = sessionId === undefined ? undefined : view.session(sessionId);
    if (session === undefined || session.status === 'absent' || session.accessKeySecretId === null)
      throw invalid();
    const key = await this.#signingKey(session.accessKeySecretId, 'temporary_access_key');
    if (key === undefined || !verify(key) || sessionToken === undefined) throw invalid();
    // Expiry, revocation and the principal behind the session, as for bearer tokens.
    const principal = await this.#options.iam.authenticateSessionToken(sessionToken);
    if (principal.sessionId !== sessionId) throw invalid();
    return { ...principal, accessKeyId };
  }

  async #longTerm(
    accessKeyId: string,
    sessionToken: string | undefined,
    verify: (signingKey: Uint8Array) => boolean,
  ): Promise<Principal> {
    const view = this.#options.iam.view;
    const userId = view.userOfAccessKey(accessKeyId);
    const user = userId === undefined ? undefined : view.user(userId);
    const accessKey = user?.accessKeys.find((k) => k.accessKeyId === accessKeyId);
    if (user === undefined || accessKey === undefined) throw invalid();
    const key = await this.#signingKey(accessKey.secretId, 'access_key');
    if (key === undefined || !verify(key) || user.status !== 'active' || sessionToken !== undefined)
      throw invalid();
    if (accessKey.status !== 'Active') {
      throw new IamError('INVALID_CREDENTIALS', 'the access key is inactive', {
        details: { accessKeyId },
      });
    }
    return {
      principalType: 'User',
      principalArn: user.arn,
      principalId: user.userId,
      accountId: view.account().accountId,
      userId: user.userId,
      userName: user.userName,
      accessKeyId,
      mfaAuthenticated: false,
      originalPrincipalArn: user.arn,
      passwordResetRequired: false,
      warnings: [],
    };
  }

  /** The stored SHA-256 of the secret: the signing key (rows are insert-only, so it can be cached). */
  async #signingKey(
    secretId: string,
    kind: 'access_key' | 'temporary_access_key',
  ): Promise<Uint8Array | undefined> {
    const cached = this.#keys.get(secretId);
    if (cached !== undefined) return cached;
    const record = await this.#options.store.readSecret(secretId);
    if (record?.kind !== kind || !/^[0-9a-f]{64}$/.test(record.material)) return undefined;
    const key = Buffer.from(record.material, 'hex');
    if (this.#keys.size >= MAX_CACHED_KEYS) this.#keys.clear();
    this.#keys.set(secretId, key);
    return key;
  }

  async #touch(accessKeyId: string): Promise<void> {
    const now = this.#options.clock.now();
    const last = this.#lastUsed.get(accessKeyId);
    if (last !== undefined && now.getTime() - last < LAST_USED_INTERVAL_MS) return;
    if (this.#lastUsed.size >= MAX_CACHED_KEYS) this.#lastUsed.clear();
    this.#lastUsed.set(accessKeyId, now.getTime());
    try {
      await this.#options.store.recordLastUsed(accessKeyId, now);
    } catch {
      // Last use is informational; it never fails an authentication.
    }
  }
}
