/** ARNs of the approval workflow's resources (the `approvals` service of the catalogue). */

const PARTITION = 'gatehouse';

/** `arn:gatehouse:approvals::<account>:change-request/<id>`. */
export function changeRequestArn(accountId: string, requestId: string): string {
  return `arn:${PARTITION}:approvals::${accountId}:change-request/${requestId}`;
}

/** `arn:gatehouse:approvals::<account>:grant/<id>`. */
export function grantArn(accountId: string, grantId: string): string {
  return `arn:${PARTITION}:approvals::${accountId}:grant/${grantId}`;
}

/** `arn:gatehouse:approvals::<account>:approval-rules/<name>`. */
export function approvalRulesArn(accountId: string, name = 'default'): string {
  return `arn:${PARTITION}:approvals::${accountId}:approval-rules/${name}`;
}
