// A migrated database of its own, the "gateway" side (an IamService and a
// WorkflowService as the gateway would build them) and the approvals core
// (startApprovals) on it, sharing one manual clock. People sign in for real.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createTestDatabase, type TestDatabase } from '@gatehouse/db/testing';
import { EventStore } from '@gatehouse/event-store';
import {
  argon2idHasher,
  IamService,
  PostgresIamStore,
  SecretBox,
  type IamCommand,
  type Principal,
} from '@gatehouse/iam';
import { ManualClock } from '@gatehouse/iam/testing';
import {
  IamWorkflowDirectory,
  WorkflowQueries,
  WorkflowService,
  type WorkflowCaller,
} from '@gatehouse/workflow';
import pg from 'pg';
import { startApprovals, type Approvals, type StartApprovalsOptions } from '../../src/index.js';

export const RULES_FILE = path.resolve(import.meta.dirname, '../fixtures/test-rules.yaml');
export const RULES = readFileSync(RULES_FILE, 'utf8');
export const PASSWORD = 'Correct-Horse-9-battery';
export const hasher = argon2idHasher({ memoryCost: 1024, timeCost: 1, parallelism: 1 });

/** A policy document allowing actions on resources. */
export function allow(action: string | string[], resource: string | string[] = '*'): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action: action, Resource: resource }],
  });
}

export interface Harness {
  readonly database: TestDatabase;
  readonly pool: pg.Pool;
  readonly store: EventStore;
  readonly clock: ManualClock;
  readonly secretsKey: string;
  /** The gateway's IAM service (root bootstrapped). */
  readonly iam: IamService;
  /** The gateway's workflow service. */
  readonly workflow: WorkflowService;
  readonly queries: WorkflowQueries;
  readonly accountId: string;
  readonly root: Principal;
  /** Runs an IAM command as root. */
  admin(command: IamCommand): Promise<unknown>;
  /** Creates a user with a password, in groups; returns its signed-in principal. */
  person(name: string, groups?: readonly string[]): Promise<Principal>;
  /** Signs a user in again (fresh principal). */
  signIn(name: string): Promise<Principal>;
  caller(principal: Principal): WorkflowCaller;
  arn(kind: 'user' | 'group' | 'role' | 'policy', name: string): string;
  /** Starts the approvals core on the database (the caller closes it, or `close` does). */
  approvals(options?: Partial<StartApprovalsOptions>): Promise<Approvals>;
  /** Events of IAM caused by a request or grant (causation id). */
  iamEventsCausedBy(causationId: string): Promise<{ type: string; streamId: string }[]>;
  close(): Promise<void>;
}

