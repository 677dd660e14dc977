export { updateOf, type ChangeRequestUpdate } from './changeRequestUpdate.js';
export {
  ChangeRequestFeed,
  type ChangeRequestFeedOptions,
  type UpdateFilter,
} from './changeRequestFeed.js';
export { UpdateQueue } from './updateQueue.js';
export {
  WEBHOOK_HEADERS,
  signatureHeader,
  verifyWebhook,
  webhookSignature,
  type WebhookVerification,
} from './webhookSignature.js';
