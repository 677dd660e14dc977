// The CLI against the real gateway (its built process, @gatehouse/gateway/testing) on a fresh
// PostgreSQL database: login, whoami, plan → apply → plan (no changes), export → validate → plan
// (no changes), a stale plan refused after a concurrent change, and a non-root deployer (signed
// access-key requests) whose new grants become change requests. Every command runs the built
// `gatehouse` bin as a child process, with NO_COLOR.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { cp, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  ROOT_EMAIL,
  ROOT_PASSWORD,
  startGatewayProcess,
  type GatewayUnderTest,
} from '@gatehouse/gateway/testing';
import { runGatehouse, stdoutJson as json, type CliRun } from './support/runCli.js';
import { rootCaller } from './support/rootCaller.js';

const example = path.resolve(import.meta.dirname, '../examples/repository');
/** The account the example repository describes (its `gatehouse.yaml` and ARNs). */
const ACCOUNT_ID = '314159265358';
const arn = (kind: string, name: string) => `arn:gatehouse:iam::${ACCOUNT_ID}:${kind}/${name}`;

let gateway: GatewayUnderTest;
let work: string;
let env: Record<string, string>;

async function gh(
  args: readonly string[],
  options: { input?: string; env?: Record<string, string> } = {},
): Promise<CliRun> {
  return runGatehouse(args, {
    env: { ...env, ...options.env },
    ...(options.input === undefined ? {} : { input: options.input }),
    cwd: work,
  });
}

interface PlanJson {
  summary: {
    create: number;
    update: number;
    delete: number;
    operations: number;
    requireApproval: number;
    hasChanges: boolean;
  };
  liveState: { fingerprint: string };
  operations: {
    id: string;
    mutation: string;
    analysis?: { verdict: string; newAccess: { principal?: string; action: string }[] };
  }[];
  changes: { address: string; action: string }[];
}
const planOf = (run: CliRun) => json(run) as PlanJson;

interface ApplyJson {
  applied: number;
  pending: number;
  skipped: number;
  failed: number;
  changeRequestIds: string[];
  outcomes: { id: string; status: string; changeRequestId?: string }[];
}
const applyOf = (run: CliRun) => json(run) as ApplyJson;

const rootCall = rootCaller(() => gateway);

beforeAll(async () => {
  gateway = await startGatewayProcess({
    GATEHOUSE_ACCOUNT_ID: ACCOUNT_ID,
    // The deployer of the last test holds `iam:*`, which only admin principals may.
    GATEHOUSE_ADMIN_PRINCIPALS: arn('user', 'ci'),
  });
  work = await mkdtemp(path.join(os.tmpdir(), 'gatehouse-cli-'));
  env = {
    GATEHOUSE_CONFIG_FILE: path.join(work, 'home', 'config'),
    GATEHOUSE_SHARED_CREDENTIALS_FILE: path.join(work, 'home', 'credentials'),
  };
  await cp(example, path.join(work, 'repo'), { recursive: true });
});

afterAll(async () => {
  await gateway.stop();
  await rm(work, { recursive: true, force: true });
});

