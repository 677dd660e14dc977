import { z } from 'zod';
import {
  arn,
  authenticationCode,
  email,
  password,
  policyDocument,
  serialNumber,
  sessionName,
  userName,
} from '../shared/schemas.js';

/**
 * Signs in with a password (a user by name, or the root user by its email),
 * plus an MFA code when the principal has MFA. Returns a session token.
 */
export const SignInSchema = z
  .strictObject({
    type: z.literal('SignIn'),
    userName: userName.optional(),
    rootEmail: email.optional(),
    password,
    authenticationCode: authenticationCode.optional(),
  })
  .refine((c) => (c.userName === undefined) !== (c.rootEmail === undefined), {
    error: 'give exactly one of `userName` and `rootEmail`',
    path: ['userName'],
  });
/** Temporary credentials for the calling user (or root), optionally proving MFA. */
export const GetSessionTokenSchema = z.strictObject({
  type: z.literal('GetSessionToken'),
  durationSeconds: z.number().int().min(900).max(129_600).optional(),
  serialNumber: serialNumber.optional(),
  tokenCode: authenticationCode.optional(),
});
/**
 * Temporary credentials of a role: the trust policy must allow the caller and the
 * caller must be allowed `sts:AssumeRole` on the role. The session's permissions
 * are the role's alone, narrowed by `policy` when given.
 */
export const AssumeRoleSchema = z.strictObject({
  type: z.literal('AssumeRole'),
  roleArn: arn,
  roleSessionName: sessionName,
  /** 900 s up to the role's maximum session duration (default 3,600). */
  durationSeconds: z.number().int().min(900).max(43_200).optional(),
  /** A session policy (plain text at most 2,048 characters). */
  policy: policyDocument.optional(),
  serialNumber: serialNumber.optional(),
  tokenCode: authenticationCode.optional(),
  sourceIdentity: sessionName.optional(),
});
/** Ends a session before it expires (its token and temporary keys stop working). */
export const RevokeSessionSchema = z.strictObject({
  type: z.literal('RevokeSession'),
  sessionId: z.string().regex(/^ASES[A-Z2-7]{22}$/, 'is not a session id'),
});
/** Ends the caller's own session. */
export const SignOutSchema = z.strictObject({ type: z.literal('SignOut') });

export type SignIn = z.infer<typeof SignInSchema>;
export type GetSessionToken = z.infer<typeof GetSessionTokenSchema>;
export type AssumeRole = z.infer<typeof AssumeRoleSchema>;
export type RevokeSession = z.infer<typeof RevokeSessionSchema>;
export type SignOut = z.infer<typeof SignOutSchema>;
