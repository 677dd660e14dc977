import type { RequestContextInput } from '@gatehouse/policy';
import {
  changeRequestArn,
  grantArn,
  isWorkflowError,
  type ChangeRequestView,
  type WorkflowCaller,
} from '@gatehouse/workflow';
import type { ResourcePolicyInput } from '../../authorization/declaration.js';
import type { GatewayContext, GatewayServices } from '../../context/gatewayContext.js';
import { principalOf } from './runCommand.js';

/** A change request read before its authorization (undefined: no such request). */
export type ChangeRequestTarget = ChangeRequestView | undefined;

/** Longest id put into an ARN for a request that does not exist (ids are UUIDs). */
const MAX_ID_IN_ARN = 64;

/**
 * The request an authorization is about, read from its stream. An unknown or
 * malformed id reads as undefined, so the caller is authorized at the ARN the id
 * names and learns nothing about which requests exist; the resolver then
 * reports NOT_FOUND or BAD_USER_INPUT to callers allowed to ask.
 */
export async function loadChangeRequest(
  requestId: string,
  services: GatewayServices,
): Promise<ChangeRequestTarget> {
  try {
    return await services.workflow.getRequest(requestId);
  } catch (error) {
    if (isWorkflowError(error, 'NOT_FOUND') || isWorkflowError(error, 'INVALID_INPUT'))
      return undefined;
    throw error;
  }
}

/** The request's ARN (for an unknown id, the ARN that id would have). */
export function requestArnOf(
  requestId: string,
  target: ChangeRequestTarget,
  accountId: string,
): string {
  return target?.arn ?? changeRequestArn(accountId, requestId.slice(0, MAX_ID_IN_ARN));
}

/** The grant's ARN; a request without a grant is named by its request id (no grant can match it). */
export function grantArnOf(
  requestId: string,
  target: ChangeRequestTarget,
  accountId: string,
): string {
  return target?.grant?.arn ?? grantArn(accountId, `none-${requestId.slice(0, MAX_ID_IN_ARN)}`);
}

/** `approvals:ChangeType` from a request's action (`iam:AddUserToGroup` -> `AddUserToGroup`). */
export function changeTypeOfAction(action: string): string {
  return action === 'sts:AssumeRole' ? 'RoleAccess' : action.slice(action.indexOf(':') + 1);
}

/** The request's condition keys (`approvals:RiskLevel`, `approvals:Requester`, `approvals:ChangeType`). */
export function changeRequestContext(target: ChangeRequestTarget): RequestContextInput {
  if (target === undefined) return {};
  return {
    'approvals:RiskLevel': target.analysis.risk,
    'approvals:Requester': target.requesterArn,
    'approvals:ChangeType': changeTypeOfAction(target.action),
  };
}

/** An implicit resource policy: `principals` may perform `action` on `resource`. */
function allowing(
  name: string,
  principals: readonly string[],
  action: string,
  resource: string,
): ResourcePolicyInput {
  return {
    name,
    document: JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { AWS: [...new Set(principals)] },
          Action: action,
          Resource: resource,
        },
      ],
    }),
  };
}

/**
 * The requester may cancel their own request without `approvals:CancelChangeRequest`
 * (as the workflow decides): an implicit resource policy of the request naming them.
 */
export function requesterMayCancel(
  target: ChangeRequestTarget,
  resource: string,
): ResourcePolicyInput | undefined {
  if (target === undefined) return undefined;
  return allowing(
    'requester-may-cancel',
    [target.requesterArn, target.requesterPerson],
    'approvals:CancelChangeRequest',
    resource,
  );
}

/** The beneficiary may give up a grant without `approvals:RevokeGrant` (as the workflow decides). */
export function beneficiaryMayRevoke(
  target: ChangeRequestTarget,
  resource: string,
): ResourcePolicyInput | undefined {
  if (target?.grant === null || target?.grant === undefined || target.beneficiaryArn === null)
    return undefined;
  return allowing(
    'beneficiary-may-revoke',
    [target.beneficiaryArn],
    'approvals:RevokeGrant',
    resource,
  );
}

/** The workflow's caller for a GraphQL request (the request id correlates what it causes). */
export function workflowCallerOf(context: GatewayContext): WorkflowCaller {
  return {
    principal: principalOf(context),
    correlationId: context.request.requestId,
    sourceIp: context.request.sourceIp,
    userAgent: context.request.userAgent,
  };
}
