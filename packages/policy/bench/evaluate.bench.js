// Benchmark of @gatehouse/policy's evaluator: one realistic principal with 20 policies
// (18 identity policies, a permissions boundary and a guardrail; 150 statements, most with
// conditions), 10,000 requests. Runs against the built package (`dist/`), reads nothing from
// disk or network, and prints compile time per policy and microseconds per decision with the
// compile cache warm and cold. Usage: pnpm --filter @gatehouse/policy bench
import { performance } from 'node:perf_hooks';
import { clearPolicyCache, compilePolicy, evaluate } from '../dist/index.js';

const REQUESTS = 10_000;
const WARMUP = 2_000;
const COLD_REQUESTS = 300;
const COMPILE_ROUNDS = 50;

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
const random = rng(20240611);
const pick = (items) => items[Math.floor(random() * items.length)];
const chance = (p) => random() < p;

const ACCOUNT = '111122223333';
const SERVICES = {
  s3: [
    'GetObject',
    'PutObject',
    'DeleteObject',
    'ListBucket',
    'GetBucketPolicy',
    'PutBucketTagging',
  ],
  ec2: ['RunInstances', 'StartInstances', 'StopInstances', 'DescribeInstances', 'CreateTags'],
  iam: ['GetUser', 'ListUsers', 'PassRole', 'CreateAccessKey', 'UpdateAccessKey', 'GetRole'],
  dynamodb: ['GetItem', 'PutItem', 'Query', 'Scan', 'UpdateItem', 'DeleteItem'],
  sqs: ['SendMessage', 'ReceiveMessage', 'DeleteMessage', 'GetQueueAttributes'],
  kms: ['Decrypt', 'Encrypt', 'GenerateDataKey', 'DescribeKey'],
  lambda: ['InvokeFunction', 'GetFunction', 'UpdateFunctionCode'],
  logs: ['CreateLogStream', 'PutLogEvents', 'GetLogEvents'],
};
const SERVICE_NAMES = Object.keys(SERVICES);
const TEAMS = ['blue', 'green', 'red', 'platform'];
const USERS = ['alice', 'bob', 'carol', 'dave', 'erin'];

function resourceFor(service, specific) {
  const name = specific ? pick(['app', 'logs', 'data', 'shared']) : '*';
  switch (service) {
    case 's3':
      return chance(0.3)
        ? `arn:aws:s3:::${name}-bucket/home/\${aws:username}/*`
        : `arn:aws:s3:::${name}-bucket/*`;
    case 'ec2':
      return `arn:aws:ec2:*:${ACCOUNT}:instance/${specific ? 'i-0' : ''}*`;
    case 'iam':
      return `arn:aws:iam::${ACCOUNT}:${pick(['user', 'role'])}/${specific ? `${name}/` : ''}*`;
    case 'dynamodb':
      return `arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/${name}`;
    case 'sqs':
      return `arn:aws:sqs:us-east-1:${ACCOUNT}:${name}-queue`;
    case 'kms':
      return `arn:aws:kms:us-east-1:${ACCOUNT}:key/*`;
    case 'lambda':
      return `arn:aws:lambda:us-east-1:${ACCOUNT}:function:${name}*`;
    default:
      return `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:${name}:*`;
  }
}

