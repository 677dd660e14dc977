import { newAccessKeySecret } from '../../credentials/accessKeys.js';
import { secretDigest } from '../../credentials/secretHash.js';
import { newSessionToken } from '../../credentials/sessionTokens.js';
import { matchTotp } from '../../credentials/totp.js';
import { decideStartSession } from '../../session/decide.js';
import type { SessionStarted } from '../../session/events.js';
import { sessionEvolver } from '../../session/evolve.js';
import { IamError } from '../../shared/iamError.js';
import { entityStream } from '../../shared/streams.js';
import type { HandlerEnv } from '../handlerEnv.js';
import type { TemporaryCredentials } from '../results.js';
import { loadMfaDeviceById } from '../lookups.js';
import { readSeed } from './mfaHandlers.js';

/**
 * Checks an MFA code against the principal's devices and stages the consumption
 * of its time step (a code is accepted once per device, enforced in the database).
 * No devices: nothing to check. Devices but no code: `MFA_REQUIRED`.
 * @throws IamError `MFA_REQUIRED`, `INVALID_AUTHENTICATION_CODE`
 */
export async function checkMfa(
  env: HandlerEnv,
  devices: readonly { deviceId: string; serialNumber: string }[],
  code: string | undefined,
  serialNumber?: string,
): Promise<boolean> {
  if (devices.length === 0 && serialNumber === undefined) return false;
  if (code === undefined) {
    throw new IamError(
      'MFA_REQUIRED',
      'this principal has MFA enabled: give the current code of its device',
      {
        details: { serialNumbers: devices.map((d) => d.serialNumber) },
      },
    );
  }
  const candidates =
    serialNumber === undefined ? devices : devices.filter((d) => d.serialNumber === serialNumber);
  for (const candidate of candidates) {
    const device = await loadMfaDeviceById(env.tx, candidate.deviceId);
    const step = matchTotp(await readSeed(env, device.state), code, env.ctx.now);
    if (step !== undefined) {
      env.tx.consumeMfaStep(candidate.deviceId, step);
      return true;
    }
  }
  throw new IamError(
    'INVALID_AUTHENTICATION_CODE',
    'the MFA code is not valid for this principal',
    {
      details: serialNumber === undefined ? {} : { serialNumber },
    },
  );
}

/**
 * What a new session is about: what its `SessionStarted` records, less what
 * staging it generates (ids, secrets, times, source IP).
 */
export type SessionSpec = Omit<
  SessionStarted['data'],
  | 'sessionId'
  | 'issuedAt'
  | 'expiresAt'
  | 'tokenSecretId'
  | 'accessKeyId'
  | 'accessKeySecretId'
  | 'sourceIp'
> & {
  readonly durationSeconds: number;
  /** Temporary credentials (`ASIA...` key + secret) besides the token. */
  readonly withAccessKey: boolean;
};

/** A staged session and its secrets (to return once). */
export interface StagedSession {
  readonly data: SessionStarted['data'];
  readonly sessionToken: string;
  readonly secretAccessKey: string | null;
}

/** The temporary credentials of a staged session with an access key (GetSessionToken, AssumeRole). */
export function temporaryCredentials(session: StagedSession): TemporaryCredentials {
  return {
    accessKeyId: session.data.accessKeyId ?? '',
    secretAccessKey: session.secretAccessKey ?? '',
    sessionToken: session.sessionToken,
    expiration: session.data.expiresAt,
  };
}

/** Generates the session's token (and key), stages their hashes and the SessionStarted event. */
export async function stageSession(env: HandlerEnv, spec: SessionSpec): Promise<StagedSession> {
  const sessionId = env.ctx.ids.next('session');
  const sessionToken = newSessionToken(sessionId);
  const tokenSecretId = env.ctx.ids.uuid();
  env.tx.addSecret({
    id: tokenSecretId,
    kind: 'session_token',
    material: secretDigest('session-token', sessionToken),
  });
  let accessKeyId: string | null = null;
  let accessKeySecretId: string | null = null;
  let secretAccessKey: string | null = null;
  if (spec.withAccessKey) {
    accessKeyId = env.ctx.ids.next('temporaryAccessKey');
    accessKeySecretId = env.ctx.ids.uuid();
    secretAccessKey = newAccessKeySecret();
    env.tx.addSecret({
      id: accessKeySecretId,
      kind: 'temporary_access_key',
      material: secretDigest('access-key', secretAccessKey),
    });
  }
  const now = env.ctx.now;
  const data: SessionStarted['data'] = {
    sessionId,
    kind: spec.kind,
    principalArn: spec.principalArn,
    principalType: spec.principalType,
    principalId: spec.principalId,
    userId: spec.userId,
    roleId: spec.roleId,
    roleName: spec.roleName,
    roleSessionName: spec.roleSessionName,
    issuedAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + spec.durationSeconds * 1000).toISOString(),
    mfaAuthenticated: spec.mfaAuthenticated,
    mfaAuthenticatedAt: spec.mfaAuthenticatedAt,
    sourceIdentity: spec.sourceIdentity,
    originalPrincipalArn: spec.originalPrincipalArn,
    sessionPolicy: spec.sessionPolicy,
    tokenSecretId,
    accessKeyId,
    accessKeySecretId,
    rootSignIn: spec.rootSignIn,
    passwordResetRequired: spec.passwordResetRequired,
    parentSessionId: spec.parentSessionId,
    sourceIp: env.request.sourceIp ?? null,
  };
  const session = await env.tx.load(entityStream('session', sessionId), sessionEvolver);
  env.tx.append(session, decideStartSession(session.state, data));
  return { data, sessionToken, secretAccessKey };
}
