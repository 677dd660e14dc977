import {
  compareCheckpoints,
  DEFAULT_APPEND_LIMITS,
  prepareEvents,
  type Checkpoint,
  type PointInTime,
} from '@gatehouse/event-store';
import type {
  CommitRequest,
  CommitResult,
  EventPage,
  IamStore,
  StreamRead,
} from '../commandHandling/iamStore.js';
import { StreamConflict } from '../commandHandling/iamStore.js';
import type { SecretRecord } from '../credentials/secretStore.js';
import type { StoredEvent } from '../shared/events.js';
import { IamError } from '../shared/iamError.js';

/**
 * An {@link IamStore} in memory for unit tests: the same contract as the
 * PostgreSQL one (expected versions, all-or-nothing commits, events checked by
 * the event store's own `prepareEvents`, insert-only secrets, forward-only TOTP
 * steps), with nothing shared between instances.
 */
export class InMemoryIamStore implements IamStore {
  readonly #streams = new Map<string, StoredEvent[]>();
  readonly #log: StoredEvent[] = [];
  readonly #secrets = new Map<string, SecretRecord>();
  readonly #mfaSteps = new Map<string, number>();
  readonly #lastUsed = new Map<string, Date>();
  #transaction = 0n;
  #position = 0n;
  /** Called before each commit is applied (tests use it to interleave a competing writer). */
  beforeCommit: ((request: CommitRequest) => Promise<void> | void) | undefined;

  /** Every event in log order (tests assert on it). */
  get events(): readonly StoredEvent[] {
    return this.#log;
  }

  /** Every stored secret (tests check that nothing secret reached the log). */
  get secrets(): ReadonlyMap<string, SecretRecord> {
    return this.#secrets;
  }

  /** The last accepted TOTP step of a device. */
  mfaStep(deviceId: string): number | undefined {
    return this.#mfaSteps.get(deviceId);
  }

  readStream(
    streamId: string,
    options: { asOf?: PointInTime | undefined } = {},
  ): Promise<StreamRead> {
    const events = this.#streams.get(streamId) ?? [];
    return Promise.resolve({
      version: events.length,
      events: events.filter((e) => visible(e, options.asOf)),
    });
  }

  async commit(request: CommitRequest): Promise<CommitResult> {
    await this.beforeCommit?.(request);
    for (const append of request.appends) {
      const version = this.#streams.get(append.streamId)?.length ?? 0;
      if (version !== append.expectedVersion) {
        throw new StreamConflict(
          `stream ${append.streamId} is at ${version}, expected ${append.expectedVersion}`,
        );
      }
    }
    for (const advance of request.mfaSteps) {
      const last = this.#mfaSteps.get(advance.deviceId);
      if (last !== undefined && last >= advance.step) {
        throw new IamError('INVALID_AUTHENTICATION_CODE', 'this MFA code was already used');
      }
    }
    for (const secret of request.secrets) {
      if (this.#secrets.has(secret.id)) throw new Error(`secret ${secret.id} exists (insert-only)`);
    }
    // The event store's own checks (names, JSON, sizes) before changing anything;
    // only their verdict is used, not the shape of what they prepare.
    for (const append of request.appends)
      prepareEvents(append.streamId, append.events, DEFAULT_APPEND_LIMITS);
    this.#transaction += 1n;
    let checkpoint: Checkpoint | null = null;
    for (const append of request.appends) {
      const stream = this.#streams.get(append.streamId) ?? [];
      for (const event of append.events) {
        this.#position += 1n;
        const stored: StoredEvent = {
          streamId: append.streamId,
          streamVersion: stream.length + 1,
          type: event.type,
          data: JSON.parse(JSON.stringify(event.data)) as object,
          occurredAt: new Date((event.occurredAt ?? new Date()).getTime()),
          actor: event.actor,
          globalPosition: this.#position,
          transactionId: this.#transaction,
        };
        stream.push(stored);
        this.#log.push(stored);
        this.metadata.set(stored.globalPosition, {
          metadata: event.metadata ?? {},
          causationId: event.causationId ?? null,
          correlationId: event.correlationId ?? null,
        });
        checkpoint = { transactionId: this.#transaction, globalPosition: this.#position };
      }
      this.#streams.set(append.streamId, stream);
    }
    for (const secret of request.secrets) this.#secrets.set(secret.id, { ...secret });
    for (const advance of request.mfaSteps) this.#mfaSteps.set(advance.deviceId, advance.step);
    return { checkpoint };
  }

  /** Metadata and ids of each event, by global position. */
  readonly metadata = new Map<
    bigint,
    { metadata: object; causationId: string | null; correlationId: string | null }
  >();

  readSecret(id: string): Promise<SecretRecord | undefined> {
    return Promise.resolve(this.#secrets.get(id));
  }

  readEvents(options: {
    after: Checkpoint;
    limit: number;
    asOf?: PointInTime | undefined;
  }): Promise<EventPage> {
    const events = this.#log
      .filter((e) => compareCheckpoints(e, options.after) > 0 && visible(e, options.asOf))
      .slice(0, options.limit);
    const last = events.at(-1);
    return Promise.resolve({
      events,
      next:
        last === undefined
          ? options.after
          : { transactionId: last.transactionId, globalPosition: last.globalPosition },
      isEnd: events.length < options.limit,
    });
  }

  recordLastUsed(credentialId: string, at: Date): Promise<void> {
    this.#lastUsed.set(credentialId, at);
    return Promise.resolve();
  }

  readLastUsed(credentialIds: readonly string[]): Promise<ReadonlyMap<string, Date>> {
    const found = new Map<string, Date>();
    for (const id of credentialIds) {
      const at = this.#lastUsed.get(id);
      if (at !== undefined) found.set(id, at);
    }
    return Promise.resolve(found);
  }
}

function visible(event: StoredEvent, asOf: PointInTime | undefined): boolean {
  if (asOf === undefined) return true;
  if ('checkpoint' in asOf) return compareCheckpoints(event, asOf.checkpoint) <= 0;
  return event.occurredAt.getTime() <= asOf.time.getTime();
}
