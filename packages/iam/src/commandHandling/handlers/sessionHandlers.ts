import type { Finding } from '@gatehouse/policy';
import { passwordExpiresAt } from '../../credentials/passwordPolicy.js';
import { checkPolicyDocument, documentText } from '../../policyDocuments/checkPolicyDocument.js';
import { authorizeWith } from '../../permissions/authorize.js';
import { loadPrincipalSnapshot } from '../../permissions/snapshotLookup.js';
import { decideRevokeSession } from '../../session/decide.js';
import { assumedRoleArn, parseIamArn, rootArn } from '../../shared/arn.js';
import { isPrincipal } from '../../shared/context.js';
import { IamError, invalidInput, limitExceeded } from '../../shared/iamError.js';
import { ROOT_MFA_WARNING, ROOT_USAGE_WARNING, type Principal } from '../../shared/principal.js';
import { ROLE_CHAINING_MAX, SESSION_TOKEN } from '../../shared/quotas.js';
import type { Handler, HandlerEnv } from '../handlerEnv.js';
import type { CommandResults } from '../results.js';
import { loadAccount, loadRoleById, loadSession, loadUserById } from '../lookups.js';
import { verifyPassword } from '../passwords.js';
import { checkMfa, stageSession, temporaryCredentials } from './sessionSupport.js';

const invalidCredentials = (): IamError =>
  new IamError('INVALID_CREDENTIALS', 'the user name (or root email) or password is incorrect');

const signIn: Handler<'SignIn'> = async (command, env) => {
  const account = await loadAccount(env.tx);
  const now = env.ctx.now;
  const accountId = account.state.accountId;
  if (command.rootEmail !== undefined) {
    const matches = command.rootEmail.toLowerCase() === account.state.rootEmail.toLowerCase();
    if (
      !(await verifyPassword(
        env,
        matches ? account.state.rootPasswordSecretId : null,
        command.password,
      ))
    ) {
      throw invalidCredentials();
    }
    const device = account.state.rootMfaDevice;
    const mfa = await checkMfa(env, device === null ? [] : [device], command.authenticationCode);
    const principalArn = rootArn(accountId);
    const warnings =
      device === null ? [ROOT_USAGE_WARNING, ROOT_MFA_WARNING] : [ROOT_USAGE_WARNING];
    return startSignIn(env, accountId, {
      principalType: 'Root',
      principalArn,
      principalId: accountId,
      user: null,
      durationSeconds: env.sessions.rootSignInSeconds,
      mfa,
      passwordResetRequired: false,
      warnings,
    });
  }
  const userName = command.userName ?? '';
  const name = await env.tx.loadName('user', userName);
  const user =
    name.state.holder === undefined
      ? undefined
      : (await loadUserById(env.tx, name.state.holder)).state;
  const profile = user?.status === 'active' ? user.loginProfile : null;
  if (
    !(await verifyPassword(env, profile?.secretId ?? null, command.password)) ||
    user === undefined ||
    profile === null
  ) {
    throw invalidCredentials();
  }
  const mfa = await checkMfa(env, user.mfaDevices, command.authenticationCode);
  const expiresAt = passwordExpiresAt(
    new Date(profile.passwordChangedAt),
    account.state.passwordPolicy,
  );
  const expired = expiresAt !== null && expiresAt.getTime() <= now.getTime();
  if (expired && account.state.passwordPolicy?.hardExpiry === true) {
    throw new IamError(
      'INVALID_CREDENTIALS',
      'the password has expired; an administrator must reset it',
      {
        details: { passwordExpired: true },
      },
    );
  }
  const passwordResetRequired = profile.passwordResetRequired || expired;
  const warnings = passwordResetRequired
    ? ['the password must be changed (ChangePassword) before anything else']
    : [];
  return startSignIn(env, accountId, {
    principalType: 'User',
    principalArn: user.arn,
    principalId: user.userId,
    user: { userId: user.userId, userName: user.userName },
    durationSeconds: env.sessions.signInSeconds,
    mfa,
    passwordResetRequired,
    warnings,
  });
};

