import type { AuditService } from '@gatehouse/audit';
import type { Clock, IamQueries, IamService, Principal } from '@gatehouse/iam';
import type { Logger } from '@gatehouse/service-kit';
import type {
  ChangeRequestFeed,
  IamWorkflowDirectory,
  WorkflowQueries,
  WorkflowService,
} from '@gatehouse/workflow';
import type { Authorizer } from '../authorization/authorizer.js';
import type { TargetArns } from '../authorization/targetArns.js';
import type { OperationLimits } from '../hardening/operationLimits.js';
import type { ChangeGate } from '../leastPrivilege/changeGate.js';
import type { SignInLimiter } from '../rateLimit/signInLimiter.js';
import type { ReadModelSync } from '../resolvers/support/readModels.js';
import type { RequestFacts } from './requestFacts.js';
import type { ResponseWarnings } from './responseWarnings.js';

/** The process-wide parts every request uses (built once in `createGateway`). */
export interface GatewayServices {
  readonly iam: IamService;
  readonly queries: IamQueries;
  /** Read-your-writes before read-model queries. */
  readonly readModels: ReadModelSync;
  readonly arns: TargetArns;
  readonly authorizer: Authorizer;
  readonly changes: ChangeGate;
  /** The approval workflow's commands and single-request reads (always current). */
  readonly workflow: WorkflowService;
  /** The approval workflow's lists (its read models). */
  readonly workflowQueries: WorkflowQueries;
  /** Groups and decisions as the workflow sees them (reviewer lists). */
  readonly workflowDirectory: IamWorkflowDirectory;
  /** Live change-request updates (subscriptions). */
  readonly changeRequestFeed: ChangeRequestFeed;
  readonly signInLimiter: SignInLimiter;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly limits: OperationLimits;
  /** Audit answers from the event log and the decision log. */
  readonly audit: AuditService;
}

/** One GraphQL request's context: who is calling, from where, and the services. */
export interface GatewayContext {
  readonly request: RequestFacts;
  /** Undefined for a request without credentials (only public fields answer it). */
  readonly principal: Principal | undefined;
  readonly services: GatewayServices;
  /** Returned in `extensions.warnings`. */
  readonly warnings: ResponseWarnings;
  /** Sets an HTTP response header (`Retry-After`). */
  readonly setHeader: (name: string, value: string) => void;
}
