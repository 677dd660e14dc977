// The account every suite's gateway bootstraps, and the IAM shapes the
// scenarios build (ARNs, policy documents).
export const ROOT_EMAIL = 'root@e2e.example';
export const ROOT_PASSWORD = 'E2e-Root-Password-1!';
export const ACCOUNT_ID = '210987654321';
/** 32 bytes, base64 (a test key: the suites' databases are dropped afterwards). */
export const SECRETS_KEY = 'c2VjcmV0cy1rZXktZm9yLWUyZS10ZXN0cy0zMi1ieXQ=';

/** An ARN of the suites' account: `arn('user', 'alice')`. */
export function arn(kind: 'user' | 'group' | 'role' | 'policy', name: string): string {
  return `arn:gatehouse:iam::${ACCOUNT_ID}:${kind}/${name}`;
}

/** A one-statement identity policy document. */
export function policyDocument(
  effect: 'Allow' | 'Deny',
  actions: readonly string[],
  resources: readonly string[] = ['*'],
): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: effect, Action: actions, Resource: resources }],
  });
}

/** A trust policy letting one principal assume a role. */
export function trustPolicy(principalArn: string): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { AWS: principalArn }, Action: 'sts:AssumeRole' }],
  });
}
