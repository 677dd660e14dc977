import type { Logger } from '@gatehouse/service-kit';
import type pg from 'pg';
import type { DecisionLog, DecisionRecord } from './decisionLog.js';

/** Options of {@link PostgresDecisionLog}. */
export interface PostgresDecisionLogOptions {
  readonly pool: pg.Pool;
  readonly logger: Logger;
  /** Rows per INSERT (default 500). */
  readonly batchSize?: number;
  /** Longest a decision waits in memory before it is written (default 250 ms). */
  readonly flushIntervalMs?: number;
  /** Decisions held at most while the database is unavailable; older ones are dropped and counted (default 50,000). */
  readonly maxBuffered?: number;
}

const TABLE = 'authorization_decisions';

/** The service prefix of an action (`iam:GetUser` -> `iam`), lower-cased. */
function serviceOf(action: string): string {
  const colon = action.indexOf(':');
  return (colon < 0 ? action : action.slice(0, colon)).toLowerCase();
}

/**
 * Writes decisions to the `authorization_decisions` table in batches: one
 * multi-row INSERT (`unnest` of arrays) per batch, at most every
 * `flushIntervalMs`, never on the request's path. Trade-off, documented in the
 * README: a crash loses the decisions of the last interval (at most 250 ms by
 * default); a database outage buffers up to `maxBuffered` and then drops the
 * oldest, logging how many. If the table does not exist (migration not applied)
 * decisions go to the process log instead, so nothing is silently lost.
 */
export class PostgresDecisionLog implements DecisionLog {
  readonly #pool: pg.Pool;
  readonly #logger: Logger;
  readonly #batchSize: number;
  readonly #intervalMs: number;
  readonly #maxBuffered: number;
  #buffer: DecisionRecord[] = [];
  #timer: NodeJS.Timeout | undefined;
  #flushing: Promise<void> | undefined;
  #tableAvailable: boolean | undefined;
  #dropped = 0;
  #closed = false;

  constructor(options: PostgresDecisionLogOptions) {
    this.#pool = options.pool;
    this.#logger = options.logger;
    this.#batchSize = options.batchSize ?? 500;
    this.#intervalMs = options.flushIntervalMs ?? 250;
    this.#maxBuffered = options.maxBuffered ?? 50_000;
  }

  /** Decisions dropped because the buffer was full (a gauge for alerts). */
  get dropped(): number {
    return this.#dropped;
  }

  /** Decisions waiting to be written. */
  get pending(): number {
    return this.#buffer.length;
  }

  record(decision: DecisionRecord): void {
    if (this.#closed) {
      this.#logger.warn({ decision }, 'authorization decision after close');
      return;
    }
    this.#buffer.push(decision);
    if (this.#buffer.length > this.#maxBuffered) {
      const excess = this.#buffer.length - this.#maxBuffered;
      this.#buffer.splice(0, excess);
      this.#dropped += excess;
    }
    if (this.#buffer.length >= this.#batchSize) void this.flush();
    else this.#timer ??= setTimeout(() => void this.flush(), this.#intervalMs);
  }

  async flush(): Promise<void> {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
    // One writer at a time; a flush asked for during a write runs after it.
    while (this.#flushing !== undefined) await this.#flushing;
    if (this.#buffer.length === 0) return;
    this.#flushing = this.#writeAll().finally(() => {
      this.#flushing = undefined;
    });
    await this.#flushing;
  }

  async close(): Promise<void> {
    this.#closed = true;
    await this.flush();
    if (this.#dropped > 0) {
      this.#logger.error({ dropped: this.#dropped }, 'authorization decisions were dropped');
    }
  }

  async #writeAll(): Promise<void> {
    while (this.#buffer.length > 0) {
      const batch = this.#buffer.slice(0, this.#batchSize);
      try {
        await this.#write(batch);
        this.#buffer.splice(0, batch.length);
      } catch (error) {
        this.#logger.error(
          { err: error, pending: this.#buffer.length },
          'writing authorization decisions failed; will retry',
        );
        if (!this.#closed) {
          this.#timer ??= setTimeout(() => void this.flush(), Math.max(this.#intervalMs, 1000));
        }
        return;
      }
    }
  }

  async #write(batch: readonly DecisionRecord[]): Promise<void> {
    this.#tableAvailable ??= await this.#checkTable();
    if (!this.#tableAvailable) {
      for (const decision of batch) this.#logger.info({ decision }, 'authorization decision');
      return;
    }
    await this.#pool.query(
      `INSERT INTO ${TABLE} (decided_at, request_id, source, caller_arn, principal_arn, action,
                             service, resource, decision, matched, root, source_ip)
       SELECT * FROM unnest($1::timestamptz[], $2::text[], $3::text[], $4::text[], $5::text[],
                            $6::text[], $7::text[], $8::text[], $9::text[], $10::jsonb[],
                            $11::boolean[], $12::text[])`,
      [
        batch.map((d) => d.decidedAt),
        batch.map((d) => d.requestId),
        batch.map((d) => d.source),
        batch.map((d) => d.callerArn),
        batch.map((d) => d.principalArn),
        batch.map((d) => d.action),
        batch.map((d) => serviceOf(d.action)),
        batch.map((d) => d.resource),
        batch.map((d) => d.decision),
        batch.map((d) => JSON.stringify(d.matched)),
        batch.map((d) => d.root),
        batch.map((d) => d.sourceIp),
      ],
    );
  }

  async #checkTable(): Promise<boolean> {
    const { rows } = await this.#pool.query<{ exists: boolean }>(
      `SELECT to_regclass($1) IS NOT NULL AS exists`,
      [TABLE],
    );
    const exists = rows[0]?.exists === true;
    if (!exists) {
      this.#logger.error(
        { table: TABLE },
        'the decision log table is missing (migration not applied): decisions go to the process log',
      );
    }
    return exists;
  }
}
