// Plan computation (pure: desired and live states in, operations out), its readable rendering
// with and without color, and the stale-plan check of apply.
import { describe, expect, it } from '@jest/globals';
import path from 'node:path';
import {
  computePlan,
  desiredState,
  fingerprintState,
  loadRepository,
  staleness,
  type AccountState,
  type PlanFile,
} from '../src/index.js';
import { accountSnapshot } from '../src/plan/accountSnapshot.js';
import { analyzePlan } from '../src/plan/analyzePlan.js';
import { summarize } from '../src/plan/planFile.js';

import { formatPlanText } from '../src/output/planText.js';
import { Terminal } from '../src/output/terminal.js';

const ACCOUNT = '314159265358';
const packageRoot = path.resolve(import.meta.dirname, '..');
const arn = (kind: string, name: string) => `arn:gatehouse:iam::${ACCOUNT}:${kind}/${name}`;
const empty: AccountState = { accountId: ACCOUNT, policies: [], users: [], groups: [], roles: [] };

async function exampleDesired(): Promise<AccountState> {
  const { model } = await loadRepository('examples/repository', { cwd: packageRoot });
  return desiredState(model, ACCOUNT);
}

/** The live state after applying a desired state exactly (what export reads back). */
function asLive(desired: AccountState): AccountState {
  return { ...desired, approvalRules: undefined };
}

function planFile(live: AccountState, desired: AccountState): PlanFile {
  const diff = computePlan({ desired, live, ignore: [] });
  return {
    formatVersion: 1,
    tool: { name: 'gatehouse', version: '0.0.0' },
    createdAt: '2026-11-28T12:00:00.000Z',
    endpoint: 'http://127.0.0.1:4000',
    accountId: ACCOUNT,
    caller: arn('user', 'ci'),
    repository: { path: 'repo', digest: 'sha256:0' },
    liveState: { fingerprint: fingerprintState(live), includesApprovalRules: false },
    summary: summarize(diff),
    ...diff,
  };
}

