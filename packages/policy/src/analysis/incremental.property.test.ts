import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { GATEHOUSE_CATALOGUE } from '../catalogue/gatehouseServices.js';
import { applyChanges, type AccountChange } from './account/accountChange.js';
import type { AccountSnapshot, RoleSnapshot, UserSnapshot } from './account/accountSnapshot.js';
import { AccountIndex } from './account/effectivePermissions.js';
import { createAnalysisContext } from './analysisContext.js';
import { analyzeChange, analyzeChangeInFull } from './analyzeChange.js';
import {
  adminUnder,
  buildEscalationGraph,
  EscalationAnalysis,
  possiblyAdmin,
} from './escalation/escalationGraph.js';
import { permissionModel } from './permissionModel.js';

// The incremental analysis (after-graph updated from the before-graph, reach sets instead of
// searches, shortcuts, a reused context) must give exactly what the plain computation gives:
// both graphs built from scratch and every question answered by a search.

const ACCOUNT = '111122223333';
const arn = (kind: string, name: string) => `arn:gatehouse:iam::${ACCOUNT}:${kind}/${name}`;
const doc = (Statement: object[]) => ({ Version: '2012-10-17', Statement });

const USERS = ['u0', 'u1', 'u2', 'u3'];
const GROUPS = ['g0', 'g1'];
const ROLES = ['r0', 'r1', 'r2'];
const POLICIES = ['p0', 'p1', 'p2'];
// Actions of every edge rule, and wildcards over them, so that graphs have edges of each kind.
const ACTIONS = [
  'iam:CreateAccessKey',
  'iam:CreateLoginProfile',
  'iam:UpdateAssumeRolePolicy',
  'iam:AddUserToGroup',
  'iam:PassRole',
  'iam:AttachUserPolicy',
  'iam:PutGroupPolicy',
  'iam:AttachRolePolicy',
  'iam:DeleteUserPermissionsBoundary',
  'iam:PutRolePermissionsBoundary',
  'iam:CreatePolicyVersion',
  'iam:SetDefaultPolicyVersion',
  'sts:AssumeRole',
  'iam:*',
  '*',
  'iam:Put*',
  'iam:*AccessKey*',
  'audit:GetEvent',
  'approvals:*',
];
const RESOURCES = [
  '*',
  arn('user', 'u0'),
  arn('user', 'u1'),
  arn('user', '*'),
  arn('user', '${aws:username}'),
  arn('user', 'u?'),
  arn('role', 'r0'),
  arn('role', '*'),
  arn('group', 'g0'),
  arn('group', '*'),
  arn('policy', 'p1'),
  arn('policy', '*'),
  `arn:gatehouse:iam::${ACCOUNT}:*`,
];
const CONDITIONS = [
  { Bool: { 'aws:MultiFactorAuthPresent': 'true' } },
  { StringEquals: { 'aws:PrincipalTag/team': 'blue' } },
];

const statement = fc
  .record({
    effect: fc.constantFrom('Allow', 'Allow', 'Allow', 'Deny'),
    negated: fc.integer({ min: 0, max: 11 }),
    actions: fc.uniqueArray(fc.constantFrom(...ACTIONS), { minLength: 1, maxLength: 3 }),
    resources: fc.uniqueArray(fc.constantFrom(...RESOURCES), { minLength: 1, maxLength: 2 }),
    condition: fc.option(fc.constantFrom(...CONDITIONS), { nil: undefined }),
  })
  .map((s) => ({
    Effect: s.effect,
    [s.negated === 0 ? 'NotAction' : 'Action']: s.actions,
    [s.negated === 1 ? 'NotResource' : 'Resource']: s.resources,
    ...(s.condition === undefined ? {} : { Condition: s.condition }),
  }));
const policyDocument = fc.array(statement, { minLength: 1, maxLength: 3 }).map(doc);
const trustDocument = fc
  .record({
    principal: fc.constantFrom<object | string>(
      { AWS: ACCOUNT },
      { AWS: arn('user', 'u0') },
      { AWS: arn('role', 'r1') },
      { Service: 'ec2.gatehouse.internal' },
      '*',
    ),
    conditional: fc.boolean(),
    denied: fc.option(fc.constantFrom(...USERS), { nil: undefined }),
  })
  .map(({ principal, conditional, denied }) =>
    doc([
      {
        Effect: 'Allow',
        Principal: principal,
        Action: 'sts:AssumeRole',
        ...(conditional ? { Condition: CONDITIONS[0] } : {}),
      },
      ...(denied === undefined
        ? []
        : [{ Effect: 'Deny', Principal: { AWS: arn('user', denied) }, Action: 'sts:AssumeRole' }]),
    ]),
  );
