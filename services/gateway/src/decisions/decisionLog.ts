import type { MatchedStatement } from '@gatehouse/policy';

/** Who asked for a decision: the gateway for its own API, or a service through `isAuthorized`. */
export type DecisionSource = 'gateway' | 'isAuthorized';

/** One authorization decision, as the audit and "last used" queries read it. */
export interface DecisionRecord {
  readonly decidedAt: Date;
  /** The request's correlation id (also on any event the request appended). */
  readonly requestId: string;
  readonly source: DecisionSource;
  /** The authenticated caller (for `isAuthorized`, the service asking; else the principal itself). */
  readonly callerArn: string;
  readonly principalArn: string;
  readonly action: string;
  readonly resource: string;
  readonly decision: 'Allowed' | 'ExplicitlyDenied' | 'ImplicitlyDenied';
  readonly matched: readonly MatchedStatement[];
  /** True when the root user's complete access decided (no policy was consulted). */
  readonly root: boolean;
  readonly sourceIp: string | null;
}

/**
 * Where decisions go. `record` never blocks or throws: the decision is already
 * made and the caller must not wait for the audit write (see PostgresDecisionLog
 * for the durability trade-off).
 */
export interface DecisionLog {
  record(decision: DecisionRecord): void;
  /** Writes everything recorded so far. */
  flush(): Promise<void>;
  /** Flushes and stops. */
  close(): Promise<void>;
}

/** A decision log that keeps records in memory (tests, and the bare bench server). */
export class MemoryDecisionLog implements DecisionLog {
  readonly records: DecisionRecord[] = [];

  record(decision: DecisionRecord): void {
    this.records.push(decision);
  }

  flush(): Promise<void> {
    return Promise.resolve();
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
