export {
  CONSUMER_ID_PATTERN,
  assertConsumerId,
  ensureCheckpoint,
  listCheckpoints,
  loadCheckpoint,
  saveCheckpoint,
  type StoredCheckpoint,
} from './checkpointStore.js';
export {
  consumerLagGauges,
  readConsumerLag,
  renderPrometheus,
  type ConsumerLag,
  type Gauge,
} from './consumerLag.js';
export { tryLockConsumer, unlockConsumer } from './consumerLock.js';
export {
  createConsumer,
  createProjection,
  type ConsumerOptions,
  type ProjectionOptions,
} from './createConsumer.js';
export {
  EventConsumer,
  type BatchContext,
  type BatchHandler,
  type BatchProcessor,
  type ConsumerSettings,
  type ConsumerState,
  type ConsumerStatus,
  type ErrorContext,
  type ProjectionHandler,
  type ResetHandler,
} from './eventConsumer.js';
