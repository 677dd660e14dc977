import type { AccountView } from '@gatehouse/iam';
import type { AccountChange, IdentityKind } from '@gatehouse/policy';
import type { IamCommandData, RequestedChange } from '../request/change.js';
import { WorkflowError } from '../shared/workflowError.js';
import { roleAccessPolicy } from './roleAccess.js';

/** Where a change points, as rules and reviewers see it, and what the analysis reads. */
export interface ResolvedChange {
  /** The action of the change (`iam:AddUserToGroup`, `sts:AssumeRole`, ...). */
  readonly action: string;
  /**
   * The thing requested: the group joined, the managed policy attached, the role
   * to assume, or the entity whose policies or boundary change.
   */
  readonly resource: string;
  /** The identity that gains access (a user, group or role ARN), or null. */
  readonly beneficiaryArn: string | null;
  /** The change as `AccountChange`s for `analyzeChange`. */
  readonly changes: readonly AccountChange[];
}

function text(command: IamCommandData, key: string): string {
  const value = command[key];
  if (typeof value !== 'string') {
    throw new WorkflowError('INVALID_INPUT', `\`command.${key}\` must be a string`, {
      details: { issues: [{ path: `command.${key}`, message: 'must be a string' }] },
    });
  }
  return value;
}

function notFound(kind: string, name: string): WorkflowError {
  return new WorkflowError('NOT_FOUND', `${kind} \`${name}\` cannot be found`, {
    details: { entity: kind, name },
  });
}

/** An identity of the account by name (IAM names are case-insensitive): its canonical name and ARN. */
export function findIdentity(
  view: AccountView,
  kind: IdentityKind,
  name: string,
): { readonly id: string; readonly name: string; readonly arn: string } {
  const id = view.holderOf(kind, name);
  if (id !== undefined) {
    if (kind === 'user') {
      const user = view.user(id);
      if (user?.status === 'active') return { id, name: user.userName, arn: user.arn };
    } else if (kind === 'group') {
      const group = view.group(id);
      if (group?.status === 'active') return { id, name: group.groupName, arn: group.arn };
    } else {
      const role = view.role(id);
      if (role?.status === 'active') return { id, name: role.roleName, arn: role.arn };
    }
  }
  throw notFound(kind, name);
}

/** A managed policy of the account by ARN. */
export function findPolicy(view: AccountView, policyArn: string): ManagedPolicy {
  for (const policy of view.policies()) {
    if (policy.status === 'active' && policy.arn === policyArn) return policy;
  }
  throw notFound('policy', policyArn);
}

/** A role of the account by ARN. */
export function findRoleByArn(view: AccountView, roleArn: string): Role {
  for (const role of view.roles()) {
    if (role.status === 'active' && role.arn === roleArn) return role;
  }
  throw notFound('role', roleArn);
}

/** A managed policy as IAM's view holds it. */
export type ManagedPolicy = NonNullable<ReturnType<AccountView['policy']>>;
/** A role as IAM's view holds it. */
export type Role = NonNullable<ReturnType<AccountView['role']>>;

const ENTITY = { User: 'user', Group: 'group', Role: 'role' } as const;

/**
 * Resolves a change against the account: canonical names, ARNs, and its
 * `AccountChange`s. Commands outside this list need the submitter's own
 * `changes` (the gateway has them for every command).
 * @throws WorkflowError `NOT_FOUND`, `UNSUPPORTED_CHANGE`, `INVALID_INPUT`
 */