const attached = fc.subarray(POLICIES.map((p) => arn('policy', p)));
const inline = fc.option(policyDocument, { nil: undefined });
const boundary = fc.option(fc.constantFrom(...POLICIES.map((p) => arn('policy', p))), {
  nil: undefined,
});

const account: fc.Arbitrary<AccountSnapshot> = fc
  .record({
    users: fc.array(
      fc.record({
        groups: fc.subarray(GROUPS),
        attached,
        inline,
        boundary,
        team: fc.option(fc.constantFrom('blue', 'red'), { nil: undefined }),
      }),
      { minLength: USERS.length - 1, maxLength: USERS.length },
    ),
    groups: fc.array(fc.record({ attached, inline }), {
      minLength: GROUPS.length,
      maxLength: GROUPS.length,
    }),
    roles: fc.array(fc.record({ trust: trustDocument, attached, inline, boundary }), {
      minLength: ROLES.length - 1,
      maxLength: ROLES.length,
    }),
    policies: fc.array(policyDocument, { minLength: POLICIES.length, maxLength: POLICIES.length }),
    guardrail: fc.boolean(),
    admins: fc.boolean(),
  })
  .map((a) => ({
    accountId: ACCOUNT,
    users: a.users.map((u, i): UserSnapshot => ({
      name: USERS[i] ?? `u${i}`,
      groups: u.groups,
      attachedPolicies: u.attached,
      ...(u.inline === undefined ? {} : { inlinePolicies: [{ name: 'own', document: u.inline }] }),
      ...(u.boundary === undefined ? {} : { permissionsBoundary: u.boundary }),
      ...(u.team === undefined ? {} : { tags: { team: u.team } }),
    })),
    groups: a.groups.map((g, i) => ({
      name: GROUPS[i] ?? `g${i}`,
      attachedPolicies: g.attached,
      ...(g.inline === undefined ? {} : { inlinePolicies: [{ name: 'own', document: g.inline }] }),
    })),
    roles: a.roles.map((r, i): RoleSnapshot => ({
      name: ROLES[i] ?? `r${i}`,
      trustPolicy: r.trust,
      attachedPolicies: r.attached,
      ...(r.inline === undefined ? {} : { inlinePolicies: [{ name: 'own', document: r.inline }] }),
      ...(r.boundary === undefined ? {} : { permissionsBoundary: r.boundary }),
    })),
    policies: a.policies.map((document, i) => ({
      arn: arn('policy', POLICIES[i] ?? `p${i}`),
      document,
    })),
    ...(a.guardrail
      ? {
          guardrails: [
            {
              name: 'scp',
              document: doc([
                { Effect: 'Allow', Action: '*', Resource: '*' },
                { Effect: 'Deny', Action: 'iam:PutGroupPolicy', Resource: '*' },
              ]),
            },
          ],
        }
      : {}),
    ...(a.admins ? { rules: { adminPrincipals: [arn('user', 'u0')] } } : {}),
  }));

const identity = fc.oneof(
  fc.constantFrom(...USERS).map((name) => ({ kind: 'user' as const, name })),
  fc.constantFrom(...GROUPS).map((name) => ({ kind: 'group' as const, name })),
  fc.constantFrom(...ROLES).map((name) => ({ kind: 'role' as const, name })),
);
const principal = fc.oneof(
  fc.constantFrom(...USERS).map((name) => ({ kind: 'user' as const, name })),
  fc.constantFrom(...ROLES).map((name) => ({ kind: 'role' as const, name })),
);
const policyArn = fc.constantFrom(...POLICIES.map((p) => arn('policy', p)));
const oneChange: fc.Arbitrary<AccountChange> = fc.oneof(
  fc.record({
    kind: fc.constant('PutInlinePolicy' as const),
    identity,
    policyName: fc.constantFrom('own', 'extra'),
    document: policyDocument,
  }),
  fc.record({
    kind: fc.constant('DeleteInlinePolicy' as const),
    identity,
    policyName: fc.constant('own'),
  }),
  fc.record({ kind: fc.constant('AttachPolicy' as const), identity, policyArn }),
  fc.record({ kind: fc.constant('DetachPolicy' as const), identity, policyArn }),
  fc.record({
    kind: fc.constant('SetPolicyDocument' as const),
    policyArn,
    document: policyDocument,
  }),
  fc.record({
    kind: fc.constant('CreatePolicy' as const),
    policyArn: fc.constant(arn('policy', 'new')),
    document: policyDocument,
  }),
  fc.record({
    kind: fc.constantFrom('AddUserToGroup' as const, 'RemoveUserFromGroup' as const),
    userName: fc.constantFrom(...USERS),
    groupName: fc.constantFrom(...GROUPS),
  }),
  fc.record({
    kind: fc.constant('UpdateTrustPolicy' as const),
    roleName: fc.constantFrom(...ROLES),
    document: trustDocument,
  }),
  fc.record({ kind: fc.constant('PutPermissionsBoundary' as const), principal, policyArn }),
  fc.record({ kind: fc.constant('DeletePermissionsBoundary' as const), principal }),
  fc.record({
    kind: fc.constant('CreateUser' as const),
    user: fc.record({
      name: fc.constant('nu'),
      groups: fc.subarray(GROUPS),
      attachedPolicies: attached,
    }),
  }),
  fc.record({
    kind: fc.constant('CreateGroup' as const),
    group: fc.record({ name: fc.constant('ng'), attachedPolicies: attached }),
  }),
  fc.record({
    kind: fc.constant('CreateRole' as const),
    role: fc.record({
      name: fc.constant('nr'),
      trustPolicy: trustDocument,
      attachedPolicies: attached,
    }),
  }),
);
const change = fc.oneof(
  { weight: 3, arbitrary: oneChange },
  { weight: 1, arbitrary: fc.array(oneChange, { minLength: 2, maxLength: 3 }) },
);

