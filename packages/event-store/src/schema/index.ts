export { assertSchema } from './assertSchema.js';
export { EVENT_COLUMNS, toRecordedEvent, type EventRow } from './eventRow.js';
export {
  ADVISORY_LOCK_NAMESPACE,
  APPEND_FUNCTION,
  APPEND_ONLY_SQLSTATE,
  NOTIFY_CHANNEL,
  STREAM_LOCK_NAMESPACE,
  TABLES,
} from './names.js';
export type { Queryable } from './queryable.js';