export function resolveChange(
  view: AccountView,
  change: RequestedChange,
  provided?: readonly AccountChange[],
): ResolvedChange {
  if (change.kind === 'RoleAccess') {
    const user = findIdentity(view, 'user', change.userName);
    const role = findRoleByArn(view, change.roleArn);
    return {
      action: 'sts:AssumeRole',
      resource: role.arn,
      beneficiaryArn: user.arn,
      changes: [
        {
          kind: 'PutInlinePolicy',
          identity: { kind: 'user', name: user.name },
          policyName: 'gatehouse-grant-analysis',
          document: roleAccessPolicy(role.arn, 'gatehouse-grant-analysis', null),
        },
      ],
    };
  }
  const { command } = change;
  const action = `iam:${command.type}`;
  if (command.type === 'AddUserToGroup' || command.type === 'RemoveUserFromGroup') {
    const user = findIdentity(view, 'user', text(command, 'userName'));
    const group = findIdentity(view, 'group', text(command, 'groupName'));
    return {
      action,
      resource: group.arn,
      beneficiaryArn: user.arn,
      changes: [{ kind: command.type, userName: user.name, groupName: group.name }],
    };
  }
  const attach = /^(Attach|Detach)(User|Group|Role)Policy$/.exec(command.type);
  if (attach !== null) {
    const kind = ENTITY[attach[2] as keyof typeof ENTITY];
    const target = findIdentity(view, kind, text(command, `${kind}Name`));
    const policyArn = text(command, 'policyArn');
    if (attach[1] === 'Attach') findPolicy(view, policyArn);
    return {
      action,
      resource: policyArn,
      beneficiaryArn: target.arn,
      changes: [
        {
          kind: attach[1] === 'Attach' ? 'AttachPolicy' : 'DetachPolicy',
          identity: { kind, name: target.name },
          policyArn,
        },
      ],
    };
  }
  const inline = /^(Put|Delete)(User|Group|Role)Policy$/.exec(command.type);
  if (inline !== null) {
    const kind = ENTITY[inline[2] as keyof typeof ENTITY];
    const target = findIdentity(view, kind, text(command, `${kind}Name`));
    const policyName = text(command, 'policyName');
    const document = command.policyDocument;
    return {
      action,
      resource: target.arn,
      beneficiaryArn: target.arn,
      changes: [
        inline[1] === 'Put'
          ? {
              kind: 'PutInlinePolicy',
              identity: { kind, name: target.name },
              policyName,
              document:
                typeof document === 'object' && document !== null ? document : String(document),
            }
          : { kind: 'DeleteInlinePolicy', identity: { kind, name: target.name }, policyName },
      ],
    };
  }
  if (command.type === 'CreatePolicyVersion') {
    const policy = findPolicy(view, text(command, 'policyArn'));
    const document = command.policyDocument;
    return {
      action,
      resource: policy.arn,
      beneficiaryArn: null,
      changes:
        command.setAsDefault === true
          ? [
              {
                kind: 'SetPolicyDocument',
                policyArn: policy.arn,
                document:
                  typeof document === 'object' && document !== null ? document : String(document),
              },
            ]
          : [],
    };
  }
  if (command.type === 'UpdateAssumeRolePolicy') {
    const role = findIdentity(view, 'role', text(command, 'roleName'));
    const document = command.policyDocument;
    return {
      action,
      resource: role.arn,
      beneficiaryArn: null,
      changes: [
        {
          kind: 'UpdateTrustPolicy',
          roleName: role.name,
          document: typeof document === 'object' && document !== null ? document : String(document),
        },
      ],
    };
  }
  const boundary = /^(Put|Delete)(User|Role)PermissionsBoundary$/.exec(command.type);
  if (boundary !== null) {
    const kind = ENTITY[boundary[2] as keyof typeof ENTITY] as 'user' | 'role';
    const target = findIdentity(view, kind, text(command, `${kind}Name`));
    return {
      action,
      resource: target.arn,
      beneficiaryArn: target.arn,
      changes: [
        boundary[1] === 'Put'
          ? {
              kind: 'PutPermissionsBoundary',
              principal: { kind, name: target.name },
              policyArn: text(command, 'permissionsBoundary'),
            }
          : { kind: 'DeletePermissionsBoundary', principal: { kind, name: target.name } },
      ],
    };
  }
  if (provided !== undefined) return genericTarget(view, command, provided);
  throw new WorkflowError(
    'UNSUPPORTED_CHANGE',
    `\`${command.type}\` needs its analysed \`changes\` from the submitter`,
    { details: { commandType: command.type } },
  );
}

/** The target of another permission command whose `AccountChange`s the submitter analysed. */
function genericTarget(
  view: AccountView,
  command: IamCommandData,
  changes: readonly AccountChange[],
): ResolvedChange {
  const action = `iam:${command.type}`;
  const accountId = view.account().accountId;
  const path = typeof command.path === 'string' ? command.path : '/';
  for (const kind of ['user', 'group', 'role'] as const) {
    const name = command[`${kind}Name`];
    if (typeof name !== 'string') continue;
    let arn: string;
    try {
      arn = findIdentity(view, kind, name).arn;
    } catch {
      arn = `arn:gatehouse:iam::${accountId}:${kind}${path}${name}`;
    }
    const policyArn = command.policyArn;
    return {
      action,
      resource: typeof policyArn === 'string' ? policyArn : arn,
      beneficiaryArn: arn,
      changes,
    };
  }
  if (typeof command.policyArn === 'string') {
    return { action, resource: command.policyArn, beneficiaryArn: null, changes };
  }
  if (typeof command.policyName === 'string') {
    return {
      action,
      resource: `arn:gatehouse:iam::${accountId}:policy${path}${command.policyName}`,
      beneficiaryArn: null,
      changes,
    };
  }
  return { action, resource: '*', beneficiaryArn: null, changes };
}
