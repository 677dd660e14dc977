import { putInline, type Evolver, type InlinePolicy, type PolicyRef } from '../shared/events.js';
import type { GroupEvent } from './events.js';

/** A group as its stream tells it. */
export interface GroupState {
  readonly status: 'absent' | 'active' | 'deleted';
  readonly groupId: string;
  readonly groupName: string;
  readonly path: string;
  readonly arn: string;
  readonly createdAt: string;
  /** User ids. */
  readonly members: readonly string[];
  readonly inlinePolicies: readonly InlinePolicy[];
  readonly attachedPolicies: readonly PolicyRef[];
}

const EMPTY: GroupState = {
  status: 'absent',
  groupId: '',
  groupName: '',
  path: '/',
  arn: '',
  createdAt: '',
  members: [],
  inlinePolicies: [],
  attachedPolicies: [],
};

/** The fold of a group stream. */
export const groupEvolver: Evolver<GroupState, GroupEvent> = {
  initialState: EMPTY,
  evolve(state, event, at) {
    switch (event.type) {
      case 'GroupCreated':
        return {
          ...EMPTY,
          status: 'active',
          groupId: event.data.groupId,
          groupName: event.data.groupName,
          path: event.data.path,
          arn: event.data.arn,
          createdAt: at,
        };
      case 'GroupUpdated':
        return {
          ...state,
          groupName: event.data.groupName,
          path: event.data.path,
          arn: event.data.arn,
        };
      case 'GroupDeleted':
        return { ...state, status: 'deleted' };
      case 'GroupMemberAdded':
        return { ...state, members: [...state.members, event.data.userId] };
      case 'GroupMemberRemoved':
        return { ...state, members: state.members.filter((id) => id !== event.data.userId) };
      case 'GroupPolicyPut':
        return {
          ...state,
          inlinePolicies: putInline(state.inlinePolicies, {
            policyName: event.data.policyName,
            policyDocument: event.data.policyDocument,
            size: event.data.size,
          }),
        };
      case 'GroupPolicyDeleted':
        return {
          ...state,
          inlinePolicies: state.inlinePolicies.filter(
            (p) => p.policyName !== event.data.policyName,
          ),
        };
      case 'GroupPolicyAttached':
        return {
          ...state,
          attachedPolicies: [
            ...state.attachedPolicies,
            { policyId: event.data.policyId, policyArn: event.data.policyArn },
          ],
        };
      case 'GroupPolicyDetached':
        return {
          ...state,
          attachedPolicies: state.attachedPolicies.filter(
            (p) => p.policyId !== event.data.policyId,
          ),
        };
    }
  },
};
