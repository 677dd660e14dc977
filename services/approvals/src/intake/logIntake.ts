/**
 * Where the approvals service reads the log from: PostgreSQL (the projection
 * runner) or Kafka (the relay's topic through the idempotent applier). Either
 * way the workflow's read models and the webhook outbox are written exactly
 * once per event, and `onProgress` wakes the worker.
 */
export interface LogIntake {
  readonly mode: 'postgres' | 'kafka';
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Resolves once what is committed now has been taken in (best effort in Kafka mode). */
  catchUp(): Promise<void>;
  /** Running and not failed. */
  healthy(): boolean;
}
