import type { ContextValue, RequestContextInput } from '@gatehouse/policy';
import type { Principal } from '../shared/principal.js';
import type { PrincipalPolicies } from './resolvePrincipalPolicies.js';

/**
 * The global condition keys Gatehouse sets for a request, in AWS's names so
 * policies read the same (`aws:username`, `aws:MultiFactorAuthPresent`, ...).
 * Keys derived from the principal always win over caller-given ones, so a
 * client cannot claim another user name, MFA or tag.
 */
export function buildRequestContext(
  principal: Principal | undefined,
  resolved: PrincipalPolicies,
  now: Date,
  extra: RequestContextInput | undefined,
  sourceIp?: string,
): Record<string, ContextValue> {
  const context: Record<string, ContextValue> = {};
  // Caller-given principal keys are dropped, whatever their case.
  for (const [key, value] of Object.entries(extra ?? {})) {
    const lower = key.toLowerCase();
    const reserved =
      lower.startsWith('aws:principal') ||
      lower === 'aws:username' ||
      lower === 'aws:userid' ||
      lower.startsWith('aws:multifactorauth') ||
      lower === 'aws:tokenissuetime' ||
      lower === 'aws:sourceidentity' ||
      lower === 'aws:currenttime' ||
      lower === 'aws:epochtime';
    if (!reserved) context[key] = value;
  }
  context['aws:CurrentTime'] = now.toISOString();
  context['aws:EpochTime'] = Math.floor(now.getTime() / 1000);
  context['aws:PrincipalArn'] = resolved.principalArn;
  const accountMatch = /^arn:[^:]+:[^:]+::(\d{12}):/.exec(resolved.principalArn);
  if (accountMatch?.[1] !== undefined) context['aws:PrincipalAccount'] = accountMatch[1];
  context['aws:PrincipalType'] =
    resolved.principalType === 'Root' ? 'Account' : resolved.principalType;
  for (const [key, value] of resolved.tags) context[`aws:PrincipalTag/${key}`] = value;
  if (sourceIp !== undefined && context['aws:SourceIp'] === undefined)
    context['aws:SourceIp'] = sourceIp;
  const userid = principal?.principalId ?? resolved.principalId;
  if (userid !== undefined) context['aws:userid'] = userid;
  const userName = principal?.userName ?? resolved.userName;
  if (resolved.principalType === 'User' && userName !== undefined)
    context['aws:username'] = userName;
  if (principal === undefined) return context;
  // AWS sets MFA keys for temporary credentials and console sessions, and for a
  // request that proves MFA itself (AssumeRole with a token code); with plain
  // long-term access keys they are absent (hence IAM's BoolIfExists advice).
  if (principal.sessionId !== undefined || principal.mfaAuthenticated) {
    context['aws:MultiFactorAuthPresent'] = principal.mfaAuthenticated;
    if (principal.mfaAuthenticated && principal.mfaAuthenticatedAt !== undefined) {
      context['aws:MultiFactorAuthAge'] = Math.max(
        0,
        Math.floor((now.getTime() - principal.mfaAuthenticatedAt.getTime()) / 1000),
      );
    }
    if (principal.tokenIssuedAt !== undefined)
      context['aws:TokenIssueTime'] = principal.tokenIssuedAt.toISOString();
  }
  if (principal.sourceIdentity !== undefined)
    context['aws:SourceIdentity'] = principal.sourceIdentity;
  return context;
}
