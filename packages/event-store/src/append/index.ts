export { CommitNotifier } from './commitNotifier.js';
export { appendToStream, type AppendOptions, type AppendResult } from './appendToStream.js';
export {
  DEFAULT_APPEND_LIMITS,
  STREAM_ID_PATTERN,
  assertStreamId,
  resolveLimits,
  type AppendLimits,
} from './limits.js';
export {
  EVENT_TYPE_PATTERN,
  appendPayload,
  prepareEvents,
  type PreparedEvent,
} from './prepareEvents.js';