describe('computePlan', () => {
  it('creates everything of an empty account in dependency order', async () => {
    const desired = await exampleDesired();
    const diff = computePlan({
      desired: { ...desired, approvalRules: undefined },
      live: empty,
      ignore: [],
    });
    expect(diff.errors).toEqual([]);
    expect(diff.changes.map((c) => `${c.action} ${c.address}`).sort()).toEqual([
      'create group/readers',
      'create policy/developer-boundary',
      'create policy/read-iam',
      'create role/deployer',
      'create user/alice',
      'create user/bob',
    ]);
    const ids = diff.operations.map((o) => o.id);
    // Every operation comes after those it depends on.
    diff.operations.forEach((operation, index) => {
      for (const dependency of operation.dependsOn)
        expect(ids.indexOf(dependency)).toBeLessThan(index);
    });
    const aliceCreate = diff.operations.find((o) => o.id === 'user/alice:create');
    expect(aliceCreate?.dependsOn).toEqual(['policy/developer-boundary:create']);
    expect(aliceCreate?.variables).toMatchObject({
      userName: 'alice',
      path: '/eng/',
      permissionsBoundary: arn('policy', 'developer-boundary'),
    });
    const join = diff.operations.find((o) => o.id === 'membership/bob/readers:add');
    expect(join?.accountChanges).toEqual([
      { kind: 'AddUserToGroup', userName: 'bob', groupName: 'readers' },
    ]);
  });

  it('finds nothing to do when the live account matches', async () => {
    const desired = await exampleDesired();
    const diff = computePlan({ desired, live: asLive(desired), ignore: [] });
    expect(diff.operations).toEqual([]);
    expect(diff.changes).toEqual([]);
  });

  it('updates in place: tags, a new policy version, an inline policy removed', async () => {
    const desired = await exampleDesired();
    const live = asLive(desired);
    const changed: AccountState = {
      ...desired,
      users: desired.users.map((u) =>
        u.name === 'alice' ? { ...u, tags: { team: 'security', level: 'senior' } } : u,
      ),
      policies: desired.policies.map((p) =>
        p.name === 'read-iam'
          ? {
              ...p,
              document: {
                Version: '2012-10-17',
                Statement: [{ Effect: 'Allow', Action: 'iam:GetUser', Resource: '*' }],
              },
            }
          : p,
      ),
      roles: desired.roles.map((r) => ({ ...r, inlinePolicies: {} })),
    };
    const diff = computePlan({ desired: changed, live, ignore: [] });
    expect(diff.operations.map((o) => [o.id, o.mutation])).toEqual([
      ['policy/read-iam:new-version', 'createPolicyVersion'],
      ['user/alice:tag', 'tagUser'],
      ['role/deployer:delete-inline:InspectRoles', 'deleteRolePolicy'],
    ]);
    expect(diff.operations[1]?.variables).toEqual({
      userName: 'alice',
      tags: [
        { key: 'level', value: 'senior' },
        { key: 'team', value: 'security' },
      ],
    });
  });

  it('deletes what the repository no longer has, except what `ignore` names', async () => {
    const desired = await exampleDesired();
    const live: AccountState = {
      ...asLive(desired),
      users: [
        ...desired.users,
        {
          name: 'break-glass-1',
          path: '/',
          arn: arn('user', 'break-glass-1'),
          policies: [],
          inlinePolicies: {},
          tags: {},
          groups: [],
        },
        {
          name: 'mallory',
          path: '/',
          arn: arn('user', 'mallory'),
          policies: [],
          inlinePolicies: {},
          tags: {},
          groups: ['readers'],
        },
      ],
    };
    const diff = computePlan({ desired, live, ignore: ['user/break-glass-*'] });
    expect(diff.changes.map((c) => `${c.action} ${c.address}`)).toEqual(['delete user/mallory']);
    const ids = diff.operations.map((o) => o.id);
    expect(ids).toContain('user/mallory:delete');
    // Membership goes before the user.
    expect(ids.indexOf('membership/mallory/readers:remove')).toBeLessThan(
      ids.indexOf('user/mallory:delete'),
    );
  });

  it('publishes the approval rules when their digest differs from the published version', async () => {
    const desired = await exampleDesired();
    const rules = desired.approvalRules;
    if (rules === undefined || rules === null || rules === 'unsupported')
      throw new Error('no rules');
    const live = asLive(desired);
    const published = (digest: string): AccountState => ({
      ...live,
      approvalRules: { fileName: 'approval-rules.yaml', digest },
    });
    expect(computePlan({ desired, live: published(rules.digest), ignore: [] }).operations).toEqual(
      [],
    );
    const changed = computePlan({ desired, live: published('0'.repeat(64)), ignore: [] });
    expect(changed.operations.map((o) => [o.mutation, o.variables])).toEqual([
      ['updateApprovalRules', { source: rules.source, fileName: 'approval-rules.yaml' }],
    ]);
    const first = computePlan({ desired, live: { ...live, approvalRules: null }, ignore: [] });
    expect(first.changes).toMatchObject([{ address: 'approval-rules', action: 'create' }]);
    // A gateway without the approvals API: a warning, nothing to run.
    const unsupported = computePlan({
      desired,
      live: { ...live, approvalRules: 'unsupported' },
      ignore: [],
    });
    expect(unsupported.operations).toEqual([]);
    expect(unsupported.warnings).toEqual([
      '`approval-rules.yaml` is not applied: the gateway has no approvals API (`updateApprovalRules`) yet',
    ]);
  });

  it('refuses to plan a reference to a policy that would not exist', async () => {
    const desired = await exampleDesired();
    const broken: AccountState = {
      ...desired,
      users: desired.users.map((u) =>
        u.name === 'bob' ? { ...u, policies: [arn('policy', 'nowhere')] } : u,
      ),
    };
    const diff = computePlan({ desired: broken, live: empty, ignore: [] });
    expect(diff.errors).toEqual([
      `\`${arn('user', 'bob')}\` refers to \`${arn('policy', 'nowhere')}\`, which neither the repository nor the account has`,
    ]);
  });
});