describe('gatehouse against a running gateway', () => {
  it('signs in with a password read from stdin and keeps the session in 0600 files, never printing it', async () => {
    const run = await gh(
      ['login', '--endpoint', gateway.gateway.baseUrl, '--root-email', ROOT_EMAIL],
      { input: `${ROOT_PASSWORD}\n` },
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`as arn:gatehouse:iam::${ACCOUNT_ID}:root (profile default)`);
    for (const output of [run.stdout, run.stderr]) {
      expect(output).not.toContain(ROOT_PASSWORD);
      expect(output).not.toMatch(/ghs1\./);
    }
    for (const file of ['config', 'credentials']) {
      const info = await stat(path.join(work, 'home', file));
      expect(info.mode & 0o777).toBe(0o600);
    }
    expect(await readFile(path.join(work, 'home', 'credentials'), 'utf8')).toMatch(
      /session_token = ghs1\./,
    );

    const whoami = await gh(['whoami', '-o', 'json']);
    expect(whoami.code).toBe(0);
    expect(json(whoami)).toMatchObject({ account: ACCOUNT_ID, principalType: 'Root' });
    expect(whoami.stdout).not.toMatch(/ghs1\./);
  });

  it('plans the creations with their least-privilege analysis; apply lands them; plan then shows no changes', async () => {
    expect((await gh(['validate', 'repo'])).code).toBe(0);
    const planned = await gh(['plan', 'repo', '-o', 'json', '--out', 'plan.json']);
    expect(planned.code).toBe(0);
    const plan = planOf(planned);
    expect(plan.summary).toMatchObject({ create: 7, update: 0, delete: 0, hasChanges: true });
    expect(plan.changes.map((c) => c.address).sort()).toEqual([
      'approval-rules',
      'group/readers',
      'policy/developer-boundary',
      'policy/read-iam',
      'role/deployer',
      'user/alice',
      'user/bob',
    ]);
    const order = plan.operations.map((o) => o.mutation);
    expect(order.indexOf('createPolicy')).toBeLessThan(order.indexOf('createGroup'));
    expect(order.indexOf('createUser')).toBeLessThan(order.indexOf('addUserToGroup'));
    // Bob joining `readers` grants him the group's access: the exact new access is in the plan.
    const join = plan.operations.find((o) => o.id === 'membership/bob/readers:add');
    expect(join?.analysis?.verdict).toBe('REQUIRE_APPROVAL');
    expect(join?.analysis?.newAccess).toContainEqual(
      expect.objectContaining({ principal: arn('user', 'bob'), action: 'iam:GetUser' }),
    );

    const human = await gh(['plan', 'repo', '--detailed-exitcode']);
    expect(human.code).toBe(1);
    expect(human.stdout).toContain('+ user/alice');
    expect(human.stdout).toContain('Plan: 7 to create, 0 to update, 0 to delete');
    expect(human.stdout.includes('\u001b[')).toBe(false);

    const applied = await gh(['apply', '--plan-file', 'plan.json', '-o', 'json']);
    expect(applied.code).toBe(0);
    // Root applies approval-required changes directly (the gateway's break-glass rule).
    expect(applyOf(applied)).toMatchObject({
      applied: plan.summary.operations,
      pending: 0,
      failed: 0,
    });
    expect(applied.stderr).toMatch(
      /\[ ?1\/\d+\] policy\/read-iam: create policy `read-iam` applied/,
    );

    const again = await gh(['plan', 'repo', '--detailed-exitcode', '-o', 'json']);
    expect(planOf(again).summary.hasChanges).toBe(false);
    expect(again.code).toBe(0);

    // What bob may do now, as the gateway evaluates it.
    const simulated = await gh([
      'simulate',
      'user/bob',
      '-a',
      'iam:GetUser',
      '-a',
      'iam:DeleteUser',
      '-r',
      arn('user', 'bob'),
      '-o',
      'json',
    ]);
    expect(simulated.code).toBe(0);
    expect(json(simulated)).toMatchObject({
      principal: arn('user', 'bob'),
      decisions: [
        { action: 'iam:GetUser', decision: 'Allowed' },
        { action: 'iam:DeleteUser', decision: 'ImplicitlyDenied' },
      ],
    });
  });

  it('exports the live state as a repository that validates and plans with no changes', async () => {
    const exported = await gh(['export', 'exported']);
    expect(exported.code).toBe(0);
    expect(exported.stdout).toContain('2 policies, 1 groups, 2 users, 1 roles');
    expect((await gh(['validate', 'exported'])).code).toBe(0);
    const roundTrip = await gh(['plan', 'exported', '--detailed-exitcode']);
    expect(roundTrip.stdout).toContain('No changes');
    expect(roundTrip.code).toBe(0);
    const boundary = await readFile(
      path.join(work, 'exported', 'boundaries', 'developer-boundary.yaml'),
      'utf8',
    );
    expect(boundary).toContain('sts:AssumeRole');
  });

  it('refuses a saved plan once the live state has changed (exit 3), and applies a fresh one', async () => {
    const file = path.join(work, 'repo', 'users', 'alice.yaml');
    await writeFile(
      file,
      (await readFile(file, 'utf8')).replace('team: platform', 'team: security'),
    );
    const planned = await gh(['plan', 'repo', '--out', 'stale.json', '-o', 'json']);
    expect(planOf(planned).summary).toMatchObject({ update: 1, operations: 1 });

    // Someone changes the account between plan and apply.
    await rootCall(
      `mutation { tagUser(userName: "bob", tags: [{ key: "x", value: "y" }]) { checkpoint } }`,
    );

    const stale = await gh(['apply', '--plan-file', 'stale.json']);
    expect(stale.code).toBe(3);
    expect(stale.stderr).toContain('the live state changed since the plan was computed');
    // Nothing of the stale plan was applied.
    const alice = await rootCall<{ getUser: { tags: { key: string; value: string }[] } }>(
      `{ getUser(userName: "alice") { tags { key value } } }`,
    );
    expect(alice.getUser.tags).toEqual([{ key: 'team', value: 'platform' }]);

    // A fresh plan sees both differences (alice's tag, bob's new tag) and applies them.
    const fresh = await gh(['apply', 'repo', '--yes', '-o', 'json']);
    expect(fresh.code).toBe(0);
    expect(applyOf(fresh)).toMatchObject({ applied: 2, failed: 0 });
    expect(planOf(await gh(['plan', 'repo', '-o', 'json'])).summary.hasChanges).toBe(false);
  });

  it('turns the new grants of a non-root deployer into change requests (signed access-key requests)', async () => {
    const deployerPolicy = JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          // The repository has approval rules: plan compares them with the published ones.
          Action: [
            'iam:*',
            'sts:GetCallerIdentity',
            'approvals:GetApprovalRules',
            'approvals:GetChangeRequest',
          ],
          Resource: '*',
        },
      ],
    });
    await rootCall(`mutation { createUser(userName: "ci") { user { userName } } }`);
    await rootCall(
      `mutation($d: String!) { putUserPolicy(userName: "ci", policyName: "deploy", policyDocument: $d) { status } }`,
      { d: deployerPolicy },
    );
    const key = await rootCall<{
      createAccessKey: { accessKeyId: string; secretAccessKey: string };
    }>(`mutation { createAccessKey(userName: "ci") { accessKeyId secretAccessKey } }`);
    const secret = key.createAccessKey.secretAccessKey;
    const ciEnv = {
      GATEHOUSE_ENDPOINT: gateway.gateway.baseUrl,
      GATEHOUSE_ACCESS_KEY_ID: key.createAccessKey.accessKeyId,
      GATEHOUSE_SECRET_ACCESS_KEY: secret,
    };
    // The repository leaves `ci` alone, tags alice (no new access: applied) and attaches
    // `read-iam` to the deployer role (new access: a change request).
    await writeFile(
      path.join(work, 'repo', 'gatehouse.yaml'),
      `version: 1\naccount: '${ACCOUNT_ID}'\nignore:\n  - user/ci\n`,
    );
    await writeFile(
      path.join(work, 'repo', 'users', 'alice.yaml'),
      'path: /eng/\ntags:\n  team: security\n  level: senior\npermissionsBoundary: developer-boundary\n',
    );
    const role = path.join(work, 'repo', 'roles', 'deployer.yaml');
    await writeFile(role, `${await readFile(role, 'utf8')}policies: [read-iam]\n`);

    const whoami = await gh(['whoami', '-o', 'json'], { env: ciEnv });
    expect(json(whoami)).toMatchObject({ arn: arn('user', 'ci') });

    const applied = await gh(['apply', 'repo', '--yes', '-o', 'json'], { env: ciEnv });
    expect(applied.code).toBe(0);
    const result = applyOf(applied);
    expect(result).toMatchObject({ applied: 1, pending: 1, failed: 0 });
    const attach = result.outcomes.find((o) => o.id.startsWith('role/deployer:attach:'));
    expect(attach?.status).toBe('PENDING_APPROVAL');
    expect(attach?.changeRequestId).toEqual(expect.any(String));
    expect(result.changeRequestIds).toEqual([attach?.changeRequestId]);
    for (const output of [applied.stdout, applied.stderr]) expect(output).not.toContain(secret);
    // The attachment waits for approval: a new plan still has it, and only it.
    const after = planOf(await gh(['plan', 'repo', '-o', 'json'], { env: ciEnv }));
    expect(after.operations.map((o) => o.id)).toEqual([attach?.id]);

    // --wait reports the outcome even when it cannot wait: nobody reviews the request, which
    // stays pending past the 1 s timeout (exit 5, the ids still in the JSON).
    const waited = await gh(
      [
        'apply',
        'repo',
        '--yes',
        '--wait',
        '--wait-timeout',
        '1s',
        '--poll-interval',
        '200ms',
        '-o',
        'json',
      ],
      { env: ciEnv },
    );
    expect(waited.code).toBe(5);
    const waitedJson = json(waited) as ApplyJson & {
      waitError?: { code: string; message: string };
    };
    expect(waitedJson).toMatchObject({ pending: 1, failed: 0 });
    expect(waitedJson.changeRequestIds).toHaveLength(1);
    expect(waitedJson.waitError?.code).toBe('API');
    expect(waitedJson.waitError?.message).toContain(
      `change requests not settled after the wait timeout: ${waitedJson.changeRequestIds[0]} (PENDING)`,
    );
  });

  it('deletes what the repository no longer defines only with --allow-delete', async () => {
    await rm(path.join(work, 'repo', 'users', 'bob.yaml'));
    const planned = planOf(await gh(['plan', 'repo', '-o', 'json']));
    expect(planned.changes).toContainEqual(
      expect.objectContaining({ address: 'user/bob', action: 'delete' }),
    );
    const ids = planned.operations.map((o) => o.id);
    // Bob leaves his group and loses his inline policy before he is deleted.
    expect(ids.indexOf('membership/bob/readers:remove')).toBeLessThan(
      ids.indexOf('user/bob:delete'),
    );
    expect(ids.indexOf('user/bob:delete-inline:ReadOwnUser')).toBeLessThan(
      ids.indexOf('user/bob:delete'),
    );

    const refused = await gh(['apply', 'repo', '--yes']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('refusing without --allow-delete');
    expect(
      (
        await rootCall<{ getUser: { userName: string } }>(
          `{ getUser(userName: "bob") { userName } }`,
        )
      ).getUser.userName,
    ).toBe('bob');

    // As root (the default profile), so the role attachment still pending from the last test lands too.
    const applied = await gh(['apply', 'repo', '--yes', '--allow-delete', '-o', 'json']);
    expect(applied.code).toBe(0);
    expect(applyOf(applied)).toMatchObject({ failed: 0, pending: 0 });
    const after = await gh(['plan', 'repo', '--detailed-exitcode']);
    expect(after.stdout).toContain('No changes');
    expect(after.code).toBe(0);
  });
});
