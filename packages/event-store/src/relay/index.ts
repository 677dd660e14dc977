export {
  ENVELOPE_CONTENT_TYPE,
  HEADERS,
  fromKafkaMessage,
  toKafkaMessage,
  type ConsumedMessage,
  type EventEnvelope,
} from './kafkaEnvelope.js';
export {
  KafkaRelay,
  kafkaRelayGauges,
  type KafkaRelayOptions,
  type KafkaRelayStatus,
  type PublishedBatch,
  type TopicCreation,
} from './kafkaRelay.js';
export {
  IdempotentApplier,
  StreamVersionTracker,
  classifyDelivery,
  type DeliveredEvent,
  type DeliveryDecision,
  type IdempotentApplierOptions,
} from './idempotentApplier.js';
export {
  DEFAULT_EVENTS_TOPIC,
  KAFKA_TOPIC_PATTERN,
  categoryTopic,
  streamCategory,
} from './topics.js';
