export { loadApprovalsConfig, type ApprovalsConfig } from './config.js';
export {
  createApprovalsServer,
  type ApprovalsServerOptions,
} from './server/createApprovalsServer.js';
export {
  startApprovals,
  type Approvals,
  type StartApprovalsOptions,
} from './composition/startApprovals.js';
export {
  RequestProcessor,
  type RequestProcessorOptions,
  type StepOutcome,
} from './apply/requestProcessor.js';
export { WorkflowIamStore, type IamCommitAttachment } from './apply/workflowIamStore.js';
export type { CrashPoint, ProcessingHook } from './apply/crashPoints.js';
export {
  ApprovalsWorker,
  type ApprovalsWorkerOptions,
  type TickReport,
} from './scheduler/approvalsWorker.js';
export {
  WebhookDispatcher,
  type DispatchReport,
  type WebhookDispatcherOptions,
} from './webhooks/webhookDispatcher.js';
export { DEFAULT_BACKOFF, retryDelayMs, type BackoffPolicy } from './webhooks/backoff.js';
export type { LogIntake } from './intake/logIntake.js';
export { KafkaIntake, KAFKA_INTAKE_CONSUMER } from './intake/kafkaIntake.js';
export { PostgresIntake } from './intake/postgresIntake.js';
