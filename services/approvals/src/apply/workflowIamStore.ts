import { AsyncLocalStorage } from 'node:async_hooks';
import type {
  CommitRequest,
  CommitResult,
  EventPage,
  IamStore,
  StreamAppend,
  StreamRead,
} from '@gatehouse/iam';
import type { Checkpoint, PointInTime } from '@gatehouse/event-store';

/**
 * Workflow events to commit in the same transaction as the IAM command that
 * runs inside {@link WorkflowIamStore.run}. `appends` sees what IAM decided;
 * `committed` tells afterwards whether IAM wrote anything (a no-op command,
 * such as adding a member twice, commits nothing: the caller then appends the
 * workflow events itself).
 */
export interface IamCommitAttachment {
  readonly appends: (request: CommitRequest) => readonly StreamAppend[];
  committed: boolean;
  /** Called just after the commit succeeded, before IAM returns (crash tests). */
  readonly onCommitted?: () => void;
}

function byStream(a: StreamAppend, b: StreamAppend): number {
  return a.streamId < b.streamId ? -1 : a.streamId > b.streamId ? 1 : 0;
}

/**
 * The IAM store of the approvals service: the real one, plus one thing: a
 * command executed inside {@link run} commits the workflow's own events
 * (GrantActivated, AssignmentHeld, ...) in the same transaction as IAM's, each
 * stream with its expected version. So an approved change and the record that
 * it was applied land together or not at all: a crash between them cannot
 * lose or double the change, and a retry sees the record and does nothing.
 */
export class WorkflowIamStore implements IamStore {
  readonly #inner: IamStore;
  readonly #attachments = new AsyncLocalStorage<IamCommitAttachment>();

  /** The inner store's notifications, when it has them. */
  readonly listen?: (onAppend: () => void) => Promise<() => Promise<void>>;

  constructor(inner: IamStore) {
    this.#inner = inner;
    if (inner.listen !== undefined) this.listen = inner.listen.bind(inner);
  }

  /** Runs `work` (one `IamService.execute`) with workflow events attached to its commit. */
  run<T>(attachment: IamCommitAttachment, work: () => Promise<T>): Promise<T> {
    return this.#attachments.run(attachment, work);
  }

  async commit(request: CommitRequest): Promise<CommitResult> {
    const attachment = this.#attachments.getStore();
    if (attachment === undefined) return this.#inner.commit(request);
    const extra = attachment.appends(request);
    const result = await this.#inner.commit({
      ...request,
      // Streams in one order everywhere, so two commits never lock in opposite orders.
      appends: [...request.appends, ...extra].sort(byStream),
    });
    attachment.committed = true;
    attachment.onCommitted?.();
    return result;
  }

  readStream(streamId: string, options?: { asOf?: PointInTime | undefined }): Promise<StreamRead> {
    return this.#inner.readStream(streamId, options);
  }

  readSecret(id: string): ReturnType<IamStore['readSecret']> {
    return this.#inner.readSecret(id);
  }

  readEvents(options: {
    after: Checkpoint;
    limit: number;
    asOf?: PointInTime | undefined;
  }): Promise<EventPage> {
    return this.#inner.readEvents(options);
  }

  recordLastUsed(credentialId: string, at: Date): Promise<void> {
    return this.#inner.recordLastUsed(credentialId, at);
  }

  readLastUsed(credentialIds: readonly string[]): Promise<ReadonlyMap<string, Date>> {
    return this.#inner.readLastUsed(credentialIds);
  }
}
