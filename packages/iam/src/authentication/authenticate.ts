import { digestsEqual, secretDigest } from '../credentials/secretHash.js';
import type { SecretRecord } from '../credentials/secretStore.js';
import { sessionIdOfToken } from '../credentials/sessionTokens.js';
import type { AccountView } from '../permissions/accountView.js';
import type { SessionState } from '../session/evolve.js';
import { rootArn } from '../shared/arn.js';
import { IamError } from '../shared/iamError.js';
import { ROOT_MFA_WARNING, ROOT_USAGE_WARNING, type Principal } from '../shared/principal.js';
import { ACCESS_KEY_ID } from '../shared/validation.js';

/** Reads secrets by id (cached by the service). */
export type SecretReader = (id: string) => Promise<SecretRecord | undefined>;

const invalid = (): IamError =>
  new IamError('INVALID_CREDENTIALS', 'the security token or access key is not valid');

async function secretMatches(
  read: SecretReader,
  secretId: string | null,
  domain: 'access-key' | 'session-token',
  secret: string,
): Promise<boolean> {
  if (secretId === null) return false;
  const record = await read(secretId);
  return record !== undefined && digestsEqual(record.material, secretDigest(domain, secret));
}

function rootWarnings(view: AccountView): string[] {
  return view.account().rootMfaDevice === null
    ? [ROOT_USAGE_WARNING, ROOT_MFA_WARNING]
    : [ROOT_USAGE_WARNING];
}

/**
 * The principal of a live session. The token (or key) is checked before
 * anything about the session is revealed; then expiry, revocation, and that the
 * user or role behind it still exists (the same one: ids are never reused).
 */
function sessionPrincipal(
  view: AccountView,
  session: Extract<SessionState, { status: 'active' | 'revoked' }>,
  now: Date,
): Principal {
  if (session.status === 'revoked') {
    throw new IamError('EXPIRED_TOKEN', 'the session was revoked', {
      details: { sessionId: session.sessionId },
    });
  }
  if (Date.parse(session.expiresAt) <= now.getTime()) {
    throw new IamError('EXPIRED_TOKEN', 'the session has expired', {
      details: { sessionId: session.sessionId },
    });
  }
  const accountId = view.account().accountId;
  let userName: string | undefined;
  let warnings: string[] = [];
  if (session.principalType === 'User') {
    const user = session.userId === null ? undefined : view.user(session.userId);
    if (user?.status !== 'active') throw invalid();
    userName = user.userName;
    if (session.passwordResetRequired)
      warnings = ['the password must be changed (ChangePassword) before anything else'];
  } else if (session.principalType === 'AssumedRole') {
    const role = session.roleId === null ? undefined : view.role(session.roleId);
    if (role?.status !== 'active') throw invalid();
  } else {
    warnings = rootWarnings(view);
  }
  return {
    principalType: session.principalType,
    // A renamed user's sessions carry its current ARN.
    principalArn:
      session.principalType === 'User' && session.userId !== null
        ? (view.user(session.userId)?.arn ?? session.principalArn)
        : session.principalArn,
    principalId: session.principalId,
    accountId,
    userId: session.userId ?? undefined,
    userName,
    roleId: session.roleId ?? undefined,
    roleName: session.roleName ?? undefined,
    roleSessionName: session.roleSessionName ?? undefined,
    sessionId: session.sessionId,
    sessionKind: session.kind,
    accessKeyId: session.accessKeyId ?? undefined,
    mfaAuthenticated: session.mfaAuthenticated,
    mfaAuthenticatedAt:
      session.mfaAuthenticatedAt === null ? undefined : new Date(session.mfaAuthenticatedAt),
    tokenIssuedAt: new Date(session.issuedAt),
    expiresAt: new Date(session.expiresAt),
    sourceIdentity: session.sourceIdentity ?? undefined,
    originalPrincipalArn: session.originalPrincipalArn,
    passwordResetRequired: session.passwordResetRequired,
    warnings,
  };
}

/**
 * Authenticates a bearer session token (`ghs1.<session>.<secret>`).
 * @throws IamError `INVALID_CREDENTIALS`, `EXPIRED_TOKEN`
 */
