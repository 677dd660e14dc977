import { holderChange, isHolderEvent } from '../principals/policyHolder/events.js';
import {
  evolvePrincipalHolder,
  type PrincipalHolderState,
} from '../principals/policyHolder/evolve.js';
import type { Evolver } from '../shared/events.js';
import { ROLE_POLICY_HOLDER, type RoleEvent } from './events.js';

/** A role as its stream tells it (its policies, boundary and tags: see {@link PrincipalHolderState}). */
export interface RoleState extends PrincipalHolderState {
  readonly status: 'absent' | 'active' | 'deleted';
  readonly roleId: string;
  readonly roleName: string;
  readonly path: string;
  readonly arn: string;
  readonly createdAt: string;
  readonly assumeRolePolicyDocument: string;
  readonly description: string | null;
  readonly maxSessionDuration: number;
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
    if (isHolderEvent(ROLE_POLICY_HOLDER, event))
      return evolvePrincipalHolder(state, holderChange(ROLE_POLICY_HOLDER, event));
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
    }
  },
};
