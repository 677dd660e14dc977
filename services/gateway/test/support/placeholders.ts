// Argument values for calling any field generically: well-formed (they pass
// GraphQL coercion and the domain's shape checks) but naming nothing in particular.
import {
  getNamedType,
  isListType,
  isNonNullType,
  type GraphQLArgument,
  type GraphQLInputType,
} from 'graphql';
import { ACCOUNT_ID } from './testGateway.js';

const DOCUMENT = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: 'iam:GetUser', Resource: '*' }],
});
const TRUST = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Principal: { AWS: `arn:gatehouse:iam::${ACCOUNT_ID}:root` },
      Action: 'sts:AssumeRole',
    },
  ],
});

/** Valid values by argument name. */
const BY_NAME: Readonly<Record<string, unknown>> = {
  userName: 'matrix-target',
  newUserName: 'matrix-renamed',
  groupName: 'matrix-group',
  newGroupName: 'matrix-group-2',
  roleName: 'matrix-role',
  policyName: 'MatrixPolicy',
  virtualMfaDeviceName: 'matrix-device',
  path: '/',
  newPath: '/moved/',
  pathPrefix: '/',
  policyArn: `arn:gatehouse:iam::${ACCOUNT_ID}:policy/MatrixPolicy`,
  permissionsBoundary: `arn:gatehouse:iam::${ACCOUNT_ID}:policy/MatrixBoundary`,
  roleArn: `arn:gatehouse:iam::${ACCOUNT_ID}:role/matrix-role`,
  policySourceArn: `arn:gatehouse:iam::${ACCOUNT_ID}:user/matrix-target`,
  principal: `arn:gatehouse:iam::${ACCOUNT_ID}:user/matrix-target`,
  policyDocument: DOCUMENT,
  assumeRolePolicyDocument: TRUST,
  policy: DOCUMENT,
  description: 'matrix',
  password: 'Matrix-Password-1!',
  oldPassword: 'Matrix-Password-1!',
  newPassword: 'Matrix-Password-2!',
  passwordResetRequired: false,
  accessKeyId: 'AKIAMATRIXMATRIXMATR',
  status: 'Inactive',
  serialNumber: `arn:gatehouse:iam::${ACCOUNT_ID}:mfa/matrix-device`,
  authenticationCode: '123456',
  authenticationCode1: '123456',
  authenticationCode2: '654321',
  tokenCode: '123456',
  roleSessionName: 'matrix-session',
  sessionId: 'ASESAAAAAAAAAAAAAAAAAAAAAA',
  versionId: 'v1',
  setAsDefault: true,
  tags: [{ key: 'team', value: 'matrix' }],
  tagKeys: ['team'],
  rootEmail: 'root@matrix.example',
  supportPlan: 'Business',
  maxSessionDuration: 3600,
  durationSeconds: 900,
  minimumPasswordLength: 12,
  actionNames: ['iam:GetUser'],
  action: 'iam:GetUser',
  resource: '*',
  requests: [
    {
      principal: `arn:gatehouse:iam::${ACCOUNT_ID}:user/matrix-target`,
      action: 'iam:GetUser',
      resource: '*',
    },
  ],
  policyInputList: [DOCUMENT],
  eventId: '00000000-0000-4000-8000-000000000000',
  kind: 'user',
  name: 'matrix-target',
  from: '2026-01-01T00:00:00.000Z',
  to: '2026-01-02T00:00:00.000Z',
  days: 30,
  // The approval workflow.
  access: { groupName: 'matrix-group' },
  justification: 'matrix',
  duration: '1h',
  id: '6f1c2b3a-4d5e-4f60-8a7b-9c0d1e2f3a4b',
  requestId: '6f1c2b3a-4d5e-4f60-8a7b-9c0d1e2f3a4b',
  reason: 'matrix',
  source: 'version: 1\nrules:\n  - name: everything\n    reviewers: { anyone: 1 }\n',
};

function isRequired(type: GraphQLInputType): boolean {
  return isNonNullType(type);
}

/** Placeholder values for a field's required arguments. */
export function placeholdersFor(args: readonly GraphQLArgument[]): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const arg of args) {
    if (!isRequired(arg.type)) continue;
    if (!(arg.name in BY_NAME))
      throw new Error(`no placeholder for required argument \`${arg.name}\``);
    values[arg.name] = BY_NAME[arg.name];
  }
  return values;
}

/**
 * A document calling `field` with its required arguments (and those named in
 * `also`) as variables, selecting `__typename`.
 */
export function operationFor(
  kind: 'query' | 'mutation',
  field: string,
  args: readonly GraphQLArgument[],
  also: readonly string[] = [],
): string {
  const required = args.filter((arg) => isRequired(arg.type) || also.includes(arg.name));
  const variables = required.map((arg) => `$${arg.name}: ${String(arg.type)}`).join(', ');
  const passed = required.map((arg) => `${arg.name}: $${arg.name}`).join(', ');
  return `${kind}${variables === '' ? '' : `(${variables})`} { ${field}${passed === '' ? '' : `(${passed})`} { __typename } }`;
}

/** The first argument (for bad-input tests) and a value of the right GraphQL type that the domain refuses. */
export function invalidValueFor(arg: GraphQLArgument): unknown {
  const named = getNamedType(arg.type).name;
  const list = isListType(isNonNullType(arg.type) ? arg.type.ofType : arg.type);
  if (named === 'TagInput') return [{ key: '', value: 'x' }];
  if (named === 'String' && list) return [''];
  if (named === 'String') return '';
  if (named === 'Int') return -1;
  return undefined;
}
