import { assertPasswordAllowed, type PasswordPolicy } from '../credentials/passwordPolicy.js';
import { IamError } from '../shared/iamError.js';
import type { HandlerEnv } from './handlerEnv.js';

/**
 * Checks a new password against the policy (pure, first: no hashing for a
 * password that will be refused) and against the last `passwordReusePrevention`
 * passwords, then hashes it and stages the secret. Returns the secret id.
 * @throws IamError `PASSWORD_POLICY_VIOLATION`
 */
export async function stageNewPassword(
  env: HandlerEnv,
  password: string,
  policy: PasswordPolicy | null,
  history: readonly string[],
): Promise<string> {
  assertPasswordAllowed(password, policy);
  const reuse = policy?.passwordReusePrevention ?? 0;
  for (const secretId of history.slice(0, reuse)) {
    const previous = await env.credentials.store.readSecret(secretId);
    if (
      previous !== undefined &&
      (await env.credentials.passwords.verify(previous.material, password))
    ) {
      throw new IamError(
        'PASSWORD_POLICY_VIOLATION',
        `the password was used recently: the policy prevents reusing the last ${reuse} passwords`,
        { details: { violations: [`must not be one of the last ${reuse} passwords`] } },
      );
    }
  }
  const secretId = env.ctx.ids.uuid();
  env.tx.addSecret({
    id: secretId,
    kind: 'password',
    material: await env.credentials.passwords.hash(password),
  });
  return secretId;
}

/** A hash verified when there is no real one, so a missing user costs as much time as a wrong password. */
let dummyHash: Promise<string> | undefined;

/** Checks a password against a stored hash; runs a dummy verification when there is none. */
export async function verifyPassword(
  env: HandlerEnv,
  secretId: string | null,
  password: string,
): Promise<boolean> {
  const record = secretId === null ? undefined : await env.credentials.store.readSecret(secretId);
  if (record?.kind !== 'password') {
    dummyHash ??= env.credentials.passwords.hash('gatehouse-dummy-password');
    await env.credentials.passwords.verify(await dummyHash, password);
    return false;
  }
  return env.credentials.passwords.verify(record.material, password);
}