/** Who signs in, and how: what differs between a root and a user sign-in. */
interface SignInIdentity {
  readonly principalType: 'Root' | 'User';
  readonly principalArn: string;
  readonly principalId: string;
  readonly user: { readonly userId: string; readonly userName: string } | null;
  readonly durationSeconds: number;
  readonly mfa: boolean;
  readonly passwordResetRequired: boolean;
  readonly warnings: readonly string[];
}

/**
 * Starts a sign-in session (a bearer token, no access key), recorded as the
 * principal that signed in, and returns it with the principal it authenticates.
 */
async function startSignIn(
  env: HandlerEnv,
  accountId: string,
  who: SignInIdentity,
): Promise<CommandResults['SignIn']> {
  const now = env.ctx.now;
  const rootSignIn = who.principalType === 'Root';
  env.recordAs(who.principalArn, { rootSignIn });
  const session = await stageSession(env, {
    kind: 'SignIn',
    principalArn: who.principalArn,
    principalType: who.principalType,
    principalId: who.principalId,
    userId: who.user?.userId ?? null,
    roleId: null,
    roleName: null,
    roleSessionName: null,
    durationSeconds: who.durationSeconds,
    mfaAuthenticated: who.mfa,
    mfaAuthenticatedAt: who.mfa ? now.toISOString() : null,
    sourceIdentity: null,
    originalPrincipalArn: who.principalArn,
    sessionPolicy: null,
    rootSignIn,
    passwordResetRequired: who.passwordResetRequired,
    parentSessionId: null,
    withAccessKey: false,
  });
  const principal: Principal = {
    principalType: who.principalType,
    principalArn: who.principalArn,
    principalId: who.principalId,
    accountId,
    ...who.user,
    sessionId: session.data.sessionId,
    sessionKind: 'SignIn',
    mfaAuthenticated: who.mfa,
    mfaAuthenticatedAt: who.mfa ? now : undefined,
    tokenIssuedAt: now,
    expiresAt: new Date(session.data.expiresAt),
    originalPrincipalArn: who.principalArn,
    passwordResetRequired: who.passwordResetRequired,
    warnings: who.warnings,
  };
  return {
    sessionId: session.data.sessionId,
    sessionToken: session.sessionToken,
    expiration: session.data.expiresAt,
    principal,
    rootSignIn,
    passwordResetRequired: who.passwordResetRequired,
    warnings: who.warnings,
  };
}

function callerOf(actor: HandlerActor): Principal {
  if (!isPrincipal(actor)) {
    throw new IamError('ACCESS_DENIED', 'this action needs an authenticated caller');
  }
  return actor;
}
type HandlerActor = Parameters<typeof isPrincipal>[0];

