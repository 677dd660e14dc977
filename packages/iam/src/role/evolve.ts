import { putInline, type Evolver, type InlinePolicy, type PolicyRef } from '../shared/events.js';
import { mergeTags, removeTags, type Tag } from '../shared/tags.js';
import type { RoleEvent } from './events.js';

/** A role as its stream tells it. */
export interface RoleState {
  readonly status: 'absent' | 'active' | 'deleted';
  readonly roleId: string;
  readonly roleName: string;
  readonly path: string;
  readonly arn: string;
  readonly createdAt: string;
  readonly assumeRolePolicyDocument: string;
  readonly description: string | null;
  readonly maxSessionDuration: number;
  readonly tags: readonly Tag[];
  readonly permissionsBoundary: PolicyRef | null;
  readonly inlinePolicies: readonly InlinePolicy[];
  readonly attachedPolicies: readonly PolicyRef[];
}

const EMPTY: RoleState = {
  status: 'absent',
  roleId: '',
  roleName: '',
  path: '/',
  arn: '',
  createdAt: '',
  assumeRolePolicyDocument: '',
  description: null,
  maxSessionDuration: 3600,
  tags: [],
  permissionsBoundary: null,
  inlinePolicies: [],
  attachedPolicies: [],
};

/** The fold of a role stream. */
export const roleEvolver: Evolver<RoleState, RoleEvent> = {
  initialState: EMPTY,
  evolve(state, event, at) {
    switch (event.type) {
      case 'RoleCreated':
        return {
          ...EMPTY,
          status: 'active',
          roleId: event.data.roleId,
          roleName: event.data.roleName,
          path: event.data.path,
          arn: event.data.arn,
          createdAt: at,
          assumeRolePolicyDocument: event.data.assumeRolePolicyDocument,
          description: event.data.description,
          maxSessionDuration: event.data.maxSessionDuration,
          tags: event.data.tags,
          permissionsBoundary: event.data.permissionsBoundary,
        };
      case 'RoleUpdated':
        return {
          ...state,
          description: event.data.description,
          maxSessionDuration: event.data.maxSessionDuration,
        };
      case 'AssumeRolePolicyUpdated':
        return { ...state, assumeRolePolicyDocument: event.data.assumeRolePolicyDocument };
      case 'RoleDeleted':
        return { ...state, status: 'deleted' };
      case 'RoleTagged':
        return { ...state, tags: mergeTags(state.tags, event.data.tags) };
      case 'RoleUntagged':
        return { ...state, tags: removeTags(state.tags, event.data.tagKeys) };
      case 'RolePermissionsBoundaryPut':
        return {
          ...state,
          permissionsBoundary: { policyId: event.data.policyId, policyArn: event.data.policyArn },
        };
      case 'RolePermissionsBoundaryDeleted':
        return { ...state, permissionsBoundary: null };
      case 'RolePolicyPut':
        return {
          ...state,
          inlinePolicies: putInline(state.inlinePolicies, {
            policyName: event.data.policyName,
            policyDocument: event.data.policyDocument,
            size: event.data.size,
          }),
        };
      case 'RolePolicyDeleted':
        return {
          ...state,
          inlinePolicies: state.inlinePolicies.filter(
            (p) => p.policyName !== event.data.policyName,
          ),
        };
      case 'RolePolicyAttached':
        return {
          ...state,
          attachedPolicies: [
            ...state.attachedPolicies,
            { policyId: event.data.policyId, policyArn: event.data.policyArn },
          ],
        };
      case 'RolePolicyDetached':
        return {
          ...state,
          attachedPolicies: state.attachedPolicies.filter(
            (p) => p.policyId !== event.data.policyId,
          ),
        };
    }
  },
};