describe('analyzePlan', () => {
  it('gives each permission change its verdict and exact new access, in the plan’s order', async () => {
    const desired = { ...(await exampleDesired()), approvalRules: undefined };
    const diff = computePlan({ desired, live: empty, ignore: [] });
    const analysed = analyzePlan(diff.operations, accountSnapshot(empty, []));
    const byId = new Map(analysed.map((o) => [o.id, o.analysis]));
    // Creating a policy grants nothing yet; bob joining `readers` grants him what it holds.
    expect(byId.get('policy/read-iam:create')?.verdict).toBe('AUTO_APPLY');
    const join = byId.get('membership/bob/readers:add');
    expect(join?.verdict).toBe('REQUIRE_APPROVAL');
    expect(join?.newAccess).toContainEqual(
      expect.objectContaining({
        principal: arn('user', 'bob'),
        action: 'iam:GetUser',
        resource: '*',
      }),
    );
    // `iam:Get*` and `iam:List*` expand to more than the 50 entries a plan keeps per operation.
    expect(join?.newAccess).toHaveLength(50);
    expect(join?.truncated).toBe(true);
    // Operations that change no permission carry no analysis.
    expect(analysed.find((o) => o.mutation === 'tagRole')?.analysis).toBeUndefined();
  });
});

describe('the readable plan', () => {
  const render = (plan: PlanFile, env: Record<string, string>, isTTY: boolean) => {
    let text = '';
    const terminal = new Terminal({
      stdout: { write: (t: string) => (text += t), isTTY },
      stderr: { write: () => true },
      env,
    });
    for (const line of formatPlanText(plan, terminal.colors)) terminal.out(line);
    return text;
  };

  it('shows each change with its sign and the summary, without escape codes under NO_COLOR', async () => {
    const plan = planFile(empty, { ...(await exampleDesired()), approvalRules: undefined });
    const text = render(plan, { NO_COLOR: '1', FORCE_COLOR: '1' }, true);
    expect(text).toContain('  + user/alice (create)');
    expect(text).toContain('+ permissionsBoundary: developer-boundary');
    expect(text).toContain('Plan: 6 to create, 0 to update, 0 to delete');
    expect(text.includes('\u001b[')).toBe(false);
    // The same plan on a color terminal is colored.
    expect(render(plan, {}, true).includes('\u001b[')).toBe(true);
    // Not a terminal: no color either.
    expect(render(plan, {}, false).includes('\u001b[')).toBe(false);
  });

  it('shows a changed document as a line diff', async () => {
    const desired = await exampleDesired();
    const live = asLive(desired);
    const changed: AccountState = {
      ...desired,
      policies: desired.policies.map((p) =>
        p.name === 'read-iam'
          ? {
              ...p,
              document: {
                Version: '2012-10-17',
                Statement: [
                  { Sid: 'ReadIam', Effect: 'Allow', Action: ['iam:Get*'], Resource: '*' },
                ],
              },
            }
          : p,
      ),
    };
    const text = render(planFile(live, changed), { NO_COLOR: '1' }, false);
    expect(text).toContain('  ~ policy/read-iam (update)');
    expect(text).toMatch(/^ +- +"iam:List\*"$/m);
    expect(text).toContain('Plan: 0 to create, 1 to update, 0 to delete');
  });

  it('says so when there is nothing to do', async () => {
    const desired = await exampleDesired();
    const text = render(planFile(asLive(desired), desired), { NO_COLOR: '1' }, false);
    expect(text).toContain('No changes: the account matches the repository.');
  });
});

describe('the stale-plan check', () => {
  it('accepts the state the plan was computed against, read again in another order', async () => {
    const desired = await exampleDesired();
    const live = asLive(desired);
    const plan = planFile(live, desired);
    const reread: AccountState = {
      ...live,
      users: [...live.users].reverse(),
      policies: [...live.policies].reverse(),
    };
    expect(staleness(plan, ACCOUNT, reread)).toBeUndefined();
  });

  it('refuses with STALE_PLAN (exit 3) once anything changed', async () => {
    const desired = await exampleDesired();
    const live = asLive(desired);
    const plan = planFile(live, desired);
    const tagged: AccountState = {
      ...live,
      users: live.users.map((u) => (u.name === 'bob' ? { ...u, tags: { x: 'y' } } : u)),
    };
    expect(staleness(plan, ACCOUNT, tagged)).toMatchObject({ code: 'STALE_PLAN' });
    const recreated: AccountState = {
      ...live,
      roles: live.roles.map((r) => ({ ...r, id: 'AROANEWID' })),
    };
    expect(staleness(plan, ACCOUNT, recreated)).toMatchObject({ code: 'STALE_PLAN' });
  });

  it('refuses a plan for another account', async () => {
    const desired = await exampleDesired();
    const plan = planFile(asLive(desired), desired);
    expect(staleness(plan, '999999999999', asLive(desired))).toMatchObject({ code: 'CONFIG' });
  });
});
