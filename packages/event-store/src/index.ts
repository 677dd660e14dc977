/**
 * @gatehouse/event-store: an append-only event log in PostgreSQL with gap-free
 * consumers, tamper evidence and a Kafka relay. It knows PostgreSQL and Kafka,
 * nothing of IAM. See README.md.
 * @packageDocumentation
 */

export { EventStore, type EventStoreOptions } from './eventStore.js';
export {
  EventStoreError,
  isEventStoreError,
  type EventStoreErrorCode,
  type EventStoreErrorDetails,
  type EventStoreErrorOptions,
} from './errors.js';
export type {
  EventInput,
  ExpectedVersion,
  JsonObject,
  JsonValue,
  RecordedEvent,
} from './events.js';
export * from './append/index.js';
export * from './read/index.js';
export * from './consumers/index.js';
export * from './integrity/index.js';
export * from './relay/index.js';
export * from './schema/index.js';
