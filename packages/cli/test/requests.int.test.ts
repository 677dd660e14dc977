// `gatehouse requests` and `apply --wait` against the real approvals API: the built gateway and
// the built approvals service (which applies approved change requests) as their own processes on
// one fresh PostgreSQL database. A non-admin deployer (`ci`, signing with an access key) applies a
// repository whose new grant becomes a change request; a reviewer (`rita`) finds it in
// `requests list`, approves it while `apply --wait` waits, and the wait reports it APPLIED; the
// deployer's own approval is refused (separation of duties); a rejection with a reason ends the
// next request and `apply --wait` says it was not applied.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  SECRETS_KEY,
  startGatewayProcess,
  startService,
  type GatewayUnderTest,
  type ServiceProcess,
} from '@gatehouse/gateway/testing';
import { runGatehouse, stdoutJson, type CliRun } from './support/runCli.js';
import { rootCaller } from './support/rootCaller.js';

const ACCOUNT_ID = '271828182845';
const arn = (kind: string, name: string) => `arn:gatehouse:iam::${ACCOUNT_ID}:${kind}/${name}`;

const RULES = `version: 1
rules:
  - name: anyone-else
    reviewers: { anyone: 1 }
`;

const policyDocument = (actions: readonly string[]) =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action: actions, Resource: '*' }],
  });

let gateway: GatewayUnderTest;
let approvals: ServiceProcess;
let work: string;
let repo: string;
const envs: Record<'root' | 'ci' | 'rita', Record<string, string>> = {
  root: {},
  ci: {},
  rita: {},
};

async function gh(who: keyof typeof envs, args: readonly string[]): Promise<CliRun> {
  return runGatehouse(args, {
    env: {
      GATEHOUSE_CONFIG_FILE: path.join(work, 'no-config'),
      GATEHOUSE_SHARED_CREDENTIALS_FILE: path.join(work, 'no-credentials'),
      ...envs[who],
    },
    cwd: work,
  });
}

const rootCall = rootCaller(() => gateway);

/** A user with one inline policy and an access key; returns the CLI's environment for it. */
async function userWithKey(
  userName: string,
  actions: readonly string[],
): Promise<Record<string, string>> {
  await rootCall(`mutation($u: String!) { createUser(userName: $u) { user { userName } } }`, {
    u: userName,
  });
  await rootCall(
    `mutation($u: String!, $d: String!) { putUserPolicy(userName: $u, policyName: "p", policyDocument: $d) { status } }`,
    { u: userName, d: policyDocument(actions) },
  );
  const key = await rootCall<{
    createAccessKey: { accessKeyId: string; secretAccessKey: string };
  }>(`mutation($u: String!) { createAccessKey(userName: $u) { accessKeyId secretAccessKey } }`, {
    u: userName,
  });
  return {
    GATEHOUSE_ENDPOINT: gateway.gateway.baseUrl,
    GATEHOUSE_ACCESS_KEY_ID: key.createAccessKey.accessKeyId,
    GATEHOUSE_SECRET_ACCESS_KEY: key.createAccessKey.secretAccessKey,
  };
}

/** The repository: two policies and the role `deployer` with the given attachments. */
async function writeRepository(rolePolicies: readonly string[]): Promise<void> {
  await mkdir(path.join(repo, 'policies'), { recursive: true });
  await mkdir(path.join(repo, 'roles'), { recursive: true });
  await writeFile(
    path.join(repo, 'gatehouse.yaml'),
    `version: 1\naccount: '${ACCOUNT_ID}'\nignore:\n  - user/ci\n  - user/rita\n`,
  );
  for (const [name, actions] of [
    ['read-users', ['iam:GetUser', 'iam:ListUsers']],
    ['read-groups', ['iam:GetGroup', 'iam:ListGroups']],
  ] as const) {
    await writeFile(
      path.join(repo, 'policies', `${name}.yaml`),
      `document:\n  Version: '2012-10-17'\n  Statement:\n    - Effect: Allow\n      Action: [${actions.join(', ')}]\n      Resource: '*'\n`,
    );
  }
  await writeFile(
    path.join(repo, 'roles', 'deployer.yaml'),
    [
      'trustPolicy:',
      "  Version: '2012-10-17'",
      '  Statement:',
      '    - Effect: Allow',
      `      Principal: { AWS: '${arn('user', 'ci')}' }`,
      '      Action: sts:AssumeRole',
      ...(rolePolicies.length === 0 ? [] : [`policies: [${rolePolicies.join(', ')}]`]),
      '',
    ].join('\n'),
  );
}

