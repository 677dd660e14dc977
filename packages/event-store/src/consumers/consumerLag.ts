import { databaseError } from '../errors.js';
import type { Checkpoint } from '../read/checkpoint.js';
import type { Queryable } from '../schema/queryable.js';

/** How far a consumer is behind the log. */
export interface ConsumerLag {
  readonly consumerId: string;
  readonly checkpoint: Checkpoint;
  /** Committed events after its checkpoint (including those still held back by an in-flight transaction). */
  readonly eventsBehind: number;
  /** Age of the oldest event it has not handled, in seconds (0 when none). */
  readonly secondsBehind: number;
  /** When its checkpoint last moved. */
  readonly updatedAt: Date;
}

interface LagRow {
  readonly consumer_id: string;
  readonly transaction_id: string;
  readonly global_position: string;
  readonly updated_at: Date;
  readonly behind: string;
  readonly seconds: number | null;
}

/**
 * Lag of every registered consumer (or of one). Counts events after the
 * checkpoint, so it costs in proportion to the lag; poll it every few seconds,
 * not per request.
 */
export async function readConsumerLag(db: Queryable, consumerId?: string): Promise<ConsumerLag[]> {
  try {
    const { rows } = await db.query<LagRow>(
      `SELECT c.consumer_id, c.transaction_id::text AS transaction_id,
              c.global_position::text AS global_position, c.updated_at,
              l.behind::text AS behind,
              extract(epoch FROM clock_timestamp() - l.oldest)::float8 AS seconds
         FROM event_consumers c
         CROSS JOIN LATERAL (
           SELECT count(*) AS behind, min(e.recorded_at) AS oldest
             FROM events e
            WHERE (e.transaction_id, e.global_position) > (c.transaction_id, c.global_position)
         ) l
        WHERE $1::text IS NULL OR c.consumer_id = $1
        ORDER BY c.consumer_id`,
      [consumerId ?? null],
    );
    return rows.map((row) => ({
      consumerId: row.consumer_id,
      checkpoint: {
        transactionId: BigInt(row.transaction_id),
        globalPosition: BigInt(row.global_position),
      },
      eventsBehind: Number(row.behind),
      secondsBehind: Math.max(0, row.seconds ?? 0),
      updatedAt: row.updated_at,
    }));
  } catch (error) {
    throw databaseError(error, 'reading consumer lag');
  }
}

/** A gauge for {@link renderPrometheus}. */
export interface Gauge {
  readonly name: string;
  readonly help: string;
  readonly samples: readonly {
    readonly labels?: Readonly<Record<string, string>>;
    readonly value: number;
  }[];
}

/** Gauges of consumer lag, named `gatehouse_event_consumer_*`. */
export function consumerLagGauges(lags: readonly ConsumerLag[]): Gauge[] {
  return [
    {
      name: 'gatehouse_event_consumer_lag_events',
      help: 'Committed events after the consumer checkpoint',
      samples: lags.map((lag) => ({
        labels: { consumer: lag.consumerId },
        value: lag.eventsBehind,
      })),
    },
    {
      name: 'gatehouse_event_consumer_lag_seconds',
      help: 'Age of the oldest event the consumer has not handled',
      samples: lags.map((lag) => ({
        labels: { consumer: lag.consumerId },
        value: lag.secondsBehind,
      })),
    },
    {
      name: 'gatehouse_event_consumer_checkpoint_position',
      help: 'Global position of the consumer checkpoint',
      samples: lags.map((lag) => ({
        labels: { consumer: lag.consumerId },
        value: Number(lag.checkpoint.globalPosition),
      })),
    },
  ];
}

/** Renders gauges in the Prometheus text exposition format (version 0.0.4). */
export function renderPrometheus(gauges: readonly Gauge[]): string {
  const lines: string[] = [];
  for (const gauge of gauges) {
    lines.push(`# HELP ${gauge.name} ${gauge.help}`, `# TYPE ${gauge.name} gauge`);
    for (const sample of gauge.samples) {
      const labels = Object.entries(sample.labels ?? {})
        .map(
          ([key, value]) =>
            `${key}="${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`,
        )
        .join(',');
      lines.push(`${gauge.name}${labels === '' ? '' : `{${labels}}`} ${String(sample.value)}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