describe('incremental analysis', () => {
  it('analyzeChange gives what a full recomputation gives, with or without a context', () => {
    fc.assert(
      fc.property(account, change, fc.boolean(), (snapshot, c, breakGlass) => {
        const input = { account: snapshot, change: c, breakGlass };
        const full = analyzeChangeInFull(input);
        expect(analyzeChange(input)).toStrictEqual(full);
        const context = createAnalysisContext(snapshot);
        expect(analyzeChange({ ...input, context })).toStrictEqual(full);
        // A context rolled forward from an earlier version of the account, too.
        const earlier = createAnalysisContext({ ...snapshot, users: snapshot.users.slice(0, 1) });
        const rolled = createAnalysisContext(snapshot, { previous: earlier });
        expect(analyzeChange({ ...input, context: rolled })).toStrictEqual(full);
      }),
      { numRuns: 50 },
    );
  });

  it('an updated graph equals the graph built from scratch', () => {
    fc.assert(
      fc.property(account, change, (snapshot, c) => {
        const applied = applyChanges(snapshot, Array.isArray(c) ? c : [c]);
        if (!applied.ok) return;
        const before = new EscalationAnalysis(new AccountIndex(snapshot), GATEHOUSE_CATALOGUE);
        const updated = new EscalationAnalysis(
          new AccountIndex(applied.account),
          GATEHOUSE_CATALOGUE,
          { previous: before },
        );
        expect(updated.stats.rebuilt).toBe(false);
        expect(updated.graph()).toStrictEqual(buildEscalationGraph(applied.account));
        const context = createAnalysisContext(applied.account, {
          previous: createAnalysisContext(snapshot),
        });
        expect(context.graph()).toStrictEqual(buildEscalationGraph(applied.account));
      }),
      { numRuns: 80 },
    );
  });

  it('reach sets answer as the searches do', () => {
    fc.assert(
      fc.property(account, (snapshot) => {
        const graph = new EscalationAnalysis(new AccountIndex(snapshot), GATEHOUSE_CATALOGUE);
        const nodes = [...graph.nodes.keys()];
        for (const from of nodes) {
          const reach = graph.reach(from);
          expect(new Set(graph.reachable(from))).toEqual(new Set(reach.keys()));
          for (const to of nodes) expect(graph.reaches(from, to)).toBe(reach.has(to));
          expect(graph.isAdminEquivalent(from)).toBe(graph.adminPath(from) !== undefined);
        }
      }),
      { numRuns: 60 },
    );
  });
});