/** The standard organisation: groups security, sre, prod-admins, ops-admins, secure-vault, readers; reviewers may approve. */
export async function createHarness(): Promise<Harness> {
  const database = await createTestDatabase();
  const pool = new pg.Pool({ connectionString: database.url, max: 30 });
  pool.on('error', () => undefined);
  const store = new EventStore({ pool });
  const clock = new ManualClock(new Date());
  const secretsKey = SecretBox.generateKey();
  const iam = new IamService({
    store: new PostgresIamStore({ pool, eventStore: store }),
    secretsKey,
    clock,
    passwordHasher: hasher,
    view: { pollIntervalMs: 50 },
  });
  await iam.start();
  const boot = await iam.bootstrap({ rootEmail: 'root@example.com', rootPassword: PASSWORD });
  const accountId = boot.accountId;
  const root = (
    await iam.execute(
      { type: 'SignIn', rootEmail: 'root@example.com', password: PASSWORD },
      { actor: { principalType: 'Anonymous', principalArn: 'anonymous' } },
    )
  ).principal;
  const admin = (command: IamCommand) => iam.execute(command, { actor: root });
  const started: Approvals[] = [];
  const arn = (kind: 'user' | 'group' | 'role' | 'policy', name: string) =>
    `arn:gatehouse:iam::${accountId}:${kind}/${name}`;

  for (const group of [
    'security',
    'sre',
    'reviewers',
    'prod-admins',
    'ops-admins',
    'secure-vault',
    'readers',
    'dev-tools',
  ]) {
    await admin({ type: 'CreateGroup', groupName: group });
  }
  // Reviewers may approve and reject any change request; security may revoke grants and publish rules.
  await admin({
    type: 'PutGroupPolicy',
    groupName: 'reviewers',
    policyName: 'review',
    policyDocument: allow(['approvals:ApproveChangeRequest', 'approvals:RejectChangeRequest']),
  });
  await admin({
    type: 'PutGroupPolicy',
    groupName: 'security',
    policyName: 'revoke',
    policyDocument: allow(['approvals:RevokeGrant', 'approvals:UpdateApprovalRules']),
  });
  // Joining prod-admins gives permissions-management access (a HIGH risk change).
  await admin({
    type: 'PutGroupPolicy',
    groupName: 'prod-admins',
    policyName: 'admin',
    policyDocument: allow('iam:CreateUser'),
  });
  await admin({
    type: 'PutGroupPolicy',
    groupName: 'ops-admins',
    policyName: 'ops',
    policyDocument: allow('iam:TagUser'),
  });
  await admin({
    type: 'PutGroupPolicy',
    groupName: 'secure-vault',
    policyName: 'vault',
    policyDocument: allow('iam:TagRole'),
  });
  await admin({
    type: 'PutGroupPolicy',
    groupName: 'readers',
    policyName: 'read',
    policyDocument: allow('iam:GetUser'),
  });

  const directory = new IamWorkflowDirectory(iam);
  const workflow = new WorkflowService({ store, directory, clock });
  await workflow.publishRules({ source: RULES, fileName: 'test-rules.yaml' }, 'system');

  const signIn = async (name: string): Promise<Principal> =>
    (
      await iam.execute(
        { type: 'SignIn', userName: name, password: PASSWORD },
        { actor: { principalType: 'Anonymous', principalArn: 'anonymous' } },
      )
    ).principal;

  return {
    database,
    pool,
    store,
    clock,
    secretsKey,
    iam,
    workflow,
    queries: new WorkflowQueries(pool),
    accountId,
    root,
    admin,
    async person(name, groups = []) {
      await admin({ type: 'CreateUser', userName: name });
      await admin({ type: 'CreateLoginProfile', userName: name, password: PASSWORD });
      for (const group of groups)
        await admin({ type: 'AddUserToGroup', userName: name, groupName: group });
      return signIn(name);
    },
    signIn,
    caller: (principal) => ({
      principal,
      correlationId: `req-${principal.userName ?? 'x'}-${clock.now().getTime()}`,
    }),
    arn,
    async approvals(options = {}) {
      const approvals = await startApprovals({
        pool,
        secretsKey,
        clock,
        run: false,
        iam: { passwordHasher: hasher, view: { pollIntervalMs: 50 } },
        pollIntervalMs: 50,
        ...options,
      });
      started.push(approvals);
      await waitFor(
        () => approvals.readiness().ready && approvals.intake.healthy(),
        'approvals ready',
      );
      return approvals;
    },
    async iamEventsCausedBy(causationId) {
      const { rows } = await pool.query<{ type: string; stream_id: string }>(
        "SELECT type, stream_id FROM events WHERE causation_id = $1 AND stream_id LIKE 'iam-%' ORDER BY global_position",
        [causationId],
      );
      return rows.map((r) => ({ type: r.type, streamId: r.stream_id }));
    },
    async close() {
      for (const approvals of started) await approvals.close().catch(() => undefined);
      await iam.stop();
      await database.drop();
      await pool.end().catch(() => undefined);
    },
  };
}

/** Polls until `condition` holds (real time, for other processes and the projection). */
export async function waitFor(
  condition: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 20_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await condition()) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
