/**
 * The gateway mutations a plan may run, with their GraphQL argument types and payload kind.
 * `apply` runs nothing else: a plan file naming another mutation is refused.
 */
export const MUTATIONS = {
  createPolicy: {
    args: {
      policyName: 'String!',
      path: 'String',
      policyDocument: 'String!',
      description: 'String',
      tags: '[TagInput!]',
    },
    payload: 'change',
  },
  createPolicyVersion: {
    args: { policyArn: 'String!', policyDocument: 'String!', setAsDefault: 'Boolean' },
    payload: 'change',
  },
  deletePolicyVersion: { args: { policyArn: 'String!', versionId: 'String!' }, payload: 'result' },
  deletePolicy: { args: { policyArn: 'String!' }, payload: 'result' },
  tagPolicy: { args: { policyArn: 'String!', tags: '[TagInput!]!' }, payload: 'result' },
  untagPolicy: { args: { policyArn: 'String!', tagKeys: '[String!]!' }, payload: 'result' },

  createUser: {
    args: {
      userName: 'String!',
      path: 'String',
      permissionsBoundary: 'String',
      tags: '[TagInput!]',
    },
    payload: 'change',
  },
  updateUser: { args: { userName: 'String!', newPath: 'String' }, payload: 'result' },
  deleteUser: { args: { userName: 'String!' }, payload: 'result' },
  tagUser: { args: { userName: 'String!', tags: '[TagInput!]!' }, payload: 'result' },
  untagUser: { args: { userName: 'String!', tagKeys: '[String!]!' }, payload: 'result' },
  putUserPermissionsBoundary: {
    args: { userName: 'String!', permissionsBoundary: 'String!' },
    payload: 'change',
  },
  deleteUserPermissionsBoundary: { args: { userName: 'String!' }, payload: 'change' },
  putUserPolicy: {
    args: { userName: 'String!', policyName: 'String!', policyDocument: 'String!' },
    payload: 'change',
  },
  deleteUserPolicy: { args: { userName: 'String!', policyName: 'String!' }, payload: 'change' },
  attachUserPolicy: { args: { userName: 'String!', policyArn: 'String!' }, payload: 'change' },
  detachUserPolicy: { args: { userName: 'String!', policyArn: 'String!' }, payload: 'change' },
  addUserToGroup: { args: { groupName: 'String!', userName: 'String!' }, payload: 'change' },
  removeUserFromGroup: { args: { groupName: 'String!', userName: 'String!' }, payload: 'change' },
  deleteLoginProfile: { args: { userName: 'String!' }, payload: 'result' },
  deleteAccessKey: { args: { userName: 'String!', accessKeyId: 'String!' }, payload: 'result' },
  deactivateMfaDevice: {
    args: { userName: 'String!', serialNumber: 'String!' },
    payload: 'result',
  },
  deleteVirtualMfaDevice: { args: { serialNumber: 'String!' }, payload: 'result' },

  createGroup: { args: { groupName: 'String!', path: 'String' }, payload: 'change' },
  updateGroup: { args: { groupName: 'String!', newPath: 'String' }, payload: 'result' },
  deleteGroup: { args: { groupName: 'String!' }, payload: 'result' },
  putGroupPolicy: {
    args: { groupName: 'String!', policyName: 'String!', policyDocument: 'String!' },
    payload: 'change',
  },
  deleteGroupPolicy: { args: { groupName: 'String!', policyName: 'String!' }, payload: 'change' },
  attachGroupPolicy: { args: { groupName: 'String!', policyArn: 'String!' }, payload: 'change' },
  detachGroupPolicy: { args: { groupName: 'String!', policyArn: 'String!' }, payload: 'change' },

  createRole: {
    args: {
      roleName: 'String!',
      path: 'String',
      assumeRolePolicyDocument: 'String!',
      description: 'String',
      maxSessionDuration: 'Int',
      permissionsBoundary: 'String',
      tags: '[TagInput!]',
    },
    payload: 'change',
  },
  updateRole: {
    args: { roleName: 'String!', description: 'String', maxSessionDuration: 'Int' },
    payload: 'result',
  },
  updateAssumeRolePolicy: {
    args: { roleName: 'String!', policyDocument: 'String!' },
    payload: 'change',
  },
  deleteRole: { args: { roleName: 'String!' }, payload: 'result' },
  tagRole: { args: { roleName: 'String!', tags: '[TagInput!]!' }, payload: 'result' },
  untagRole: { args: { roleName: 'String!', tagKeys: '[String!]!' }, payload: 'result' },
  putRolePermissionsBoundary: {
    args: { roleName: 'String!', permissionsBoundary: 'String!' },
    payload: 'change',
  },
  deleteRolePermissionsBoundary: { args: { roleName: 'String!' }, payload: 'change' },
  putRolePolicy: {
    args: { roleName: 'String!', policyName: 'String!', policyDocument: 'String!' },
    payload: 'change',
  },
  deleteRolePolicy: { args: { roleName: 'String!', policyName: 'String!' }, payload: 'change' },
  attachRolePolicy: { args: { roleName: 'String!', policyArn: 'String!' }, payload: 'change' },
  detachRolePolicy: { args: { roleName: 'String!', policyArn: 'String!' }, payload: 'change' },

  /** The approvals API (packages/workflow's suggested name); absent on gateways without it. */
  updateApprovalRules: { args: { source: 'String!', fileName: 'String' }, payload: 'opaque' },
} as const satisfies Record<
  string,
  { args: Record<string, string>; payload: 'change' | 'result' | 'opaque' }
>;

/** A mutation a plan may run. */
export type MutationName = keyof typeof MUTATIONS;

/** True for a name of {@link MUTATIONS}. */
export function isMutationName(name: string): name is MutationName {
  return Object.hasOwn(MUTATIONS, name);
}

const CHANGE_SELECTION = `status changeRequestId checkpoint analysis { verdict risk truncated findings { code risk message principal } newAccess { principal action resource conditional } }`;

/** The GraphQL document of a mutation with the given variables (only those present are declared). */
export function mutationDocument(
  name: MutationName,
  variables: Readonly<Record<string, unknown>>,
): string {
  const spec = MUTATIONS[name];
  const args = Object.entries(spec.args).filter(([arg]) => variables[arg] !== undefined);
  const declarations = args.map(([arg, type]) => `$${arg}: ${type}`).join(', ');
  const call = args.map(([arg]) => `${arg}: $${arg}`).join(', ');
  const selection =
    spec.payload === 'change'
      ? CHANGE_SELECTION
      : spec.payload === 'result'
        ? 'checkpoint'
        : '__typename';
  const head = declarations === '' ? '' : `(${declarations})`;
  const callArgs = call === '' ? '' : `(${call})`;
  return `mutation Apply${head} { ${name}${callArgs} { ${selection} } }`;
}
