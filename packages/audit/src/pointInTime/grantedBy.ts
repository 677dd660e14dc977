import type { RecordedEvent } from '@gatehouse/event-store';
import type { AccountView } from '@gatehouse/iam';
import { entityIdOf } from '../entries/entityStates.js';

/**
 * The events (at or before the moment, newest first per kind) that put a
 * matched policy in force for the principal: the inline policy's last put, or
 * the managed policy's last attachment to the principal or its group plus the
 * policy's last default-version change, and the group membership it came through.
 */
export function eventsGrantingPolicy(
  events: readonly RecordedEvent[],
  view: AccountView,
  policyName: string,
): RecordedEvent[] {
  const hash = policyName.lastIndexOf('#');
  const found: RecordedEvent[] = [];
  const latest = (match: (event: RecordedEvent) => boolean) => {
    for (let i = events.length - 1; i >= 0; i--) {
      const event = events[i];
      if (event !== undefined && match(event)) {
        found.push(event);
        return event;
      }
    }
    return undefined;
  };
  const data = (event: RecordedEvent) => event.data as Record<string, unknown>;
  const arnOfStream = (streamId: string): string | undefined => {
    const id = entityIdOf(streamId);
    return view.user(id)?.arn ?? view.group(id)?.arn ?? view.role(id)?.arn;
  };
  let holderStream: string | undefined;
  if (hash !== -1) {
    const entityArn = policyName.slice(0, hash);
    const name = policyName.slice(hash + 1);
    holderStream = latest(
      (e) =>
        /^(User|Group|Role)PolicyPut$/.test(e.type) &&
        data(e).policyName === name &&
        arnOfStream(e.streamId) === entityArn,
    )?.streamId;
  } else {
    holderStream = latest(
      (e) =>
        /^(User|Group|Role)(PolicyAttached|PermissionsBoundaryPut)$/.test(e.type) &&
        data(e).policyArn === policyName,
    )?.streamId;
    latest(
      (e) =>
        e.type === 'DefaultPolicyVersionSet' &&
        e.streamId.startsWith('iam-policy-') &&
        view.policy(entityIdOf(e.streamId))?.arn === policyName,
    );
  }
  if (holderStream?.startsWith('iam-group-') === true) {
    const groupId = entityIdOf(holderStream);
    latest((e) => e.type === 'UserAddedToGroup' && data(e).groupId === groupId);
  }
  return found;
}