const getSessionToken: Handler<'GetSessionToken'> = async (command, env) => {
  const caller = callerOf(env.ctx.actor);
  if (caller.sessionId !== undefined || caller.principalType === 'AssumedRole') {
    throw new IamError(
      'ACCESS_DENIED',
      'GetSessionToken must be called with long-term credentials (an access key)',
    );
  }
  const isRoot = caller.principalType === 'Root';
  const duration =
    command.durationSeconds ?? (isRoot ? SESSION_TOKEN.rootMax : SESSION_TOKEN.default);
  if (isRoot && duration > SESSION_TOKEN.rootMax) {
    throw invalidInput(
      'durationSeconds',
      `must be at most ${SESSION_TOKEN.rootMax} for the root user`,
    );
  }
  if (command.tokenCode !== undefined && command.serialNumber === undefined) {
    throw invalidInput('serialNumber', 'is required with `tokenCode`');
  }
  let devices: readonly { deviceId: string; serialNumber: string }[] = [];
  if (isRoot) {
    const device = (await loadAccount(env.tx)).state.rootMfaDevice;
    devices = device === null ? [] : [device];
  } else if (caller.userId !== undefined) {
    devices = (await loadUserById(env.tx, caller.userId)).state.mfaDevices;
  }
  const mfa =
    command.serialNumber === undefined
      ? false
      : await checkMfa(env, devices, command.tokenCode, command.serialNumber);
  const now = env.ctx.now;
  const session = await stageSession(env, {
    kind: 'GetSessionToken',
    principalArn: caller.principalArn,
    principalType: caller.principalType,
    principalId: caller.principalId,
    userId: caller.userId ?? null,
    roleId: null,
    roleName: null,
    roleSessionName: null,
    durationSeconds: duration,
    mfaAuthenticated: mfa,
    mfaAuthenticatedAt: mfa ? now.toISOString() : null,
    sourceIdentity: null,
    originalPrincipalArn: caller.originalPrincipalArn,
    sessionPolicy: null,
    rootSignIn: isRoot,
    passwordResetRequired: false,
    parentSessionId: null,
    withAccessKey: true,
  });
  return {
    credentials: temporaryCredentials(session),
    warnings: isRoot ? [ROOT_USAGE_WARNING] : [],
  };
};

