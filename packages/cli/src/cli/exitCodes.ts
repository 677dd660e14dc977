/**
 * The CLI's exit codes (README, "Exit codes"). Stable: scripts and CI depend on them.
 */
export const EXIT_CODES = {
  /** Success (and, for `plan --detailed-exitcode`, no changes). */
  OK: 0,
  /** `validate`: findings at or above the threshold; `plan --detailed-exitcode`: changes. */
  FINDINGS_OR_CHANGES: 1,
  /** Bad usage: unknown command or option, bad value, missing confirmation, nothing to act on. */
  USAGE: 2,
  /** `apply`: the plan was computed against a live state that has changed since. */
  STALE_PLAN: 3,
  /** No usable credentials, or the gateway refused them (expired, wrong, revoked). */
  AUTHENTICATION: 4,
  /** Any other error of the gateway or of the way to it (refused, not found, unreachable). */
  API: 5,
} as const;

/** One of {@link EXIT_CODES}. */
export type ExitCode = (typeof EXIT_CODES)[keyof typeof EXIT_CODES];
