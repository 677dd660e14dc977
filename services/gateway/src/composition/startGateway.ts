import { AuditService } from '@gatehouse/audit';
import { EventStore } from '@gatehouse/event-store';
import {
  createIamReadModelProjection,
  IamQueries,
  IamService,
  PostgresIamStore,
  systemClock,
  type Clock,
  type IamServiceOptions,
} from '@gatehouse/iam';
import { GATEHOUSE_CATALOGUE, type Catalogue } from '@gatehouse/policy';
import type { Logger } from '@gatehouse/service-kit';
import {
  ChangeRequestFeed,
  IamWorkflowDirectory,
  WorkflowQueries,
  WorkflowService,
} from '@gatehouse/workflow';
import type pg from 'pg';
import { iamCredentialVerifier } from '../auth/iamCredentialVerifier.js';
import { ReplayGuard } from '../auth/replayGuard.js';
import { RequestAuthenticator } from '../auth/requestAuthenticator.js';
import { ViewSignedRequests } from '../auth/viewSignedRequests.js';
import { MAX_CLOCK_SKEW_MS } from '../auth/requestSigning.js';
import { Authorizer } from '../authorization/authorizer.js';
import { TargetArns } from '../authorization/targetArns.js';
import type { GatewayServices } from '../context/gatewayContext.js';
import type { DecisionLog } from '../decisions/decisionLog.js';
import { PostgresDecisionLog } from '../decisions/postgresDecisionLog.js';
import { DEFAULT_OPERATION_LIMITS, type OperationLimits } from '../hardening/operationLimits.js';
import { AccountSnapshots } from '../leastPrivilege/accountSnapshot.js';
import { ChangeGate } from '../leastPrivilege/changeGate.js';
import { WorkflowChangeRequests } from '../leastPrivilege/changeRequests.js';
import {
  DEFAULT_SIGN_IN_LIMITS,
  SignInLimiter,
  type SignInLimits,
} from '../rateLimit/signInLimiter.js';

/** What {@link startGateway} needs. */
export interface StartGatewayOptions {
  readonly pool: pg.Pool;
  readonly logger: Logger;
  /** `GATEHOUSE_SECRETS_KEY`. */
  readonly secretsKey: string;
  readonly bootstrap: {
    readonly rootEmail: string;
    readonly rootPassword?: string | undefined;
    readonly accountId?: string | undefined;
  };
  readonly clock?: Clock;
  /** Options passed to IamService (tests: a fast password hasher, session lengths). */
  readonly iam?: Omit<IamServiceOptions, 'store' | 'secretsKey' | 'clock'>;
  readonly limits?: OperationLimits;
  readonly signInLimits?: SignInLimits;
  /** ARN patterns that may hold admin-equivalent access. */
  readonly adminPrincipals?: readonly string[];
  readonly catalogue?: Catalogue;
  /** Where decisions go (default: the `authorization_decisions` table). */
  readonly decisionLog?: DecisionLog;
  /**
   * Days a logged decision is kept; older ones are deleted soon after start and
   * then hourly. Unset: nothing is purged (tests, and logs kept elsewhere).
   */
  readonly decisionRetentionDays?: number;
}

const HOUR_MS = 3_600_000;

/** Purges the decision log past its retention now and then every hour; returns a stop function. */
function scheduleDecisionRetention(
  audit: AuditService,
  days: number,
  clock: Clock,
  logger: Logger,
): () => void {
  const purge = () => {
    audit
      .purgeDecisions(new Date(clock.now().getTime() - days * 24 * HOUR_MS))
      .then((purged) => {
        if (purged > 0) logger.info({ purged, days }, 'decision log retention: purged');
      })
      .catch((error: unknown) => {
        logger.error({ err: error }, 'decision log retention failed; retrying in an hour');
      });
  };
  const first = setTimeout(purge, 10_000);
  const hourly = setInterval(purge, HOUR_MS);
  first.unref();
  hourly.unref();
  return () => {
    clearTimeout(first);
    clearInterval(hourly);
  };
}

/** A running gateway core: the services resolvers use, authentication, and its lifecycle. */
export interface Gateway {
  readonly services: GatewayServices;
  readonly authenticator: RequestAuthenticator;
  readonly decisionLog: DecisionLog;
  /** The generated root password of a first start (shown once), if one was generated. */
  readonly generatedRootPassword: string | undefined;
  /** Ready to serve: the view follows the log and the database answers. */
  readiness(): Promise<{ readonly ready: boolean; readonly reason?: string }>;
  /** Stops following the log and flushes the decision log (the pool is the caller's). */
  close(): Promise<void>;
}