const assumeRole: Handler<'AssumeRole'> = async (command, env) => {
  const caller = callerOf(env.ctx.actor);
  const denied = (why: string): IamError =>
    new IamError(
      'ACCESS_DENIED',
      `\`${caller.principalArn}\` is not authorized to perform \`sts:AssumeRole\` on resource \`${command.roleArn}\`${why}`,
      { details: { action: 'sts:AssumeRole', resource: command.roleArn } },
    );
  if (caller.principalType === 'Root') throw denied(': the root user cannot assume roles');
  // A missing role looks like a refusal, so callers cannot probe which roles exist.
  const parsed = parseIamArn(command.roleArn);
  if (parsed?.kind !== 'role' || parsed.accountId !== env.ctx.accountId) throw denied('');
  const name = await env.tx.loadName('role', parsed.name);
  if (name.state.holder === undefined) throw denied('');
  const role = (await loadRoleById(env.tx, name.state.holder)).state;
  if (role.status !== 'active' || role.arn !== command.roleArn) throw denied('');

  let mfa = caller.mfaAuthenticated;
  let mfaAt = caller.mfaAuthenticatedAt?.toISOString() ?? null;
  if (command.tokenCode !== undefined || command.serialNumber !== undefined) {
    if (command.serialNumber === undefined)
      throw invalidInput('serialNumber', 'is required with `tokenCode`');
    const devices =
      caller.userId === undefined
        ? []
        : (await loadUserById(env.tx, caller.userId)).state.mfaDevices;
    await checkMfa(env, devices, command.tokenCode, command.serialNumber);
    mfa = true;
    mfaAt = env.ctx.now.toISOString();
  }
  const chained = caller.principalType === 'AssumedRole';
  const duration = command.durationSeconds ?? Math.min(3600, role.maxSessionDuration);
  if (duration > role.maxSessionDuration) {
    throw invalidInput(
      'durationSeconds',
      `exceeds the MaxSessionDuration set for this role (${role.maxSessionDuration})`,
    );
  }
  if (chained && duration > ROLE_CHAINING_MAX) {
    throw invalidInput(
      'durationSeconds',
      `role chaining limits a session to ${ROLE_CHAINING_MAX} seconds`,
    );
  }
  if (
    caller.sourceIdentity !== undefined &&
    command.sourceIdentity !== undefined &&
    command.sourceIdentity !== caller.sourceIdentity
  ) {
    throw invalidInput('sourceIdentity', 'cannot change once set for a role chain');
  }
  const sourceIdentity = caller.sourceIdentity ?? command.sourceIdentity ?? null;

  let sessionPolicy: string | null = null;
  let findings: readonly Finding[] = [];
  if (command.policy !== undefined) {
    sessionPolicy = documentText(command.policy);
    if (sessionPolicy.length > env.ctx.limits.sessionPolicySize) {
      throw limitExceeded(
        'PackedPolicySize',
        env.ctx.limits.sessionPolicySize,
        `the session policy exceeds ${env.ctx.limits.sessionPolicySize} characters`,
      );
    }
    findings = checkPolicyDocument(sessionPolicy, {
      kind: 'identity',
      sizeLimit: env.ctx.limits.sessionPolicySize,
      quota: 'PackedPolicySize',
    }).warnings;
  }

  const lookup = await loadPrincipalSnapshot(env.tx, caller);
  const requester: Principal = {
    ...caller,
    mfaAuthenticated: mfa,
    mfaAuthenticatedAt: mfaAt === null ? undefined : new Date(mfaAt),
  };
  const decision = authorizeWith(
    lookup,
    {
      principal: requester,
      action: 'sts:AssumeRole',
      resource: role.arn,
      context: {
        ...(env.request.requestContext ?? {}),
        'sts:RoleSessionName': command.roleSessionName,
        ...(sourceIdentity === null ? {} : { 'sts:SourceIdentity': sourceIdentity }),
      },
      resourcePolicy: {
        name: `${role.arn}#trust-policy`,
        document: role.assumeRolePolicyDocument,
        mustAllow: true,
      },
      sourceIp: env.request.sourceIp,
    },
    env.ctx.now,
  );
  if (decision.decision !== 'Allowed') {
    throw denied(decision.decision === 'ExplicitlyDenied' ? ' with an explicit deny' : '');
  }
  const principalArn = assumedRoleArn(env.ctx.accountId, role.roleName, command.roleSessionName);
  const assumedRoleId = `${role.roleId}:${command.roleSessionName}`;
  const session = await stageSession(env, {
    kind: 'AssumeRole',
    principalArn,
    principalType: 'AssumedRole',
    principalId: assumedRoleId,
    userId: null,
    roleId: role.roleId,
    roleName: role.roleName,
    roleSessionName: command.roleSessionName,
    durationSeconds: duration,
    mfaAuthenticated: mfa,
    mfaAuthenticatedAt: mfaAt,
    sourceIdentity,
    originalPrincipalArn: caller.originalPrincipalArn,
    sessionPolicy,
    rootSignIn: false,
    passwordResetRequired: false,
    parentSessionId: caller.sessionId ?? null,
    withAccessKey: true,
  });
  return {
    credentials: temporaryCredentials(session),
    assumedRoleUser: { assumedRoleId, arn: principalArn },
    sourceIdentity,
    findings,
  };
};

const revokeSession: Handler<'RevokeSession'> = async (command, env) => {
  const session = await loadSession(env.tx, command.sessionId);
  env.tx.append(
    session,
    decideRevokeSession(session.state, command.sessionId, 'Revoked', env.ctx.now),
  );
  return {};
};

const signOut: Handler<'SignOut'> = async (_command, env) => {
  const caller = callerOf(env.ctx.actor);
  if (caller.sessionId === undefined) {
    throw new IamError(
      'INVALID_INPUT',
      'the caller has no session to end (long-term credentials)',
      {
        details: { issues: [{ path: 'type', message: 'no session' }] },
      },
    );
  }
  const session = await loadSession(env.tx, caller.sessionId);
  env.tx.append(
    session,
    decideRevokeSession(session.state, caller.sessionId, 'SignedOut', env.ctx.now),
  );
  return {};
};

/** Handlers of the session (STS) commands. */
export const sessionHandlers = {
  SignIn: signIn,
  GetSessionToken: getSessionToken,
  AssumeRole: assumeRole,
  RevokeSession: revokeSession,
  SignOut: signOut,
} as const;
