import type { Clock } from '@gatehouse/iam';
import type { Logger } from '@gatehouse/service-kit';
import { signatureHeader, WEBHOOK_HEADERS } from '@gatehouse/workflow';
import type pg from 'pg';
import { DEFAULT_BACKOFF, retryDelayMs, type BackoffPolicy } from './backoff.js';

/** Options of {@link WebhookDispatcher}. */
export interface WebhookDispatcherOptions {
  readonly pool: pg.Pool;
  /** HMAC secrets: every delivery is signed with each (rotation). */
  readonly secrets: readonly string[];
  readonly clock: Clock;
  readonly backoff?: BackoffPolicy;
  /** Per-attempt timeout, ms (default 10,000). */
  readonly timeoutMs?: number;
  /** Deliveries per round (default 20). */
  readonly batchSize?: number;
  readonly random?: () => number;
  readonly fetch?: typeof fetch;
  readonly logger?: Logger;
  /** Polling interval of the outbox, ms (default 1,000). */
  readonly pollIntervalMs?: number;
}

interface DeliveryRow {
  delivery_id: string;
  event_id: string;
  endpoint: string;
  payload: unknown;
  attempts: number;
}

/** What one round did. */
export interface DispatchReport {
  readonly delivered: number;
  readonly retried: number;
  readonly failed: number;
}

/**
 * Delivers the webhook outbox (rows the projection wrote with each state
 * change): POSTs the JSON body signed with HMAC-SHA256 over
 * `<timestamp>.<body>` (headers `gatehouse-webhook-id`, `-timestamp`,
 * `-signature: v1=<hex>`), retries non-2xx answers and network errors with
 * exponential backoff and jitter up to a bounded number of attempts, and logs
 * every attempt in `workflow_webhook_attempts`. Rows are leased with
 * `FOR UPDATE SKIP LOCKED`, so several instances share the work without
 * sending a delivery twice at once. At-least-once: receivers deduplicate on
 * the id header.
 */
export class WebhookDispatcher {
  readonly #options: WebhookDispatcherOptions;
  readonly #backoff: BackoffPolicy;
  readonly #fetch: typeof fetch;
  #loop: Promise<void> | undefined;
  #stopped = false;
  #wake: (() => void) | undefined;

  constructor(options: WebhookDispatcherOptions) {
    if (options.secrets.length === 0) throw new Error('webhooks need at least one signing secret');
    this.#options = options;
    this.#backoff = options.backoff ?? DEFAULT_BACKOFF;
    this.#fetch = options.fetch ?? fetch;
  }

  /** Delivers what is due now. */
  async dispatch(): Promise<DispatchReport> {
    const { pool, clock } = this.#options;
    const now = clock.now();
    const timeoutMs = this.#options.timeoutMs ?? 10_000;
    // Lease due rows: nobody else picks them until the lease ends.
    const { rows } = await pool.query<DeliveryRow>(
      `UPDATE workflow_webhook_deliveries SET next_attempt_at = $2
        WHERE delivery_id IN (
          SELECT delivery_id FROM workflow_webhook_deliveries
           WHERE status = 'PENDING' AND next_attempt_at <= $1
           ORDER BY next_attempt_at, delivery_id LIMIT $3 FOR UPDATE SKIP LOCKED)
        RETURNING delivery_id::text AS delivery_id, event_id::text AS event_id, endpoint, payload, attempts`,
      [now, new Date(now.getTime() + timeoutMs * 2 + 1000), this.#options.batchSize ?? 20],
    );
    let delivered = 0;
    let retried = 0;
    let failed = 0;
    for (const row of rows.sort((a, b) => Number(a.delivery_id) - Number(b.delivery_id))) {
      const outcome = await this.#attempt(row, timeoutMs);
      if (outcome === 'delivered') delivered += 1;
      else if (outcome === 'failed') failed += 1;
      else retried += 1;
    }
    return { delivered, retried, failed };
  }

  async #attempt(row: DeliveryRow, timeoutMs: number): Promise<'delivered' | 'retry' | 'failed'> {
    const { pool, clock, secrets } = this.#options;
    const body = JSON.stringify(row.payload);
    const sentAt = clock.now();
    const timestamp = Math.floor(sentAt.getTime() / 1000);
    const started = performance.now();
    let statusCode: number | null = null;
    let error: string | null = null;
    try {
      const response = await this.#fetch(row.endpoint, {
        method: 'POST',
        redirect: 'manual',
        signal: AbortSignal.timeout(timeoutMs),
        headers: {
          'content-type': 'application/json',
          'user-agent': 'gatehouse-approvals-webhooks/1',
          [WEBHOOK_HEADERS.id]: row.event_id,
          [WEBHOOK_HEADERS.timestamp]: String(timestamp),
          [WEBHOOK_HEADERS.signature]: signatureHeader(secrets, timestamp, body),
        },
        body,
      });
      statusCode = response.status;
      await response.body?.cancel().catch(() => undefined);
      if (statusCode < 200 || statusCode >= 300) error = `HTTP ${statusCode}`;
    } catch (caught) {
      error = caught instanceof Error ? caught.message.slice(0, 500) : 'request failed';
    }
    const attempt = row.attempts + 1;
    const durationMs = Math.round(performance.now() - started);
    const outcome =
      error === null ? 'delivered' : attempt >= this.#backoff.maxAttempts ? 'failed' : 'retry';
    const next =
      outcome === 'retry'
        ? new Date(
            sentAt.getTime() +
              retryDelayMs(this.#backoff, attempt, this.#options.random ?? Math.random),
          )
        : sentAt;
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      await client.query(
        `INSERT INTO workflow_webhook_attempts (delivery_id, attempt, attempted_at, status_code, error, duration_ms)
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING`,
        [row.delivery_id, attempt, sentAt, statusCode, error, durationMs],
      );
      await client.query(
        `UPDATE workflow_webhook_deliveries SET attempts = $2, status = $3, next_attempt_at = $4,
           last_status_code = $5, last_error = $6, delivered_at = $7
         WHERE delivery_id = $1`,
        [
          row.delivery_id,
          attempt,
          outcome === 'delivered' ? 'DELIVERED' : outcome === 'failed' ? 'FAILED' : 'PENDING',
          next,
          statusCode,
          error,
          outcome === 'delivered' ? sentAt : null,
        ],
      );
      await client.query('COMMIT');
    } catch (caught) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw caught;
    } finally {
      client.release();
    }
    if (outcome !== 'delivered') {
      this.#options.logger?.warn(
        { deliveryId: row.delivery_id, endpoint: row.endpoint, attempt, error },
        outcome === 'failed'
          ? 'webhook delivery failed for good'
          : 'webhook delivery failed; will retry',
      );
    }
    return outcome;
  }

  #isStopped(): boolean {
    return this.#stopped;
  }

  /** Delivers new rows now. */
  poke(): void {
    this.#wake?.();
  }

  /** Delivers continuously until stopped. */
  start(): void {
    if (this.#loop !== undefined) return;
    this.#stopped = false;
    this.#loop = (async () => {
      while (!this.#stopped) {
        let busy = false;
        try {
          const report = await this.dispatch();
          busy = report.delivered + report.retried + report.failed > 0;
        } catch (error) {
          this.#options.logger?.error({ err: error }, 'webhook dispatch failed');
        }
        if (this.#isStopped()) break;
        if (busy) continue;
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, this.#options.pollIntervalMs ?? 1000);
          this.#wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        this.#wake = undefined;
      }
    })();
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    this.#wake?.();
    await this.#loop;
    this.#loop = undefined;
  }
}
