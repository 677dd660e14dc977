import type { Checkpoint, EventInput, PointInTime } from '@gatehouse/event-store';
import type { SecretRecord } from '../credentials/secretStore.js';
import type { StoredEvent } from '../shared/events.js';

/** A stream as read: its current version and its events (oldest first). */
export interface StreamRead {
  readonly version: number;
  readonly events: readonly StoredEvent[];
}

/** Events for one stream, appended only if the stream is still at `expectedVersion` (0: no stream). */
export interface StreamAppend {
  readonly streamId: string;
  readonly expectedVersion: number;
  readonly events: readonly EventInput<string, object>[];
}

/** Advance a device's last accepted TOTP step (compare-and-set: only forward). */
export interface MfaStepAdvance {
  readonly deviceId: string;
  readonly step: number;
}

/** Everything one command writes, all or nothing. */
export interface CommitRequest {
  readonly appends: readonly StreamAppend[];
  readonly secrets: readonly SecretRecord[];
  readonly mfaSteps: readonly MfaStepAdvance[];
}

/** Where the commit's last event sits in the log (null when nothing was appended). */
export interface CommitResult {
  readonly checkpoint: Checkpoint | null;
}

/** A page of IAM events in consumer order. */
export interface EventPage {
  readonly events: readonly StoredEvent[];
  readonly next: Checkpoint;
  readonly isEnd: boolean;
}

/**
 * Another writer changed one of the streams since it was read: the command is
 * decided again from fresh state (once), then reported as `CONCURRENT_MODIFICATION`.
 */
export class StreamConflict extends Error {
  override readonly name = 'StreamConflict';
}

/**
 * What the IAM domain needs from storage: the event log (through
 * `@gatehouse/event-store`), the insert-only secrets table, the TOTP step
 * counters and the last-used table. {@link PostgresIamStore} is the real one;
 * tests of pure logic use `InMemoryIamStore` from `@gatehouse/iam/testing`.
 */
export interface IamStore {
  /** A stream's events, optionally as of a point in time. */
  readStream(streamId: string, options?: { asOf?: PointInTime | undefined }): Promise<StreamRead>;
  /**
   * Appends to every stream with its expected version, inserts the secrets and
   * advances the TOTP steps in one transaction.
   * @throws StreamConflict when a stream moved; IamError `INVALID_AUTHENTICATION_CODE`
   *   when a TOTP step was already used
   */
  commit(request: CommitRequest): Promise<CommitResult>;
  /** A secret by id. */
  readSecret(id: string): Promise<SecretRecord | undefined>;
  /** IAM events (streams `iam-...`) after a checkpoint, in consumer order. */
  readEvents(options: {
    after: Checkpoint;
    limit: number;
    asOf?: PointInTime | undefined;
  }): Promise<EventPage>;
  /** Records that a credential was used (throttled by the caller; not the audit log). */
  recordLastUsed(credentialId: string, at: Date): Promise<void>;
  /** When each credential was last used. */
  readLastUsed(credentialIds: readonly string[]): Promise<ReadonlyMap<string, Date>>;
  /** Calls `onAppend` soon after events are appended anywhere; resolves to an unsubscribe function. */
  listen?(onAppend: () => void): Promise<() => Promise<void>>;
}
