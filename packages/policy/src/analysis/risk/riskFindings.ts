import type { CatalogueAction } from '../../catalogue/catalogue.js';
import type { StatementRef } from '../analysedPolicy.js';
import type { EscalationPath } from '../escalation/escalationGraph.js';

/** How much a change matters, for routing approvals. */
export type RiskLevel = 'LOW' | 'MEDIUM' | 'HIGH' | 'CRITICAL';

/** Every risk level, from lowest to highest. */
export const RISK_LEVELS: readonly RiskLevel[] = ['LOW', 'MEDIUM', 'HIGH', 'CRITICAL'];

/** What the approval workflow does with a change. */
export type Verdict = 'AUTO_APPLY' | 'REQUIRE_APPROVAL' | 'BLOCK';

/** The categories of findings, after Cloudsplaining's risk categories plus Gatehouse's own. */
export type RiskCategory =
  | 'admin-equivalent'
  | 'privilege-escalation'
  | 'permissions-management'
  | 'credentials-exposure'
  | 'resource-exposure'
  | 'data-exfiltration'
  | 'service-wildcard'
  | 'new-access'
  | 'invalid-change';

/**
 * Every analysis finding code with its category, risk and whether it blocks the change. Codes
 * are stable and documented in the README.
 */
export const ANALYSIS_FINDINGS = {
  ADMIN_EQUIVALENT_FOR_NON_ADMIN: { category: 'admin-equivalent', risk: 'CRITICAL', blocks: true },
  ADMIN_EQUIVALENT_GRANTED: { category: 'admin-equivalent', risk: 'CRITICAL', blocks: false },
  PRIVILEGE_ESCALATION_PATH: { category: 'privilege-escalation', risk: 'HIGH', blocks: false },
  PERMISSIONS_MANAGEMENT_ACCESS: {
    category: 'permissions-management',
    risk: 'HIGH',
    blocks: false,
  },
  CREDENTIALS_EXPOSURE_ACCESS: { category: 'credentials-exposure', risk: 'HIGH', blocks: false },
  RESOURCE_EXPOSURE_ACCESS: { category: 'resource-exposure', risk: 'HIGH', blocks: false },
  DATA_EXFILTRATION_ACCESS: { category: 'data-exfiltration', risk: 'MEDIUM', blocks: false },
  SERVICE_WILDCARD_ACCESS: { category: 'service-wildcard', risk: 'MEDIUM', blocks: false },
  WRITE_ACCESS: { category: 'new-access', risk: 'MEDIUM', blocks: false },
  UNLISTED_ACTION_ACCESS: { category: 'new-access', risk: 'MEDIUM', blocks: false },
  READ_ACCESS: { category: 'new-access', risk: 'LOW', blocks: false },
  INVALID_POLICY_DOCUMENT: { category: 'invalid-change', risk: 'CRITICAL', blocks: true },
  CHANGE_NOT_APPLICABLE: { category: 'invalid-change', risk: 'CRITICAL', blocks: true },
} as const satisfies Record<
  string,
  { readonly category: RiskCategory; readonly risk: RiskLevel; readonly blocks: boolean }
>;

/** A stable analysis finding code. */
export type AnalysisFindingCode = keyof typeof ANALYSIS_FINDINGS;

/** One finding about a change. Plain JSON. */
export interface AnalysisFinding {
  readonly code: AnalysisFindingCode;
  readonly category: RiskCategory;
  readonly risk: RiskLevel;
  /** Lowercase start, no trailing period, names in backticks. */
  readonly message: string;
  /** The principal (ARN) the finding is about. */
  readonly principal?: string;
  /** The actions concerned (catalogue names, or patterns). */
  readonly actions?: readonly string[];
  /** The statements responsible. */
  readonly statements?: readonly StatementRef[];
  /** For escalation findings: how. */
  readonly path?: EscalationPath;
}

/** Builds a finding with its code's category and risk. */
export function analysisFinding(
  code: AnalysisFindingCode,
  message: string,
  details: Omit<AnalysisFinding, 'code' | 'category' | 'risk' | 'message'> = {},
): AnalysisFinding {
  const { category, risk } = ANALYSIS_FINDINGS[code];
  return { code, category, risk, message, ...details };
}

/** The higher of two risk levels. */
export function maxRisk(a: RiskLevel, b: RiskLevel): RiskLevel {
  return RISK_LEVELS.indexOf(a) >= RISK_LEVELS.indexOf(b) ? a : b;
}

const CREDENTIALS = new Set(
  [
    'iam:CreateAccessKey',
    'iam:UpdateAccessKey',
    'iam:CreateLoginProfile',
    'iam:UpdateLoginProfile',
    'iam:CreateServiceSpecificCredential',
    'iam:ResetServiceSpecificCredential',
    'iam:UploadSSHPublicKey',
    'iam:UpdateSSHPublicKey',
    'iam:CreateVirtualMFADevice',
    'iam:EnableMFADevice',
    'iam:DeactivateMFADevice',
    'iam:ResyncMFADevice',
    'sts:AssumeRole',
    'sts:AssumeRoleWithSAML',
    'sts:AssumeRoleWithWebIdentity',
    'sts:GetFederationToken',
    'sts:GetSessionToken',
    'ecr:GetAuthorizationToken',
    'redshift:GetClusterCredentials',
    'rds-db:connect',
    'sso:GetRoleCredentials',
    'codecommit:GetCredentials',
  ].map((a) => a.toLowerCase()),
);

const DATA_EXFILTRATION = new Set(
  [
    'audit:ExportEvents',
    's3:GetObject',
    's3:GetObjectVersion',
    'secretsmanager:GetSecretValue',
    'ssm:GetParameter',
    'ssm:GetParameters',
    'ssm:GetParametersByPath',
    'kms:Decrypt',
    'dynamodb:Scan',
    'dynamodb:Query',
    'rds:CopyDBSnapshot',
    'rds:CreateDBSnapshot',
    'ec2:CreateSnapshot',
  ].map((a) => a.toLowerCase()),
);

/** Actions that change who else may use a resource (resource-based policies, trust, routing). */
const RESOURCE_EXPOSURE = new Set(
  [
    'iam:UpdateAssumeRolePolicy',
    'approvals:UpdateApprovalRules',
    'kms:CreateGrant',
    'lambda:AddPermission',
  ].map((a) => a.toLowerCase()),
);
const RESOURCE_POLICY_NAME =
  /^(put|set|update|delete)[a-z]*policy$|^addpermission$|^createaccesspoint/;

/**
 * The finding code for new access to one catalogue action: credentials, data, resource
 * exposure and permissions management first (Cloudsplaining's categories), otherwise by access
 * level.
 */
export function codeForAction(action: CatalogueAction): AnalysisFindingCode {
  if (CREDENTIALS.has(action.key)) return 'CREDENTIALS_EXPOSURE_ACCESS';
  if (DATA_EXFILTRATION.has(action.key)) return 'DATA_EXFILTRATION_ACCESS';
  const name = action.key.slice(action.key.indexOf(':') + 1);
  if (
    RESOURCE_EXPOSURE.has(action.key) ||
    (action.service !== 'iam' &&
      action.accessLevel === 'Permissions management' &&
      RESOURCE_POLICY_NAME.test(name))
  ) {
    return 'RESOURCE_EXPOSURE_ACCESS';
  }
  switch (action.accessLevel) {
    case 'Permissions management':
      return 'PERMISSIONS_MANAGEMENT_ACCESS';
    case 'Write':
    case 'Tagging':
      return 'WRITE_ACCESS';
    case 'Read':
    case 'List':
      return 'READ_ACCESS';
  }
}