describe('admin ceilings', () => {
  const everything = permissionModel({
    identityPolicies: [
      { name: 'all', document: doc([{ Effect: 'Allow', Action: '*', Resource: '*' }]) },
    ],
  });
  const denying = fc
    .record({
      actions: fc.uniqueArray(fc.constantFrom(...ACTIONS, 'unknown:Thing', 'unknown:*'), {
        minLength: 1,
        maxLength: 2,
      }),
      resource: fc.constantFrom('*', arn('user', '*'), `arn:gatehouse:iam::${ACCOUNT}:*`),
      negated: fc.integer({ min: 0, max: 5 }),
      condition: fc.option(fc.constantFrom(...CONDITIONS), { nil: undefined }),
    })
    .map((d) => ({
      Effect: 'Deny',
      [d.negated === 0 ? 'NotAction' : 'Action']: d.actions,
      Resource: d.resource,
      ...(d.condition === undefined ? {} : { Condition: d.condition }),
    }));

  it('the shortcut for a ceiling agrees with possiblyAdmin', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(denying, statement), { maxLength: 4 }),
        fc.option(policyDocument, { nil: undefined }),
        fc.option(policyDocument, { nil: undefined }),
        (statements, boundaryDocument, guardrail) => {
          const model = permissionModel({
            identityPolicies: [{ name: 'own', document: doc(statements) }],
            ...(boundaryDocument === undefined
              ? {}
              : { permissionsBoundary: { name: 'boundary', document: boundaryDocument } }),
            ...(guardrail === undefined
              ? {}
              : { guardrails: [{ name: 'scp', document: guardrail }] }),
          });
          for (const boundary of [model.boundary, undefined]) {
            const ceiling = { ...model, allows: everything.allows, boundary };
            expect(adminUnder(ceiling, GATEHOUSE_CATALOGUE)).toBe(
              possiblyAdmin(ceiling, GATEHOUSE_CATALOGUE),
            );
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('incremental analysis at account scale', () => {
  // 40 users in 6 groups, 12 roles, 15 shared policies: a change touches a few principals.
  const shared = Array.from({ length: 15 }, (_, i) => ({
    arn: arn('policy', `s${i}`),
    document: doc([
      {
        Effect: 'Allow',
        Action: [['iam:Put*', 'iam:Attach*', 'iam:Create*', 'sts:AssumeRole', 'audit:*'][i % 5]],
        Resource: i % 3 === 0 ? '*' : arn(['user', 'role', 'group'][i % 3] ?? 'user', '*'),
      },
      ...(i % 4 === 0
        ? [{ Effect: 'Deny', Action: 'iam:CreateLoginProfile', Resource: arn('user', 'user1') }]
        : []),
    ]),
  }));
  const big: AccountSnapshot = {
    accountId: ACCOUNT,
    users: Array.from({ length: 40 }, (_, i) => ({
      name: `user${i}`,
      groups: [`team${i % 6}`],
      attachedPolicies: [shared[(i * 7) % 15]?.arn ?? ''],
      inlinePolicies: [
        {
          name: 'self',
          document: doc([
            {
              Effect: 'Allow',
              Action: 'iam:*AccessKey*',
              Resource: arn('user', '${aws:username}'),
            },
          ]),
        },
      ],
    })),
    groups: Array.from({ length: 6 }, (_, i) => ({
      name: `team${i}`,
      attachedPolicies: [shared[(i * 5 + 1) % 15]?.arn ?? ''],
    })),
    roles: Array.from({ length: 12 }, (_, i) => ({
      name: `role${i}`,
      trustPolicy: doc([
        {
          Effect: 'Allow',
          Principal: { AWS: i % 4 === 0 ? arn('user', `user${i}`) : ACCOUNT },
          Action: 'sts:AssumeRole',
        },
      ]),
      attachedPolicies: [shared[(i * 3 + 2) % 15]?.arn ?? ''],
    })),
    policies: shared,
  };
  const changes: AccountChange[] = [
    { kind: 'AddUserToGroup', userName: 'user3', groupName: 'team1' },
    {
      kind: 'AttachPolicy',
      identity: { kind: 'role', name: 'role2' },
      policyArn: arn('policy', 's0'),
    },
    {
      kind: 'UpdateTrustPolicy',
      roleName: 'role5',
      document: doc([
        { Effect: 'Allow', Principal: { AWS: arn('user', 'user9') }, Action: 'sts:AssumeRole' },
      ]),
    },
    {
      kind: 'PutInlinePolicy',
      identity: { kind: 'user', name: 'user8' },
      policyName: 'more',
      document: doc([{ Effect: 'Allow', Action: 'iam:*', Resource: '*' }]),
    },
    { kind: 'CreateUser', user: { name: 'newcomer', groups: ['team2'] } },
    {
      kind: 'PutPermissionsBoundary',
      principal: { kind: 'user', name: 'user4' },
      policyArn: arn('policy', 's3'),
    },
  ];

  it.each(changes.map((c) => [c.kind, c] as const))(
    '%s: same result, little recomputed',
    (_, c) => {
      const context = createAnalysisContext(big);
      const full = analyzeChangeInFull({ account: big, change: c });
      expect(analyzeChange({ account: big, change: c, context })).toStrictEqual(full);
      expect(analyzeChange({ account: big, change: c })).toStrictEqual(full);
      const applied = applyChanges(big, [c]);
      if (!applied.ok) throw new Error(applied.message);
      const before = new EscalationAnalysis(new AccountIndex(big), GATEHOUSE_CATALOGUE);
      const after = new EscalationAnalysis(new AccountIndex(applied.account), GATEHOUSE_CATALOGUE, {
        previous: before,
      });
      expect(after.graph()).toStrictEqual(buildEscalationGraph(applied.account));
      // Only principals whose permissions changed are recomputed (a new user, or one or two).
      expect(after.stats.rebuilt).toBe(false);
      expect(after.stats.recomputed).toBeLessThanOrEqual(1);
    },
  );
});