interface RequestJson {
  requestId: string;
  status: string;
  requesterArn: string;
  action: string;
  resource: string;
  failureReason?: string | null;
}

interface ApplyJson {
  applied: number;
  pending: number;
  failed: number;
  changeRequestIds: string[];
  reviewed?: Record<string, string>;
  waitError?: { code: string; message: string };
}

/** Polls `requests list` as the reviewer until it shows a request (the read model catches up). */
async function awaitingReview(): Promise<RequestJson[]> {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    const run = await gh('rita', ['requests', 'list', '-o', 'json']);
    expect(run.code).toBe(0);
    const page = stdoutJson(run) as { requests: RequestJson[] };
    if (page.requests.length > 0) return page.requests;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error('no change request reached the reviewer');
}

/** `apply --wait` as the deployer, started now and awaited later. */
function applyAndWait(): Promise<CliRun> {
  return gh('ci', [
    'apply',
    'repo',
    '--yes',
    '--wait',
    '--wait-timeout',
    '60s',
    '--poll-interval',
    '200ms',
    '-o',
    'json',
  ]);
}

beforeAll(async () => {
  gateway = await startGatewayProcess({
    GATEHOUSE_ACCOUNT_ID: ACCOUNT_ID,
    // The deployer holds `iam:*`, which only admin principals may.
    GATEHOUSE_ADMIN_PRINCIPALS: arn('user', 'ci'),
  });
  approvals = await startService({
    entry: 'services/approvals/dist/main.js',
    env: {
      DATABASE_URL: gateway.database.url,
      APPROVALS_PORT: '0',
      APPROVALS_POLL_INTERVAL_MS: '100',
      APPROVALS_SEALER: 'false',
      GATEHOUSE_ADMIN_PRINCIPALS: arn('user', 'ci'),
      GATEHOUSE_SECRETS_KEY: SECRETS_KEY,
      LOG_LEVEL: 'info',
      NODE_ENV: 'test',
    },
    readyMessage: 'approvals listening',
  });
  work = await mkdtemp(path.join(os.tmpdir(), 'gatehouse-cli-requests-'));
  repo = path.join(work, 'repo');
  await rootCall(
    `mutation($s: String!) { updateApprovalRules(source: $s, fileName: "approval-rules.yaml") { version } }`,
    { s: RULES },
  );
  envs.ci = await userWithKey('ci', [
    'iam:*',
    'sts:GetCallerIdentity',
    'approvals:GetChangeRequest',
    'approvals:ListChangeRequests',
    // Held, yet refused on its own requests: the workflow's separation of duties.
    'approvals:ApproveChangeRequest',
  ]);
  envs.rita = await userWithKey('rita', [
    'sts:GetCallerIdentity',
    'approvals:GetChangeRequest',
    'approvals:ListChangeRequests',
    'approvals:ApproveChangeRequest',
    'approvals:RejectChangeRequest',
  ]);
  envs.root = {
    GATEHOUSE_ENDPOINT: gateway.gateway.baseUrl,
    GATEHOUSE_SESSION_TOKEN: await rootCall.session(),
  };
  // The account as the repository has it, without attachments (root applies directly).
  await writeRepository([]);
  const initial = await gh('root', ['apply', 'repo', '--yes', '-o', 'json']);
  expect(initial.code).toBe(0);
});

afterAll(async () => {
  await approvals.stop();
  await gateway.stop();
  await rm(work, { recursive: true, force: true });
});