export async function authenticateSessionToken(
  view: AccountView,
  read: SecretReader,
  token: string,
  now: Date,
): Promise<Principal> {
  const sessionId = typeof token === 'string' ? sessionIdOfToken(token) : undefined;
  const session = sessionId === undefined ? undefined : view.session(sessionId);
  const tokenSecretId =
    session === undefined || session.status === 'absent' ? null : session.tokenSecretId;
  if (
    !(await secretMatches(read, tokenSecretId, 'session-token', token)) ||
    session === undefined ||
    session.status === 'absent'
  ) {
    throw invalid();
  }
  return sessionPrincipal(view, session, now);
}

/**
 * Authenticates an access key: a long-term `AKIA...` key of an active user
 * (no session token), or a temporary `ASIA...` key with its session token.
 * @throws IamError `INVALID_CREDENTIALS`, `EXPIRED_TOKEN`
 */
export async function authenticateAccessKey(
  view: AccountView,
  read: SecretReader,
  accessKeyId: string,
  secretAccessKey: string,
  sessionToken: string | undefined,
  now: Date,
): Promise<Principal> {
  if (
    typeof accessKeyId !== 'string' ||
    !ACCESS_KEY_ID.test(accessKeyId) ||
    typeof secretAccessKey !== 'string' ||
    secretAccessKey.length > 128
  ) {
    throw invalid();
  }
  if (accessKeyId.startsWith('ASIA')) {
    const sessionId = view.sessionOfTemporaryKey(accessKeyId);
    const session = sessionId === undefined ? undefined : view.session(sessionId);
    const active = session === undefined || session.status === 'absent' ? undefined : session;
    const keyOk = await secretMatches(
      read,
      active?.accessKeySecretId ?? null,
      'access-key',
      secretAccessKey,
    );
    const tokenOk =
      sessionToken !== undefined && sessionIdOfToken(sessionToken) === sessionId
        ? await secretMatches(read, active?.tokenSecretId ?? null, 'session-token', sessionToken)
        : false;
    if (!keyOk || !tokenOk || active === undefined) throw invalid();
    return sessionPrincipal(view, active, now);
  }
  const userId = view.userOfAccessKey(accessKeyId);
  const user = userId === undefined ? undefined : view.user(userId);
  const key = user?.accessKeys.find((k) => k.accessKeyId === accessKeyId);
  const keyOk = await secretMatches(read, key?.secretId ?? null, 'access-key', secretAccessKey);
  if (!keyOk || user?.status !== 'active' || key === undefined || sessionToken !== undefined)
    throw invalid();
  if (key.status !== 'Active') {
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

/**
 * Confirms that credentials accepted earlier still stand at `now`, for
 * connections that outlive a request (subscriptions re-check before each
 * delivery): a session is neither revoked nor expired and its user or role still
 * exists; a long-term access key is still active and so is its user. A principal
 * that came from neither cannot be re-checked and is refused.
 * @throws IamError `INVALID_CREDENTIALS`, `EXPIRED_TOKEN`
 */
export function reconfirmPrincipal(view: AccountView, principal: Principal, now: Date): void {
  if (principal.sessionId !== undefined) {
    const session = view.session(principal.sessionId);
    if (session === undefined || session.status === 'absent') throw invalid();
    sessionPrincipal(view, session, now);
    return;
  }
  if (principal.accessKeyId === undefined) throw invalid();
  const userId = view.userOfAccessKey(principal.accessKeyId);
  const user = userId === undefined ? undefined : view.user(userId);
  const key = user?.accessKeys.find((k) => k.accessKeyId === principal.accessKeyId);
  if (user?.status !== 'active' || key?.status !== 'Active') throw invalid();
}

/** The root principal as the platform sees it (for system tasks and tests). */
export function rootPrincipal(view: AccountView): Principal {
  const accountId = view.account().accountId;
  const arn = rootArn(accountId);
  return {
    principalType: 'Root',
    principalArn: arn,
    principalId: accountId,
    accountId,
    mfaAuthenticated: false,
    originalPrincipalArn: arn,
    passwordResetRequired: false,
    warnings: rootWarnings(view),
  };
}
