import { Catalogue } from './catalogue.js';
import { IAM_SERVICE, STS_SERVICE } from './generated/iamAndSts.js';
import type { ActionDefinition, ServiceDefinition } from './serviceDefinition.js';

export { IAM_SERVICE, STS_SERVICE, IAM_DATA_VERSION } from './generated/iamAndSts.js';

const CHANGE_REQUEST = [{ name: 'change-request', required: true }];
const GRANT = [{ name: 'grant', required: true }];

function action(
  name: string,
  accessLevel: ActionDefinition['accessLevel'],
  resourceTypes: ActionDefinition['resourceTypes'] = [],
  conditionKeys: readonly string[] = [],
): ActionDefinition {
  return { name, accessLevel, resourceTypes, conditionKeys };
}

/**
 * Gatehouse's approval workflow (`approvals:`): change requests, reviews, time-boxed grants and
 * the rules that route requests. Its condition keys are set by the approvals service on every
 * request it authorizes.
 */
export const APPROVALS_SERVICE: ServiceDefinition = {
  prefix: 'approvals',
  name: 'Gatehouse Approvals',
  actions: [
    action('ApproveChangeRequest', 'Permissions management', CHANGE_REQUEST, [
      'approvals:RiskLevel',
      'approvals:Requester',
    ]),
    action('CancelChangeRequest', 'Write', CHANGE_REQUEST, ['approvals:Requester']),
    action('GetApprovalRules', 'Read', [{ name: 'approval-rules', required: true }]),
    action('GetChangeRequest', 'Read', CHANGE_REQUEST),
    action('ListChangeRequests', 'List'),
    action('RejectChangeRequest', 'Write', CHANGE_REQUEST, [
      'approvals:RiskLevel',
      'approvals:Requester',
    ]),
    action('RevokeGrant', 'Permissions management', GRANT),
    action('SubmitChangeRequest', 'Write', CHANGE_REQUEST, [
      'approvals:ChangeType',
      'approvals:RiskLevel',
    ]),
    action('UpdateApprovalRules', 'Permissions management', [
      { name: 'approval-rules', required: true },
    ]),
  ],
  resourceTypes: [
    {
      name: 'approval-rules',
      arn: 'arn:${Partition}:approvals::${Account}:approval-rules/${RuleSetName}',
      conditionKeys: [],
    },
    {
      name: 'change-request',
      arn: 'arn:${Partition}:approvals::${Account}:change-request/${ChangeRequestId}',
      conditionKeys: ['approvals:ChangeType', 'approvals:RiskLevel'],
    },
    {
      name: 'grant',
      arn: 'arn:${Partition}:approvals::${Account}:grant/${GrantId}',
      conditionKeys: [],
    },
  ],
  conditionKeys: [
    { key: 'approvals:ChangeType', type: 'String' },
    { key: 'approvals:Requester', type: 'ARN' },
    { key: 'approvals:RiskLevel', type: 'String' },
  ],
};

/**
 * Gatehouse's audit log (`audit:`): events, decisions, point-in-time simulation, verification
 * and export. Reading the log is data access: export is the exfiltration-sensitive action.
 */
export const AUDIT_SERVICE: ServiceDefinition = {
  prefix: 'audit',
  name: 'Gatehouse Audit',
  actions: [
    action('ExportEvents', 'Read', [{ name: 'log', required: true }]),
    action('GetEffectivePermissionsAsOf', 'Read'),
    action('GetEntityAsOf', 'Read'),
    action('GetEvent', 'Read', [{ name: 'event', required: true }]),
    action('ListDecisions', 'List'),
    action('ListEvents', 'List'),
    action('ReviewPrincipalAccess', 'Read'),
    action('ReviewResourceAccess', 'Read'),
    action('SimulatePrincipalPolicyAsOf', 'Read'),
    action('VerifyAuditLog', 'Read', [{ name: 'log', required: true }]),
  ],
  resourceTypes: [
    {
      name: 'event',
      arn: 'arn:${Partition}:audit::${Account}:event/${EventId}',
      conditionKeys: [],
    },
    { name: 'log', arn: 'arn:${Partition}:audit::${Account}:log/${LogName}', conditionKeys: [] },
  ],
  conditionKeys: [],
};

/** The platform's own services: `iam`, `sts`, `approvals`, `audit`. */
export const GATEHOUSE_SERVICES: readonly ServiceDefinition[] = [
  IAM_SERVICE,
  STS_SERVICE,
  APPROVALS_SERVICE,
  AUDIT_SERVICE,
];

/** A catalogue of the platform's own services; add teams' services with `withServices`. */
export const GATEHOUSE_CATALOGUE: Catalogue = Catalogue.of(GATEHOUSE_SERVICES);
