import type pg from 'pg';
import { saveCheckpoint } from './checkpointStore.js';
import {
  EventConsumer,
  type BatchHandler,
  type ConsumerSettings,
  type ProjectionHandler,
  type ResetHandler,
} from './eventConsumer.js';

/** Options of {@link createConsumer}. */
export interface ConsumerOptions extends ConsumerSettings {
  /** Handles each batch; throw to have it retried (from the stored checkpoint) after a backoff. */
  readonly handle: BatchHandler;
}

/** Options of {@link createProjection}. */
export interface ProjectionOptions extends ConsumerSettings {
  /** Writes each batch into the read model through the given transaction. */
  readonly project: ProjectionHandler;
  /** Empties the read model for {@link EventConsumer.rebuild}. */
  readonly reset?: ResetHandler;
}

/**
 * A consumer with at-least-once delivery: the checkpoint is stored after the
 * handler resolved, so a crash in between repeats (never skips) the batch. For
 * side effects outside this database (the Kafka relay, e-mail), which must be
 * idempotent or deduplicated downstream.
 */
export function createConsumer(pool: pg.Pool, options: ConsumerOptions): EventConsumer {
  const { handle } = options;
  return new EventConsumer(pool, options, {
    async process(session, events, context, revision) {
      await handle(events, context);
      return saveCheckpoint(session, context.consumerId, revision, context.to);
    },
  });
}

/**
 * A projection into this database with exactly-once effect: each batch's
 * read-model writes and the checkpoint commit in one transaction, so a crash
 * leaves both before or both after the batch. Rebuild with
 * {@link EventConsumer.rebuild}: the reset handler empties the read model and
 * the checkpoint returns to the start, atomically.
 */
export function createProjection(pool: pg.Pool, options: ProjectionOptions): EventConsumer {
  const { project, reset } = options;
  return new EventConsumer(pool, options, {
    async process(session, events, context, revision) {
      await session.query('BEGIN');
      try {
        await project(events, session, context);
        const next = await saveCheckpoint(session, context.consumerId, revision, context.to);
        await session.query('COMMIT');
        return next;
      } catch (error) {
        await session.query('ROLLBACK').catch(() => undefined);
        throw error;
      }
    },
    ...(reset === undefined ? {} : { reset }),
  });
}
