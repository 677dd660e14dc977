/**
 * The ways one principal can obtain or change another's permissions, after the edge checks of
 * PMapper and the privilege-escalation methods catalogued by Rhino Security Labs, restated for
 * Gatehouse's IAM mirror. Each entry names the IAM action checked on the target's ARN.
 */

/** How an edge lets its source reach its target. */
export type EdgeEffect =
  /** The source can act with the target's permissions. */
  | 'obtain'
  /** The source can give the target any permissions (within the target's ceilings). */
  | 'modify';

/** The kinds of escalation edges. */
export type EscalationEdgeKind =
  | 'AssumeRole'
  | 'CreateAccessKey'
  | 'CreateLoginProfile'
  | 'UpdateLoginProfile'
  | 'UpdateAssumeRolePolicy'
  | 'AddUserToGroup'
  | 'PassRole'
  | 'AttachUserPolicy'
  | 'PutUserPolicy'
  | 'DeleteUserPermissionsBoundary'
  | 'PutUserPermissionsBoundary'
  | 'AttachGroupPolicy'
  | 'PutGroupPolicy'
  | 'AttachRolePolicy'
  | 'PutRolePolicy'
  | 'DeleteRolePermissionsBoundary'
  | 'PutRolePermissionsBoundary'
  | 'CreatePolicyVersion'
  | 'SetDefaultPolicyVersion';

/** What an edge kind checks and means. */
export interface EdgeRule {
  readonly kind: EscalationEdgeKind;
  readonly effect: EdgeEffect;
  /** The action the source needs on the target (or on a policy attached to it). */
  readonly action: string;
  /** What kind of node the action's resource is. */
  readonly target: 'user' | 'group' | 'role' | 'policy';
  /** Only meaningful when the target has a permissions boundary. */
  readonly needsBoundary?: true;
}

/** Every edge rule but AssumeRole and PassRole, which also read the role's trust policy. */
export const EDGE_RULES: readonly EdgeRule[] = [
  { kind: 'CreateAccessKey', effect: 'obtain', action: 'iam:CreateAccessKey', target: 'user' },
  {
    kind: 'CreateLoginProfile',
    effect: 'obtain',
    action: 'iam:CreateLoginProfile',
    target: 'user',
  },
  {
    kind: 'UpdateLoginProfile',
    effect: 'obtain',
    action: 'iam:UpdateLoginProfile',
    target: 'user',
  },
  {
    kind: 'UpdateAssumeRolePolicy',
    effect: 'obtain',
    action: 'iam:UpdateAssumeRolePolicy',
    target: 'role',
  },
  { kind: 'AddUserToGroup', effect: 'obtain', action: 'iam:AddUserToGroup', target: 'group' },
  { kind: 'AttachUserPolicy', effect: 'modify', action: 'iam:AttachUserPolicy', target: 'user' },
  { kind: 'PutUserPolicy', effect: 'modify', action: 'iam:PutUserPolicy', target: 'user' },
  {
    kind: 'DeleteUserPermissionsBoundary',
    effect: 'modify',
    action: 'iam:DeleteUserPermissionsBoundary',
    target: 'user',
    needsBoundary: true,
  },
  {
    kind: 'PutUserPermissionsBoundary',
    effect: 'modify',
    action: 'iam:PutUserPermissionsBoundary',
    target: 'user',
    needsBoundary: true,
  },
  { kind: 'AttachGroupPolicy', effect: 'modify', action: 'iam:AttachGroupPolicy', target: 'group' },
  { kind: 'PutGroupPolicy', effect: 'modify', action: 'iam:PutGroupPolicy', target: 'group' },
  { kind: 'AttachRolePolicy', effect: 'modify', action: 'iam:AttachRolePolicy', target: 'role' },
  { kind: 'PutRolePolicy', effect: 'modify', action: 'iam:PutRolePolicy', target: 'role' },
  {
    kind: 'DeleteRolePermissionsBoundary',
    effect: 'modify',
    action: 'iam:DeleteRolePermissionsBoundary',
    target: 'role',
    needsBoundary: true,
  },
  {
    kind: 'PutRolePermissionsBoundary',
    effect: 'modify',
    action: 'iam:PutRolePermissionsBoundary',
    target: 'role',
    needsBoundary: true,
  },
  {
    kind: 'CreatePolicyVersion',
    effect: 'modify',
    action: 'iam:CreatePolicyVersion',
    target: 'policy',
  },
  {
    kind: 'SetDefaultPolicyVersion',
    effect: 'modify',
    action: 'iam:SetDefaultPolicyVersion',
    target: 'policy',
  },
];

/** The action behind the AssumeRole edge. */
export const ASSUME_ROLE = 'sts:AssumeRole';
/** The action behind the PassRole edge. */
export const PASS_ROLE = 'iam:PassRole';
