/**
 * Points in the processing of a request where a crash is most interesting; the
 * crash tests kill the process at each (hooks are no-ops in production).
 */
export type CrashPoint =
  /** The request is due; nothing applied yet. */
  | 'before-apply'
  /** IAM's commit (with the workflow's record) succeeded; the process has not seen the reply. */
  | 'after-iam-commit'
  /** Applied and recorded. */
  | 'after-apply'
  /** One assignment of an ending grant released (removed or retained). */
  | 'after-release'
  /** The ending grant's sessions revoked; the end not yet recorded. */
  | 'after-sessions-revoked';

/** Observes processing points (tests inject a crash). */
export type ProcessingHook = (point: CrashPoint, requestId: string) => void;
