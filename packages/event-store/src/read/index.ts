export {
  START_CHECKPOINT,
  assertCheckpoint,
  checkpointOf,
  compareCheckpoints,
  formatCheckpoint,
  parseCheckpoint,
  type Checkpoint,
} from './checkpoint.js';
export { type PointInTime } from './pointInTime.js';
export {
  MAX_READ_LIMIT,
  hasHeldBackEvents,
  readAll,
  readAllPages,
  readHead,
  type LogHead,
  type ReadAllOptions,
  type ReadAllPage,
} from './readAll.js';
export { readStream, type ReadStreamOptions, type ReadStreamResult } from './readStream.js';
