// A gateway (in-process HTTP server, as the other int tests) and the approvals
// core on the same database and manual clock: the intake keeps the workflow's
// read models, and `settle()` drives the approvals worker the way the approvals
// service's own integration tests do (one tick applies what is due now).
import { startApprovals, type Approvals } from '@gatehouse/approvals';
import { argon2idHasher, SecretBox } from '@gatehouse/iam';
import { ok } from './operations.js';
import {
  startTestGateway,
  type StartTestGatewayOverrides,
  type TestGateway,
} from './testGateway.js';

export interface WorkflowGateway {
  readonly gw: TestGateway;
  readonly approvals: Approvals;
  /** Waits until the read models hold everything committed now. */
  caughtUp(): Promise<void>;
  /** One tick of the approvals worker: what it did per request. */
  settle(): Promise<ReadonlyMap<string, readonly string[]>>;
  /** Publishes a rules file through the API as the given caller. */
  publishRules(source: string, token: string): Promise<void>;
  close(): Promise<void>;
}

export async function startWorkflowGateway(
  overrides: StartTestGatewayOverrides = {},
  server: Parameters<typeof startTestGateway>[1] = {},
): Promise<WorkflowGateway> {
  const secretsKey = SecretBox.generateKey();
  const gw = await startTestGateway({ secretsKey, ...overrides }, server);
  const approvals = await startApprovals({
    pool: gw.pool,
    secretsKey,
    clock: gw.clock,
    run: false,
    iam: {
      passwordHasher: argon2idHasher({ memoryCost: 1024, timeCost: 1, parallelism: 1 }),
      view: { pollIntervalMs: 50 },
    },
    pollIntervalMs: 50,
  });
  await approvals.intake.catchUp();
  return {
    gw,
    approvals,
    async caughtUp() {
      await approvals.intake.catchUp();
    },
    async settle() {
      await approvals.intake.catchUp();
      const report = await approvals.worker.tick();
      if (report.failures !== 0) throw new Error(`approvals worker: ${report.failures} failures`);
      await approvals.intake.catchUp();
      return report.processed;
    },
    async publishRules(source, token) {
      ok(
        await gw.gql(
          `mutation($s: String!) { updateApprovalRules(source: $s, fileName: "rules.yaml") { version changed } }`,
          { s: source },
          { token },
        ),
      );
    },
    async close() {
      await approvals.close();
      await gw.close();
    },
  };
}