/** Allow conditions narrow a grant; Deny conditions catch what should not happen. */
function condition(effect) {
  const block = {};
  const allowKinds = [
    () => (block.StringEquals = { 'aws:PrincipalTag/team': pick(TEAMS) }),
    () => (block.IpAddress = { 'aws:SourceIp': ['10.0.0.0/8', '192.0.2.0/24'] }),
    () => (block.Bool = { 'aws:SecureTransport': 'true' }),
    () => (block.DateLessThan = { 'aws:CurrentTime': '2030-01-01T00:00:00Z' }),
    () => (block.StringLike = { 's3:prefix': ['home/${aws:username}/*', 'shared/*'] }),
    () => (block.NumericLessThanEquals = { 's3:max-keys': '100' }),
    () => (block['ForAnyValue:StringEquals'] = { 'aws:TagKeys': ['owner', 'cost-center'] }),
    () => (block.StringEqualsIfExists = { 'aws:RequestedRegion': ['us-east-1', 'eu-west-1'] }),
  ];
  const denyKinds = [
    () => (block.Bool = { 'aws:SecureTransport': 'false' }),
    () => (block.NotIpAddress = { 'aws:SourceIp': ['10.0.0.0/8', '192.0.2.0/24'] }),
    () => (block.StringNotEquals = { 'aws:RequestedRegion': ['us-east-1', 'eu-west-1'] }),
    () => (block.DateGreaterThan = { 'aws:CurrentTime': '2030-01-01T00:00:00Z' }),
    () => (block.Null = { 'aws:PrincipalTag/team': 'true' }),
    () => (block.ArnNotLike = { 'aws:PrincipalArn': `arn:aws:iam::${ACCOUNT}:user/*` }),
  ];
  const count = 1 + Math.floor(random() * 2);
  for (let i = 0; i < count; i++) pick(effect === 'Deny' ? denyKinds : allowKinds)();
  return block;
}

function statement(effect) {
  const service = pick(SERVICE_NAMES);
  const actions = [];
  const count = 1 + Math.floor(random() * 4);
  for (let i = 0; i < count; i++) {
    const action = pick(SERVICES[service]);
    actions.push(chance(0.25) ? `${service}:${action.slice(0, 3)}*` : `${service}:${action}`);
  }
  const resources = [];
  const resourceCount = 1 + Math.floor(random() * 2);
  for (let i = 0; i < resourceCount; i++) resources.push(resourceFor(service, chance(0.7)));
  const result = {
    Effect: effect,
    Action: actions.length === 1 ? actions[0] : actions,
    Resource: resources.length === 1 ? resources[0] : resources,
  };
  if (effect === 'Deny' || chance(0.6)) result.Condition = condition(effect);
  return result;
}

function policy(statementCount, denyShare) {
  const statements = [];
  for (let i = 0; i < statementCount; i++) {
    statements.push({ Sid: `S${i}`, ...statement(chance(denyShare) ? 'Deny' : 'Allow') });
  }
  return JSON.stringify({ Version: '2012-10-17', Statement: statements }, null, 2);
}

// 18 identity policies with 136 statements, a boundary and a guardrail with 7 each: 150 in all.
const identityPolicies = [];
for (let i = 0; i < 18; i++) {
  identityPolicies.push({ name: `identity-${i}`, document: policy(i < 10 ? 8 : 7, 0.15) });
}
const broad = (sid, extra) =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      { Sid: sid, Effect: 'Allow', Action: '*', Resource: '*' },
      ...Array.from({ length: 6 }, (_, i) => ({
        Sid: `${sid}${i}`,
        ...statement('Deny'),
        ...extra,
      })),
    ],
  });
const permissionsBoundary = { name: 'boundary', document: broad('Boundary', {}) };
const guardrails = [{ name: 'guardrail', document: broad('Guardrail', {}) }];
const statementCount =
  identityPolicies.reduce((n, p) => n + JSON.parse(p.document).Statement.length, 0) +
  JSON.parse(permissionsBoundary.document).Statement.length +
  JSON.parse(guardrails[0].document).Statement.length;

