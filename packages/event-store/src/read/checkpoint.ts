import { EventStoreError } from '../errors.js';

/**
 * A position in the consumer order of the log: events are read in
 * (transactionId, globalPosition) order, and a checkpoint is the last event read.
 * The order is total and, below the oldest in-flight transaction, final: no
 * event can later appear before a checkpoint already handed out.
 */
export interface Checkpoint {
  readonly transactionId: bigint;
  readonly globalPosition: bigint;
}

/** The checkpoint before the first event. */
export const START_CHECKPOINT: Checkpoint = Object.freeze({
  transactionId: 0n,
  globalPosition: 0n,
});

/** The checkpoint of an event (its place in the consumer order). */
export function checkpointOf(event: {
  readonly transactionId: bigint;
  readonly globalPosition: bigint;
}): Checkpoint {
  return { transactionId: event.transactionId, globalPosition: event.globalPosition };
}

/** Orders checkpoints: negative when `a` comes first, 0 when equal, positive after. */
export function compareCheckpoints(a: Checkpoint, b: Checkpoint): number {
  if (a.transactionId !== b.transactionId) return a.transactionId < b.transactionId ? -1 : 1;
  if (a.globalPosition !== b.globalPosition) return a.globalPosition < b.globalPosition ? -1 : 1;
  return 0;
}

/** `transactionId:globalPosition`, e.g. for logs, headers and URLs. */
export function formatCheckpoint(checkpoint: Checkpoint): string {
  return `${checkpoint.transactionId.toString()}:${checkpoint.globalPosition.toString()}`;
}

/**
 * Parses {@link formatCheckpoint}'s form.
 * @throws EventStoreError `INVALID_ARGUMENT`
 */
export function parseCheckpoint(text: string): Checkpoint {
  const match = /^(\d{1,20}):(\d{1,19})$/.exec(text);
  if (match === null) {
    throw new EventStoreError(
      'INVALID_ARGUMENT',
      `checkpoint \`${text.slice(0, 64)}\` is not of the form transactionId:globalPosition`,
    );
  }
  return { transactionId: BigInt(match[1] ?? '0'), globalPosition: BigInt(match[2] ?? '0') };
}

/** Rejects checkpoints outside the ranges of xid8 and bigint. */
export function assertCheckpoint(checkpoint: Checkpoint, what = 'checkpoint'): void {
  const { transactionId, globalPosition } = checkpoint;
  if (
    typeof transactionId !== 'bigint' ||
    typeof globalPosition !== 'bigint' ||
    transactionId < 0n ||
    transactionId > 0xffff_ffff_ffff_ffffn ||
    globalPosition < 0n ||
    globalPosition > 0x7fff_ffff_ffff_ffffn
  ) {
    throw new EventStoreError('INVALID_ARGUMENT', `${what} is out of range`);
  }
}
