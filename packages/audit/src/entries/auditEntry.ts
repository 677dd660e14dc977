import type { Queryable, RecordedEvent } from '@gatehouse/event-store';
import { streamCategory } from '@gatehouse/iam';
import { requestIdOfStream } from '@gatehouse/workflow';
import { changeRequestsOf, type ChangeRequestRecord } from '../provenance/changeRequests.js';
import { encodeCursor } from '../history/cursor.js';
import { diffStates, type ChangeLine } from './diff.js';
import { entityIdOf, statesAround, type StreamStateCache } from './entityStates.js';
import { redact } from './redact.js';

/** Who did it: the recorded actor and, behind a role session, the person. */
export interface AuditActor {
  readonly arn: string;
  /** `User`, `AssumedRole`, `Root`, `Service`, `System`. */
  readonly principalType: string | null;
  /** The person behind an assumed role (the user who started the session chain). */
  readonly originalPrincipalArn: string | null;
  /** The role, when the actor is a role session. */
  readonly roleArn: string | null;
  readonly sessionId: string | null;
  readonly accessKeyId: string | null;
  readonly mfaAuthenticated: boolean | null;
  readonly sourceIp: string | null;
  readonly userAgent: string | null;
}

/** One history entry: what changed, who, from where, when, and through which request. */
export interface AuditEntry {
  readonly cursor: string;
  readonly eventId: string;
  readonly type: string;
  /** The command or action that caused it (`AttachUserPolicy`), when recorded. */
  readonly action: string | null;
  readonly streamId: string;
  readonly streamVersion: number;
  /** What the stream is about: `user`, `group`, `role`, `policy`, `session`, `change-request`... */
  readonly targetKind: string;
  readonly targetId: string;
  /** The entity's ARN after (or before, when deleted) the event, when it has one. */
  readonly targetArn: string | null;
  readonly occurredAt: Date;
  readonly recordedAt: Date;
  readonly globalPosition: bigint;
  readonly transactionId: bigint;
  readonly correlationId: string | null;
  readonly causationId: string | null;
  readonly actor: AuditActor;
  /** The event's data, secrets withheld (JSON text). */
  readonly data: string;
  /** What changed in the entity (empty for streams without an entity state). */
  readonly changes: readonly ChangeLine[];
  readonly changeRequest: ChangeRequestRecord | null;
}

function text(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

function roleOf(arn: string): string | null {
  const match = /^arn:([^:]+):sts::(\d{12}):assumed-role\/([^/]+)\/[^/]+$/.exec(arn);
  return match === null ? null : `arn:${match[1]}:iam::${match[2]}:role/${match[3]}`;
}

function actorOf(event: RecordedEvent): AuditActor {
  const meta = event.metadata;
  return {
    arn: event.actor,
    principalType: text(meta.principalType),
    originalPrincipalArn: text(meta.originalPrincipalArn),
    roleArn: roleOf(event.actor),
    sessionId: text(meta.sessionId),
    accessKeyId: text(meta.accessKeyId),
    mfaAuthenticated: typeof meta.mfaAuthenticated === 'boolean' ? meta.mfaAuthenticated : null,
    sourceIp: text(meta.sourceIp),
    userAgent: text(meta.userAgent),
  };
}

function targetOf(event: RecordedEvent): { kind: string; id: string } {
  const request = requestIdOfStream(event.streamId);
  if (request !== undefined) return { kind: 'change-request', id: request };
  const category = streamCategory(event.streamId);
  if (category === undefined) return { kind: 'stream', id: event.streamId };
  if (category === 'account') return { kind: 'account', id: 'account' };
  return { kind: category, id: entityIdOf(event.streamId) };
}

function arnOf(state: unknown): string | null {
  if (state === null || typeof state !== 'object') return null;
  const arn = (state as { arn?: unknown }).arn;
  return typeof arn === 'string' ? arn : null;
}

/** Renders events as history entries (diffs, actors, provenance), in the order given. */
export async function renderEntries(
  db: Queryable,
  events: readonly RecordedEvent[],
  cache: StreamStateCache,
): Promise<AuditEntry[]> {
  const [states, requests] = await Promise.all([
    statesAround(db, events, cache),
    changeRequestsOf(db, events),
  ]);
  return events.map((event) => {
    const pair = states.get(event.eventId);
    const target = targetOf(event);
    return {
      cursor: encodeCursor(event),
      eventId: event.eventId,
      type: event.type,
      action: text(event.metadata.command),
      streamId: event.streamId,
      streamVersion: event.streamVersion,
      targetKind: target.kind,
      targetId: target.id,
      targetArn: arnOf(pair?.after) ?? arnOf(pair?.before),
      occurredAt: event.occurredAt,
      recordedAt: event.recordedAt,
      globalPosition: event.globalPosition,
      transactionId: event.transactionId,
      correlationId: event.correlationId,
      causationId: event.causationId,
      actor: actorOf(event),
      data: JSON.stringify(redact(event.data)),
      changes: pair === undefined ? [] : diffStates(pair.before, pair.after),
      changeRequest: requests.get(event.eventId) ?? null,
    };
  });
}
