import type { Evolver } from '../shared/events.js';
import { mergeTags, removeTags, type Tag } from '../shared/tags.js';
import type { ManagedPolicyEvent, PolicyEntityType, PolicyUsage } from './events.js';

/** A version of a managed policy. */
export interface PolicyVersion {
  readonly versionId: string;
  readonly policyDocument: string;
  readonly createdAt: string;
}

/** A user, group or role using the policy. */
export interface PolicyUser {
  readonly entityType: PolicyEntityType;
  readonly entityId: string;
  readonly usage: PolicyUsage;
}

/** A managed policy as its stream tells it. */
export interface ManagedPolicyState {
  readonly status: 'absent' | 'active' | 'deleted';
  readonly policyId: string;
  readonly policyName: string;
  readonly path: string;
  readonly arn: string;
  readonly description: string | null;
  readonly tags: readonly Tag[];
  readonly createdAt: string;
  readonly updatedAt: string;
  /** Oldest first. */
  readonly versions: readonly PolicyVersion[];
  readonly defaultVersionId: string;
  /** Version numbers are never reused: the next one is one more than the highest ever made. */
  readonly lastVersionNumber: number;
  readonly usedBy: readonly PolicyUser[];
}

/** The default version's document. */
export function defaultDocument(state: ManagedPolicyState): string | undefined {
  return state.versions.find((v) => v.versionId === state.defaultVersionId)?.policyDocument;
}

/** The fold of a managed policy stream; `at` is the event's time (ISO). */
export function evolveManagedPolicy(
  state: ManagedPolicyState,
  event: ManagedPolicyEvent,
  at: string,
): ManagedPolicyState {
  switch (event.type) {
    case 'PolicyCreated':
      return {
        status: 'active',
        policyId: event.data.policyId,
        policyName: event.data.policyName,
        path: event.data.path,
        arn: event.data.arn,
        description: event.data.description,
        tags: event.data.tags,
        createdAt: at,
        updatedAt: at,
        versions: [
          {
            versionId: event.data.versionId,
            policyDocument: event.data.policyDocument,
            createdAt: at,
          },
        ],
        defaultVersionId: event.data.versionId,
        lastVersionNumber: 1,
        usedBy: [],
      };
    case 'PolicyVersionCreated':
      return {
        ...state,
        versions: [
          ...state.versions,
          {
            versionId: event.data.versionId,
            policyDocument: event.data.policyDocument,
            createdAt: at,
          },
        ],
        defaultVersionId: event.data.setAsDefault ? event.data.versionId : state.defaultVersionId,
        lastVersionNumber: Number(event.data.versionId.slice(1)),
        updatedAt: at,
      };
    case 'DefaultPolicyVersionSet':
      return { ...state, defaultVersionId: event.data.versionId, updatedAt: at };
    case 'PolicyVersionDeleted':
      return {
        ...state,
        versions: state.versions.filter((v) => v.versionId !== event.data.versionId),
        updatedAt: at,
      };
    case 'PolicyDeleted':
      return { ...state, status: 'deleted', usedBy: [], versions: [] };
    case 'PolicyTagged':
      return { ...state, tags: mergeTags(state.tags, event.data.tags) };
    case 'PolicyUntagged':
      return { ...state, tags: removeTags(state.tags, event.data.tagKeys) };
    case 'PolicyAttached':
      return {
        ...state,
        usedBy: [
          ...state.usedBy,
          {
            entityType: event.data.entityType,
            entityId: event.data.entityId,
            usage: event.data.usage,
          },
        ],
      };
    case 'PolicyDetached':
      return {
        ...state,
        usedBy: state.usedBy.filter(
          (u) => !(u.entityId === event.data.entityId && u.usage === event.data.usage),
        ),
      };
  }
}

const EMPTY: ManagedPolicyState = {
  status: 'absent',
  policyId: '',
  policyName: '',
  path: '/',
  arn: '',
  description: null,
  tags: [],
  createdAt: '',
  updatedAt: '',
  versions: [],
  defaultVersionId: '',
  lastVersionNumber: 0,
  usedBy: [],
};

/** The fold of a managed policy stream. */
export const managedPolicyEvolver: Evolver<ManagedPolicyState, ManagedPolicyEvent> = {
  initialState: EMPTY,
  evolve: evolveManagedPolicy,
};
