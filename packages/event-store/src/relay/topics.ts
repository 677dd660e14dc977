import type { RecordedEvent } from '../events.js';

/**
 * The default topic: every event of the log, keyed by stream id. One topic
 * keeps a total per-stream order with no routing decisions; `v1` names the
 * envelope format, so a new format gets a new topic beside the old one.
 */
export const DEFAULT_EVENTS_TOPIC = 'gatehouse.events.v1';

/** Legal Kafka topic names: [a-zA-Z0-9._-], at most 249 characters. */
export const KAFKA_TOPIC_PATTERN = /^[A-Za-z0-9._-]{1,249}$/;

/**
 * The category of a stream: its id up to the first `-`, `:` or `/`
 * (`user-42` => `user`), with characters Kafka does not allow replaced by `_`.
 */
export function streamCategory(streamId: string): string {
  const category = /^[^-:/]+/.exec(streamId)?.[0] ?? streamId;
  return category.replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 100);
}

/**
 * Routes each event to `<prefix>.<category>` (`gatehouse.events.v1.user`), for
 * consumers that want one kind of stream only. Per-stream order holds either way:
 * a stream always maps to the same topic and, by its key, the same partition.
 */
export function categoryTopic(prefix = DEFAULT_EVENTS_TOPIC): (event: RecordedEvent) => string {
  return (event) => `${prefix}.${streamCategory(event.streamId)}`;
}
