// Benchmark of @gatehouse/policy's least-privilege analysis: analyzeChange for a principal with
// 50 attached managed policies (an edit to one of them), and the escalation graph of an account
// with ~200 principals, each without and with an AnalysisContext (the before-state analysed
// once, as the gateway keeps one per account version). Runs against the built package
// (`dist/`); no I/O.
// Usage: pnpm --filter @gatehouse/policy bench
import { performance } from 'node:perf_hooks';
import {
  analyzeChange,
  applyChange,
  buildEscalationGraph,
  checkNoNewAccess,
  createAnalysisContext,
  GATEHOUSE_CATALOGUE,
} from '../dist/index.js';

const ACCOUNT = '111122223333';
const arn = (kind, name) => `arn:gatehouse:iam::${ACCOUNT}:${kind}/${name}`;
const doc = (Statement) => ({ Version: '2012-10-17', Statement });
const SERVICES = ['iam', 'sts', 'approvals', 'audit'];
const VERBS = ['Get', 'List', 'Create', 'Update', 'Delete', 'Put', 'Attach', 'Tag'];

/** Deterministic PRNG (mulberry32), so every run measures the same workload. */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = rng(4);
const pick = (items) => items[Math.floor(random() * items.length)];

function statement(i) {
  const service = pick(SERVICES);
  const s = {
    Effect: i % 9 === 0 ? 'Deny' : 'Allow',
    Action: [`${service}:${pick(VERBS)}*`, `${pick(SERVICES)}:${pick(VERBS)}*`],
    Resource:
      random() < 0.3
        ? '*'
        : [
            `arn:gatehouse:${service}::${ACCOUNT}:${pick(['user', 'role', 'group', 'policy'])}/team-${Math.floor(random() * 8)}/*`,
          ],
  };
  if (random() < 0.4)
    s.Condition = { StringEquals: { 'aws:PrincipalTag/team': pick(['blue', 'red', 'green']) } };
  return s;
}

function policies(count, offset = 0) {
  return Array.from({ length: count }, (_, i) => ({
    arn: arn('policy', `p${offset + i}`),
    document: doc(Array.from({ length: 5 }, (_, j) => statement(i * 5 + j))),
  }));
}

function time(label, runs, fn) {
  for (let i = 0; i < Math.min(5, runs); i++) fn();
  const samples = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    fn();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  const median = samples[Math.floor(samples.length / 2)];
  const p99 = samples[Math.min(samples.length - 1, Math.floor(samples.length * 0.99))];
  console.log(
    `${label}: median ${median.toFixed(2)} ms   p99 ${p99.toFixed(2)} ms   (${runs} runs)`,
  );
}

// 1. One principal with 50 attached policies (250 statements); the change edits one of them.
const fifty = policies(50);
const small = {
  accountId: ACCOUNT,
  users: [
    { name: 'alice', tags: { team: 'blue' }, attachedPolicies: fifty.map((p) => p.arn) },
    { name: 'bob' },
  ],
  groups: [],
  roles: [
    {
      name: 'app',
      trustPolicy: doc([
        { Effect: 'Allow', Principal: { AWS: ACCOUNT }, Action: 'sts:AssumeRole' },
      ]),
    },
  ],
  policies: fifty,
};
const edited = doc([
  ...fifty[7].document.Statement,
  { Effect: 'Allow', Action: 'audit:GetEvent', Resource: '*' },
]);
const change = { kind: 'SetPolicyDocument', policyArn: fifty[7].arn, document: edited };
const sample = analyzeChange({ account: small, change });
console.log(
  `workload 1: 1 principal, 50 attached policies, 250 statements; node ${process.version}`,
);
console.log(
  `  verdict ${sample.verdict} ${sample.risk}, ${sample.newAccess.length} new-access entries, ${sample.findings.length} findings`,
);
time('analyzeChange (50 policies, warm caches)', 200, () =>
  analyzeChange({ account: small, change }),
);
const smallContext = createAnalysisContext(small);
time('analyzeChange (50 policies, with context)', 200, () =>
  analyzeChange({ account: small, change, context: smallContext }),
);
time('checkNoNewAccess (50 policies before/after)', 200, () =>
  checkNoNewAccess(
    { identityPolicies: fifty.map((p) => ({ name: p.arn, document: p.document })) },
    {
      identityPolicies: fifty.map((p, i) => ({
        name: p.arn,
        document: i === 7 ? edited : p.document,
      })),
    },
    { catalogue: GATEHOUSE_CATALOGUE },
  ),
);

// 2. An account with 150 users, 50 roles, 20 groups and 60 managed policies.
const shared = policies(60, 100);
const users = Array.from({ length: 150 }, (_, i) => ({
  name: `user${i}`,
  groups: [`g${i % 20}`],
  attachedPolicies: [pick(shared).arn, pick(shared).arn],
  inlinePolicies: [
    {
      name: 'self',
      document: doc([
        {
          Effect: 'Allow',
          Action: 'iam:*AccessKey*',
          Resource: `${arn('user', '${aws:username}')}`,
        },
      ]),
    },
  ],
}));
const roles = Array.from({ length: 50 }, (_, i) => ({
  name: `role${i}`,
  trustPolicy: doc([
    {
      Effect: 'Allow',
      Principal: { AWS: i % 5 === 0 ? arn('user', `user${i}`) : ACCOUNT },
      Action: 'sts:AssumeRole',
    },
  ]),
  attachedPolicies: [pick(shared).arn],
}));
const groups = Array.from({ length: 20 }, (_, i) => ({
  name: `g${i}`,
  attachedPolicies: [pick(shared).arn],
}));
const big = { accountId: ACCOUNT, users, groups, roles, policies: shared };
const graph = buildEscalationGraph(big);
console.log(
  `workload 2: ${users.length} users, ${roles.length} roles, ${groups.length} groups, ${shared.length} policies`,
);
console.log(
  `  ${graph.edges.length} edges, ${graph.nodes.filter((n) => n.adminEquivalent).length} admin-equivalent nodes`,
);
time('buildEscalationGraph (200 principals)', 20, () => buildEscalationGraph(big));
const bigChange = { kind: 'AddUserToGroup', userName: 'user3', groupName: 'g7' };
time('analyzeChange (200-principal account, group membership)', 20, () =>
  analyzeChange({ account: big, change: bigChange }),
);
time('createAnalysisContext (200 principals)', 20, () => createAnalysisContext(big));
const bigContext = createAnalysisContext(big);
time('analyzeChange (200-principal account, group membership, with context)', 200, () =>
  analyzeChange({ account: big, change: bigChange, context: bigContext }),
);
// Other kinds of change, each against the same context.
const kinds = [
  { kind: 'AttachPolicy', identity: { kind: 'user', name: 'user5' }, policyArn: shared[3].arn },
  { kind: 'SetPolicyDocument', policyArn: shared[3].arn, document: edited },
  { kind: 'UpdateTrustPolicy', roleName: 'role3', document: roles[0].trustPolicy },
  {
    kind: 'CreateUser',
    user: { name: 'newcomer', groups: ['g2'], attachedPolicies: [shared[1].arn] },
  },
];
for (const c of kinds) {
  time(`analyzeChange (200-principal account, ${c.kind}, with context)`, 200, () =>
    analyzeChange({ account: big, change: c, context: bigContext }),
  );
}
// Rolling the context forward once the change is applied (the next account version).
const next = applyChange(big, bigChange).account;
time('createAnalysisContext (next version, from the previous context)', 200, () =>
  createAnalysisContext(next, { previous: bigContext }),
);
