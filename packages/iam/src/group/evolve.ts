import { holderChange, isHolderEvent } from '../principals/policyHolder/events.js';
import { evolvePolicyHolder, type PolicyHolderState } from '../principals/policyHolder/evolve.js';
import type { Evolver } from '../shared/events.js';
import { GROUP_POLICY_HOLDER, type GroupEvent } from './events.js';

/** A group as its stream tells it (its policies: see {@link PolicyHolderState}). */
export interface GroupState extends PolicyHolderState {
  readonly status: 'absent' | 'active' | 'deleted';
  readonly groupId: string;
  readonly groupName: string;
  readonly path: string;
  readonly arn: string;
  readonly createdAt: string;
  /** User ids. */
  readonly members: readonly string[];
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
    if (isHolderEvent(GROUP_POLICY_HOLDER, event))
      return evolvePolicyHolder(state, holderChange(GROUP_POLICY_HOLDER, event));
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
    }
  },
};
