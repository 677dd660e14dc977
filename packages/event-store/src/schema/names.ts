/** The PostgreSQL objects of the event store, created by the `*_event_store` migration. */
export const TABLES = {
  events: 'events',
  streams: 'event_streams',
  consumers: 'event_consumers',
  digests: 'event_digests',
  receipts: 'event_receipts',
} as const;

/** The append function (one round trip per batch). */
export const APPEND_FUNCTION = 'event_store_append';

/** The LISTEN/NOTIFY channel the `events_notify` trigger signals after each appending transaction. */
export const NOTIFY_CHANNEL = 'gatehouse_events';

/** SQLSTATE raised by the append-only triggers. */
export const APPEND_ONLY_SQLSTATE = 'GH001';

/** First key of consumer advisory locks ('GHES'); the second is the consumer's lock key. */
export const ADVISORY_LOCK_NAMESPACE = 0x47484553;

/**
 * First key of the per-stream advisory transaction lock event_store_append takes
 * ('GHET'); the second is `hashtext(stream_id)`.
 */
export const STREAM_LOCK_NAMESPACE = 0x47484554;
