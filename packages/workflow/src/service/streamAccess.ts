import {
  formatCheckpoint,
  isEventStoreError,
  type EventInput,
  type EventStore,
  type JsonObject,
  type RecordedEvent,
} from '@gatehouse/event-store';
import type pg from 'pg';
import type { DomainEvent } from '../request/events.js';
import { WorkflowError } from '../shared/workflowError.js';

/** The event store operations the workflow uses. */
export type WorkflowEventStore = Pick<EventStore, 'appendToStream' | 'readStream'>;

/** A stream read: its version (the next append's expectation) and its events. */
export interface LoadedStream {
  readonly streamId: string;
  readonly version: number;
  readonly events: readonly RecordedEvent[];
}

/**
 * Reads a whole stream (paged). The version is the last event's: the store's
 * `currentVersion` comes from a separate query and can be ahead of the events
 * read under concurrent appends, which would let a decision made on stale
 * events pass the expected-version check.
 */
export async function loadStream(
  store: WorkflowEventStore,
  streamId: string,
): Promise<LoadedStream> {
  const events: RecordedEvent[] = [];
  try {
    for (let from = 1; ;) {
      const read = await store.readStream(streamId, { fromVersion: from });
      events.push(...read.events);
      if (read.events.length < 10_000) break;
      from = (read.events.at(-1)?.streamVersion ?? from) + 1;
    }
  } catch (error) {
    throw serviceFailure(error);
  }
  return { streamId, version: events.at(-1)?.streamVersion ?? 0, events };
}

/** Audit fields every workflow event carries besides its data. */
export interface EventAudit {
  readonly actor: string;
  readonly correlationId: string;
  readonly causationId: string;
  readonly occurredAt: Date;
  readonly metadata: JsonObject;
}

/** Domain events as event-store inputs. */
export function toInputs(
  events: readonly DomainEvent[],
  audit: EventAudit,
): EventInput<string, object>[] {
  return events.map((event) => ({
    type: event.type,
    data: event.data,
    actor: audit.actor,
    correlationId: audit.correlationId,
    causationId: audit.causationId,
    occurredAt: audit.occurredAt,
    metadata: audit.metadata,
  }));
}

/** Thrown when a stream moved since it was read: decide again from fresh state. */
export class StreamMoved extends Error {
  override readonly name = 'StreamMoved';
}

/**
 * Appends at the version read; `StreamMoved` when another writer got there first.
 * Returns the checkpoint (text) of the last event.
 */
export async function appendAt(
  store: WorkflowEventStore,
  streamId: string,
  expectedVersion: number,
  events: readonly EventInput<string, object>[],
  transaction?: pg.ClientBase,
): Promise<string | null> {
  if (events.length === 0) return null;
  try {
    const result = await store.appendToStream(streamId, events, {
      expectedVersion,
      ...(transaction === undefined ? {} : { transaction }),
    });
    return result.checkpoint === null ? null : formatCheckpoint(result.checkpoint);
  } catch (error) {
    if (
      isEventStoreError(error, 'WRONG_EXPECTED_VERSION') ||
      isEventStoreError(error, 'TRANSACTION_ORDER_CONFLICT')
    ) {
      throw new StreamMoved(error.message);
    }
    throw serviceFailure(error);
  }
}

/** Runs `attempt` again once when the stream moved, then reports `CONCURRENT_MODIFICATION`. */
export async function withRetry<T>(attempt: () => Promise<T>): Promise<T> {
  for (let tries = 1; ; tries += 1) {
    try {
      return await attempt();
    } catch (error) {
      if (!(error instanceof StreamMoved)) throw error;
      if (tries >= 3) {
        throw new WorkflowError(
          'CONCURRENT_MODIFICATION',
          'the request changed concurrently; retry',
          {
            cause: error,
          },
        );
      }
    }
  }
}

/** A failure of the store as the workflow's error. */
export function serviceFailure(error: unknown): WorkflowError {
  if (error instanceof WorkflowError) return error;
  return new WorkflowError(
    'SERVICE_FAILURE',
    `the event store failed${isEventStoreError(error) ? `: ${error.code}` : ''}`,
    { cause: error },
  );
}
