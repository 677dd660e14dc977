import { holderChange, isHolderEvent } from '../principals/policyHolder/events.js';
import {
  evolvePrincipalHolder,
  type PrincipalHolderState,
} from '../principals/policyHolder/evolve.js';
import type { Evolver } from '../shared/events.js';
import { USER_POLICY_HOLDER, type UserEvent } from './events.js';

/** A long-term access key (the secret's hash is elsewhere). */
export interface AccessKeyInfo {
  readonly accessKeyId: string;
  readonly secretId: string;
  readonly status: 'Active' | 'Inactive';
  readonly createdAt: string;
}

/** The user's password, if it has one. */
export interface LoginProfile {
  readonly secretId: string;
  readonly createdAt: string;
  readonly passwordResetRequired: boolean;
  readonly passwordChangedAt: string;
}

/** An enabled MFA device of the user. */
export interface UserMfaDevice {
  readonly deviceId: string;
  readonly serialNumber: string;
  readonly enabledAt: string;
}

/** A user as its stream tells it (its policies, boundary and tags: see {@link PrincipalHolderState}). */
export interface UserState extends PrincipalHolderState {
  readonly status: 'absent' | 'active' | 'deleted';
  readonly userId: string;
  readonly userName: string;
  readonly path: string;
  readonly arn: string;
  readonly createdAt: string;
  readonly groupIds: readonly string[];
  readonly loginProfile: LoginProfile | null;
  /** Secret ids of the current and previous passwords, newest first (at most 25), for reuse prevention. */
  readonly passwordHistory: readonly string[];
  readonly accessKeys: readonly AccessKeyInfo[];
  readonly mfaDevices: readonly UserMfaDevice[];
}

const EMPTY: UserState = {
  status: 'absent',
  userId: '',
  userName: '',
  path: '/',
  arn: '',
  createdAt: '',
  tags: [],
  permissionsBoundary: null,
  inlinePolicies: [],
  attachedPolicies: [],
  groupIds: [],
  loginProfile: null,
  passwordHistory: [],
  accessKeys: [],
  mfaDevices: [],
};

function withPassword(state: UserState, secretId: string): readonly string[] {
  return [secretId, ...state.passwordHistory].slice(0, 25);
}

/** The fold of a user stream. */
export const userEvolver: Evolver<UserState, UserEvent> = {
  initialState: EMPTY,
  evolve(state, event, at) {
    if (isHolderEvent(USER_POLICY_HOLDER, event))
      return evolvePrincipalHolder(state, holderChange(USER_POLICY_HOLDER, event));
    switch (event.type) {
      case 'UserCreated':
        return {
          ...EMPTY,
          status: 'active',
          userId: event.data.userId,
          userName: event.data.userName,
          path: event.data.path,
          arn: event.data.arn,
          createdAt: at,
          tags: event.data.tags,
          permissionsBoundary: event.data.permissionsBoundary,
        };
      case 'UserUpdated':
        return {
          ...state,
          userName: event.data.userName,
          path: event.data.path,
          arn: event.data.arn,
        };
      case 'UserDeleted':
        return { ...state, status: 'deleted' };
      case 'UserAddedToGroup':
        return { ...state, groupIds: [...state.groupIds, event.data.groupId] };
      case 'UserRemovedFromGroup':
        return { ...state, groupIds: state.groupIds.filter((id) => id !== event.data.groupId) };
      case 'LoginProfileCreated':
        return {
          ...state,
          loginProfile: {
            secretId: event.data.secretId,
            createdAt: at,
            passwordResetRequired: event.data.passwordResetRequired,
            passwordChangedAt: at,
          },
          passwordHistory: withPassword(state, event.data.secretId),
        };
      case 'LoginProfileUpdated': {
        if (state.loginProfile === null) return state;
        const secretId = event.data.secretId;
        return {
          ...state,
          loginProfile: {
            ...state.loginProfile,
            passwordResetRequired: event.data.passwordResetRequired,
            ...(secretId === null ? {} : { secretId, passwordChangedAt: at }),
          },
          passwordHistory:
            secretId === null ? state.passwordHistory : withPassword(state, secretId),
        };
      }
      case 'LoginProfileDeleted':
        return { ...state, loginProfile: null };
      case 'UserPasswordChanged':
        if (state.loginProfile === null) return state;
        return {
          ...state,
          loginProfile: {
            ...state.loginProfile,
            secretId: event.data.secretId,
            passwordResetRequired: false,
            passwordChangedAt: at,
          },
          passwordHistory: withPassword(state, event.data.secretId),
        };
      case 'AccessKeyCreated':
        return {
          ...state,
          accessKeys: [
            ...state.accessKeys,
            {
              accessKeyId: event.data.accessKeyId,
              secretId: event.data.secretId,
              status: 'Active',
              createdAt: at,
            },
          ],
        };
      case 'AccessKeyUpdated':
        return {
          ...state,
          accessKeys: state.accessKeys.map((k) =>
            k.accessKeyId === event.data.accessKeyId ? { ...k, status: event.data.status } : k,
          ),
        };
      case 'AccessKeyDeleted':
        return {
          ...state,
          accessKeys: state.accessKeys.filter((k) => k.accessKeyId !== event.data.accessKeyId),
        };
      case 'UserMFADeviceEnabled':
        return {
          ...state,
          mfaDevices: [
            ...state.mfaDevices,
            { deviceId: event.data.deviceId, serialNumber: event.data.serialNumber, enabledAt: at },
          ],
        };
      case 'UserMFADeviceDeactivated':
        return {
          ...state,
          mfaDevices: state.mfaDevices.filter((d) => d.deviceId !== event.data.deviceId),
        };
    }
  },
};
