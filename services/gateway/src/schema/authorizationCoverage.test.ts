// Default deny, proven on the schema itself: every root field carries exactly one
// authorization declaration, exceptions are listed here with their reasons, every
// policy-checked action exists in the catalogue and mirrors the field's name, and
// nested fields are plain data (no resolver that could reach the domain unchecked).
import { describe, expect, it, beforeAll } from '@jest/globals';
import { GATEHOUSE_CATALOGUE } from '@gatehouse/policy';
import { isObjectType, getNamedType, type GraphQLField, type GraphQLSchema } from 'graphql';
import {
  AUTHORIZATION_EXTENSION,
  type AuthorizationDeclaration,
} from '../authorization/declaration.js';
import { PERMISSION_CHANGING_COMMANDS } from '../leastPrivilege/accountChanges.js';
import { buildGatewaySchema } from './buildGatewaySchema.js';

let schema: GraphQLSchema;

beforeAll(async () => {
  schema = await buildGatewaySchema();
});

type Field = GraphQLField<unknown, unknown>;

function rootFields(): Field[] {
  return [
    ...Object.values(schema.getQueryType()?.getFields() ?? {}),
    ...Object.values(schema.getMutationType()?.getFields() ?? {}),
    ...Object.values(schema.getSubscriptionType()?.getFields() ?? {}),
  ];
}

function declarationOf(field: Field): AuthorizationDeclaration | undefined {
  return field.extensions[AUTHORIZATION_EXTENSION] as AuthorizationDeclaration | undefined;
}

/** Fields anyone may call. */
const PUBLIC = ['serviceInfo', 'signIn'];
/** Fields any authenticated caller may call, as in IAM/STS. */
const AUTHENTICATED_ONLY = [
  'signOut',
  'getCallerIdentity',
  'getSessionToken',
  'changePassword',
  'validatePolicy',
];
/** Root-only account tasks. */
const ROOT_ONLY = ['updateRootEmail', 'updateSupportPlan'];
/** Actions the domain defines beyond AWS's catalogue. */
const NOT_IN_CATALOGUE = ['sts:RevokeSession'];
/** Fields whose action is not named after the field (reads that are "get X" for list-like IAM actions and decision queries). */
const ACTION_NAMED_DIFFERENTLY: Readonly<Record<string, string>> = {
  isAuthorized: 'iam:SimulatePrincipalPolicy',
  isAuthorizedBatch: 'iam:SimulatePrincipalPolicy',
  requestAccess: 'approvals:SubmitChangeRequest',
  requestBreakGlassAccess: 'approvals:SubmitChangeRequest',
  changeRequest: 'approvals:GetChangeRequest',
  changeRequestHistory: 'approvals:GetChangeRequest',
  myChangeRequests: 'approvals:ListChangeRequests',
  changeRequestsAwaitingMyReview: 'approvals:ListChangeRequests',
  activeGrants: 'approvals:ListChangeRequests',
  approvalRules: 'approvals:GetApprovalRules',
  changeRequestUpdated: 'approvals:GetChangeRequest',
  myChangeRequestsUpdated: 'approvals:ListChangeRequests',
};

describe('authorization coverage of the schema', () => {
  it('has a declaration on every query, mutation and subscription', () => {
    const missing = rootFields()
      .filter((field) => declarationOf(field) === undefined)
      .map((f) => f.name);
    expect(missing).toEqual([]);
    expect(rootFields().length).toBeGreaterThan(80);
  });

  it('lets only the reviewed fields through without a policy', () => {
    const byKind = (kind: AuthorizationDeclaration['kind']) =>
      rootFields()
        .filter((field) => declarationOf(field)?.kind === kind)
        .map((f) => f.name)
        .sort();
    expect(byKind('public')).toEqual([...PUBLIC].sort());
    expect(byKind('authenticated')).toEqual([...AUTHENTICATED_ONLY].sort());
    expect(byKind('root')).toEqual([...ROOT_ONLY].sort());
    for (const field of rootFields()) {
      const declaration = declarationOf(field);
      if (declaration !== undefined && declaration.kind !== 'policy')
        expect(declaration.reason.length).toBeGreaterThan(20);
    }
  });

  it('checks actions that exist, named after the field (createUser -> iam:CreateUser)', () => {
    for (const field of rootFields()) {
      const declaration = declarationOf(field);
      if (declaration?.kind !== 'policy') continue;
      if (!NOT_IN_CATALOGUE.includes(declaration.action)) {
        expect({
          field: field.name,
          known: GATEHOUSE_CATALOGUE.action(declaration.action) !== undefined,
        }).toEqual({
          field: field.name,
          known: true,
        });
      }
      const expected = ACTION_NAMED_DIFFERENTLY[field.name];
      if (expected !== undefined) {
        expect(declaration.action).toBe(expected);
      } else {
        const actionName = declaration.action.slice(declaration.action.indexOf(':') + 1);
        expect({ field: field.name, action: actionName.toLowerCase() }).toEqual({
          field: field.name,
          action: field.name.toLowerCase(),
        });
      }
    }
  });

  it('has plain data below the root: no nested field resolves anything', () => {
    const root = new Set([
      schema.getQueryType()?.name,
      schema.getMutationType()?.name,
      schema.getSubscriptionType()?.name,
    ]);
    const withResolvers: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (type.name.startsWith('__') || root.has(type.name)) continue;
      // Interface fields never execute (graphql-js resolves the concrete object type's).
      if (!isObjectType(type)) continue;
      for (const field of Object.values(type.getFields())) {
        if (field.resolve !== undefined) withResolvers.push(`${type.name}.${field.name}`);
      }
    }
    expect(withResolvers).toEqual([]);
  });

  it('returns the least-privilege analysis from every permission-changing mutation', () => {
    const mutations = schema.getMutationType()?.getFields() ?? {};
    for (const command of PERMISSION_CHANGING_COMMANDS) {
      const name = Object.keys(mutations).find((n) => n.toLowerCase() === command.toLowerCase());
      expect({ command, exposed: name !== undefined }).toEqual({ command, exposed: true });
      const type = getNamedType(mutations[name!]!.type);
      expect({
        command,
        implementsPermissionChange:
          isObjectType(type) && type.getInterfaces().some((i) => i.name === 'PermissionChange'),
      }).toEqual({
        command,
        implementsPermissionChange: true,
      });
    }
  });

  it('mirrors the IAM command set: every domain command is a mutation', async () => {
    const { COMMAND_TYPES } = await import('@gatehouse/iam');
    const mutations = Object.keys(schema.getMutationType()?.getFields() ?? {}).map((n) =>
      n.toLowerCase(),
    );
    const missing = COMMAND_TYPES.filter((command) => !mutations.includes(command.toLowerCase()));
    expect(missing).toEqual([]);
  });
});