function request() {
  const service = pick(SERVICE_NAMES);
  const user = pick(USERS);
  const resource = {
    s3: `arn:aws:s3:::${pick(['app', 'logs', 'data', 'shared'])}-bucket/home/${user}/file.txt`,
    ec2: `arn:aws:ec2:us-east-1:${ACCOUNT}:instance/i-0abc`,
    iam: `arn:aws:iam::${ACCOUNT}:role/app/service-role`,
    dynamodb: `arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/${pick(['app', 'data'])}`,
    sqs: `arn:aws:sqs:us-east-1:${ACCOUNT}:app-queue`,
    kms: `arn:aws:kms:us-east-1:${ACCOUNT}:key/1234abcd`,
    lambda: `arn:aws:lambda:us-east-1:${ACCOUNT}:function:app-handler`,
    logs: `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:app:log-stream:x`,
  }[service];
  return {
    principal: `arn:aws:iam::${ACCOUNT}:user/${user}`,
    action: `${service}:${pick(SERVICES[service])}`,
    resource,
    context: {
      'aws:username': user,
      'aws:PrincipalArn': `arn:aws:iam::${ACCOUNT}:user/${user}`,
      'aws:PrincipalTag/team': pick(TEAMS),
      'aws:SourceIp': chance(0.97) ? `10.1.${Math.floor(random() * 255)}.7` : '203.0.113.9',
      'aws:SecureTransport': chance(0.95),
      'aws:CurrentTime': '2025-06-01T12:00:00Z',
      'aws:RequestedRegion': chance(0.97) ? pick(['us-east-1', 'eu-west-1']) : 'ap-south-1',
      's3:prefix': `home/${user}/`,
      's3:max-keys': 50,
      'aws:TagKeys': chance(0.5) ? ['owner'] : ['project', 'stage'],
    },
  };
}
const requests = Array.from({ length: REQUESTS }, request);
const inputs = requests.map((r) => ({
  request: r,
  identityPolicies,
  permissionsBoundary,
  guardrails,
}));

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))];
}
function describe(samples) {
  const sorted = Float64Array.from(samples).sort();
  const total = samples.reduce((a, b) => a + b, 0);
  return {
    median: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    mean: total / samples.length,
    total,
  };
}
const us = (ms) => (ms * 1000).toFixed(2);

// Compile time: every document compiled from text, cache cleared between rounds.
const allDocuments = [
  ...identityPolicies.map((p) => p.document),
  permissionsBoundary.document,
  guardrails[0].document,
];
const compileSamples = [];
for (let round = 0; round < COMPILE_ROUNDS; round++) {
  clearPolicyCache();
  for (const document of allDocuments) {
    const start = performance.now();
    compilePolicy(document);
    compileSamples.push(performance.now() - start);
  }
}
const compile = describe(compileSamples.slice(allDocuments.length * 5));

// Cold: the compile cache is emptied before each decision, so every decision parses and
// compiles all 20 policies.
const coldSamples = [];
for (let i = 0; i < COLD_REQUESTS; i++) {
  clearPolicyCache();
  const start = performance.now();
  evaluate(inputs[i]);
  coldSamples.push(performance.now() - start);
}
const cold = describe(coldSamples);

// Warm: policies compiled once; the hot path is what a service pays per decision.
clearPolicyCache();
for (let i = 0; i < WARMUP; i++) evaluate(inputs[i % inputs.length]);
globalThis.gc?.();
const decisions = { Allowed: 0, ExplicitlyDenied: 0, ImplicitlyDenied: 0 };
const warmSamples = new Array(REQUESTS);
for (let i = 0; i < REQUESTS; i++) {
  const start = performance.now();
  const result = evaluate(inputs[i]);
  warmSamples[i] = performance.now() - start;
  decisions[result.decision]++;
}
const warm = describe(warmSamples);
const loopStart = performance.now();
for (let i = 0; i < REQUESTS; i++) evaluate(inputs[i]);
const loopMs = performance.now() - loopStart;

console.log('@gatehouse/policy evaluate benchmark');
console.log(
  `workload: ${allDocuments.length} policies (18 identity, 1 boundary, 1 guardrail), ` +
    `${statementCount} statements, ${REQUESTS} requests; node ${process.version}`,
);
console.log(
  `decisions: ${decisions.Allowed} Allowed, ${decisions.ExplicitlyDenied} ExplicitlyDenied, ` +
    `${decisions.ImplicitlyDenied} ImplicitlyDenied`,
);
console.log(
  `compile (parse + compile, per policy):  median ${us(compile.median)} us   p99 ${us(compile.p99)} us   mean ${us(compile.mean)} us`,
);
console.log(
  `decision, compile cache cold (${COLD_REQUESTS}):  median ${us(cold.median)} us   p99 ${us(cold.p99)} us`,
);
console.log(
  `decision, compile cache warm (${REQUESTS}): median ${us(warm.median)} us   p99 ${us(warm.p99)} us   mean ${us(warm.mean)} us`,
);
console.log(
  `throughput, warm (untimed loop): ${Math.round(REQUESTS / (loopMs / 1000)).toLocaleString('en-US')} decisions/s (${us(loopMs / REQUESTS)} us/decision)`,
);