/**
 * Builds the gateway's core on a PostgreSQL pool: the IAM service (its view of
 * the account built from the log and followed), the first-start bootstrap, the
 * read-model projection (active in one instance at a time; others stand by),
 * authorization with the decision log, the least-privilege gate, the sign-in
 * limiter, and request authentication.
 */
export async function startGateway(options: StartGatewayOptions): Promise<Gateway> {
  const { pool, logger } = options;
  const clock = options.clock ?? systemClock;
  const eventStore = new EventStore({ pool });
  const store = new PostgresIamStore({ pool, eventStore });
  const iam = new IamService({
    ...options.iam,
    store,
    secretsKey: options.secretsKey,
    clock,
    view: {
      ...options.iam?.view,
      onError: (error) => logger.error({ err: error }, 'following the event log failed; retrying'),
    },
  });
  await iam.start();
  const boot = await iam.bootstrap(options.bootstrap);
  if (boot.created) logger.info({ accountId: boot.accountId }, 'account created');

  const projection = createIamReadModelProjection(eventStore, {
    waitForLock: true,
    onError: (error) => logger.error({ err: error }, 'iam read-model projection failed'),
  });
  // Resolves only when this instance holds the projection's lock: do not wait for it.
  const projectionStarted = projection.start().catch((error: unknown) => {
    logger.error({ err: error }, 'iam read-model projection stopped');
  });

  const decisionLog = options.decisionLog ?? new PostgresDecisionLog({ pool, logger });
  const arns = new TargetArns(iam.view);
  const adminPrincipals = options.adminPrincipals ?? [];
  const snapshots = new AccountSnapshots(iam.view, { adminPrincipals });
  const workflowDirectory = new IamWorkflowDirectory(iam, {
    accountRules: { adminPrincipals },
    ...(options.catalogue === undefined ? {} : { catalogue: options.catalogue }),
  });
  const workflow = new WorkflowService({ store: eventStore, directory: workflowDirectory, clock });
  const changeRequestFeed = new ChangeRequestFeed({
    store: eventStore,
    onError: (error) => logger.error({ err: error }, 'change-request feed failed; retrying'),
  });
  await changeRequestFeed.start();
  const changes = new ChangeGate({
    snapshot: () => snapshots.current(),
    policyVersionDocument: (policyArn, versionId) => {
      for (const policy of iam.view.policies()) {
        if (policy.arn === policyArn && policy.status === 'active') {
          return policy.versions.find((v) => v.versionId === versionId)?.policyDocument;
        }
      }
      return undefined;
    },
    changeRequests: new WorkflowChangeRequests(workflow),
    catalogue: options.catalogue ?? GATEHOUSE_CATALOGUE,
  });

  const services: GatewayServices = {
    iam,
    queries: new IamQueries(pool),
    readModels: {
      current: async () => {
        const state = projection.status().state;
        if (state !== 'running') return;
        await projection.waitFor(iam.view.checkpoint, 5000);
      },
    },
    arns,
    authorizer: new Authorizer(iam, decisionLog),
    changes,
    workflow,
    workflowQueries: new WorkflowQueries(pool),
    workflowDirectory,
    changeRequestFeed,
    signInLimiter: new SignInLimiter(clock, options.signInLimits ?? DEFAULT_SIGN_IN_LIMITS),
    clock,
    logger,
    limits: options.limits ?? DEFAULT_OPERATION_LIMITS,
    audit: new AuditService({
      db: pool,
      store: eventStore,
      currentView: () => iam.view,
      now: () => clock.now(),
    }),
  };
  const stopRetention =
    options.decisionRetentionDays === undefined
      ? () => undefined
      : scheduleDecisionRetention(services.audit, options.decisionRetentionDays, clock, logger);
  const signed = new ViewSignedRequests({ iam, store, clock });
  const authenticator = new RequestAuthenticator(
    iamCredentialVerifier(iam, (accessKeyId, sessionToken, verify) =>
      signed.authenticate(accessKeyId, sessionToken, verify),
    ),
    clock,
    new ReplayGuard(clock, 2 * MAX_CLOCK_SKEW_MS),
  );

  return {
    services,
    authenticator,
    decisionLog,
    generatedRootPassword: boot.generatedRootPassword,
    async readiness() {
      try {
        await pool.query('SELECT 1');
      } catch {
        return { ready: false, reason: 'database unreachable' };
      }
      return { ready: true };
    },
    async close() {
      stopRetention();
      await changeRequestFeed.stop();
      await projection.stop();
      await projectionStarted;
      await iam.stop();
      await decisionLog.close();
    },
  };
}