describe('gatehouse requests against the approvals API', () => {
  it('a reviewer approves what a deployer applies; apply --wait and requests show report it applied; self-approval is refused', async () => {
    await writeRepository(['read-users']);
    const waiting = applyAndWait();

    const [listed] = await awaitingReview();
    expect(listed).toMatchObject({
      status: 'PENDING',
      action: 'iam:AttachRolePolicy',
      requesterArn: arn('user', 'ci'),
    });
    const id = listed?.requestId ?? '';
    // The deployer sees it among their own pending requests.
    const mine = await gh('ci', [
      'requests',
      'list',
      '--mine',
      '--status',
      'PENDING',
      '-o',
      'json',
    ]);
    expect(mine.code).toBe(0);
    expect(
      (stdoutJson(mine) as { requests: RequestJson[] }).requests.map((r) => r.requestId),
    ).toEqual([id]);

    const self = await gh('ci', ['requests', 'approve', id]);
    expect(self.code).toBe(5);
    expect(self.stderr).toContain(
      `FORBIDDEN: nobody reviews their own request: \`${arn('user', 'ci')}\` submitted it`,
    );
    const selfJson = await gh('ci', ['requests', 'approve', id, '-o', 'json']);
    expect(selfJson.code).toBe(5);
    expect(stdoutJson(selfJson)).toMatchObject({
      error: { code: 'API', details: { gatewayCode: 'FORBIDDEN', reason: 'SELF_REVIEW' } },
    });

    const approved = await gh('rita', [
      'requests',
      'approve',
      id,
      '--comment',
      'OPS-12',
      '-o',
      'json',
    ]);
    expect(approved.code).toBe(0);
    expect(stdoutJson(approved)).toMatchObject({ requestId: id });
    expect(['APPROVED', 'APPLIED']).toContain((stdoutJson(approved) as RequestJson).status);

    const applied = await waiting;
    expect(applied.code).toBe(0);
    const result = stdoutJson(applied) as ApplyJson;
    expect(result).toMatchObject({ pending: 1, failed: 0, changeRequestIds: [id] });
    expect(result.reviewed).toEqual({ [id]: 'APPLIED' });

    const shown = await gh('ci', ['requests', 'show', id, '-o', 'json']);
    expect(shown.code).toBe(0);
    expect(stdoutJson(shown)).toMatchObject({
      requestId: id,
      status: 'APPLIED',
      failureReason: null,
    });
    const text = await gh('ci', ['requests', 'show', id]);
    expect(text.stdout.split('\n')[0]).toBe(`${id}  APPLIED`);
    // The approvals service attached the policy: the repository and the account agree.
    const plan = await gh('ci', ['plan', 'repo', '--detailed-exitcode']);
    expect(plan.stdout).toContain('No changes');
    expect(plan.code).toBe(0);
  });

  it('a rejection with a reason ends the request; apply --wait says it was not applied (exit 5)', async () => {
    await writeRepository(['read-users', 'read-groups']);
    const waiting = applyAndWait();
    const [listed] = await awaitingReview();
    const id = listed?.requestId ?? '';

    const rejected = await gh('rita', ['requests', 'reject', id, '--reason', 'too broad']);
    expect(rejected.code).toBe(0);
    expect(rejected.stdout).toBe(`Change request ${id} is now REJECTED.\n`);

    const applied = await waiting;
    expect(applied.code).toBe(5);
    const result = stdoutJson(applied) as ApplyJson;
    expect(result.changeRequestIds).toEqual([id]);
    expect(result.waitError).toEqual({
      code: 'API',
      message: `change requests not applied: ${id} (REJECTED)`,
    });
    const shown = stdoutJson(await gh('ci', ['requests', 'show', id, '-o', 'json']));
    expect(shown).toMatchObject({ requestId: id, status: 'REJECTED' });
    // Nothing reached the reviewer's list any more, and the attachment is still to do.
    expect(
      (stdoutJson(await gh('rita', ['requests', 'list', '-o', 'json'])) as { requests: unknown[] })
        .requests,
    ).toEqual([]);
    const plan = await gh('ci', ['plan', 'repo', '--detailed-exitcode']);
    expect(plan.code).toBe(1);
  });
});
