import type { Queryable } from '@gatehouse/event-store';
import { entityStream, nameStream, parseIamArn } from '@gatehouse/iam';
import { requestStream } from '@gatehouse/workflow';
import { readStreams } from './eventLog.js';

const STREAM_ID = /^[A-Za-z0-9][A-Za-z0-9._:@/+=,-]{0,199}$/;
const REQUEST_ARN = /^arn:gatehouse:approvals::\d{12}:change-request\/([0-9a-f-]{36})$/;

/**
 * Every entity id that held an IAM name (entities are keyed by immutable ids;
 * a name can be released and taken again), read from the name's stream.
 */
export async function entityIdsOfName(
  db: Queryable,
  kind: 'user' | 'group' | 'role' | 'policy' | 'mfa',
  name: string,
): Promise<string[]> {
  const stream = nameStream(kind, name);
  const events = await readStreams(db, [stream]);
  const ids = new Set<string>();
  for (const event of events) {
    const id = (event.data as { entityId?: unknown }).entityId;
    if (typeof id === 'string') ids.add(id);
  }
  return [...ids];
}

/**
 * The streams a target names: an IAM ARN (the name's stream and every entity
 * that held it), a change request ARN (its stream), or a stream id as is.
 * Unknown names resolve to no stream (the filter then matches nothing).
 */
export async function streamsOfTargets(
  db: Queryable,
  targets: readonly string[],
): Promise<string[]> {
  const streams = new Set<string>();
  for (const target of targets) {
    const iam = parseIamArn(target);
    if (iam !== undefined) {
      streams.add(nameStream(iam.kind, iam.name));
      const kind = iam.kind;
      for (const id of await entityIdsOfName(db, kind, iam.name))
        streams.add(entityStream(kind, id));
      continue;
    }
    const request = REQUEST_ARN.exec(target)?.[1];
    if (request !== undefined) {
      streams.add(requestStream(request));
      continue;
    }
    if (STREAM_ID.test(target)) streams.add(target);
  }
  return [...streams];
}
