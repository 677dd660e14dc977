// Measures `IamService.authorize` for a user whose permissions come from 50
// managed policies (10 attached to the user, 10 to each of 4 groups), each with
// 5 statements, most with conditions: the request path the gateway takes.
// Run: pnpm --filter @gatehouse/iam bench
import { performance } from 'node:perf_hooks';
import { authorizeWith } from '../src/permissions/authorize.js';
import { Scenario } from '../src/testing/scenario.js';

const ACCOUNT = '123456789012';

function policy(i: number): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'Read',
        Effect: 'Allow',
        Action: [`svc${i}:Get*`, `svc${i}:List*`],
        Resource: `arn:aws:svc${i}:::bucket-${i}/*`,
      },
      {
        Sid: 'Write',
        Effect: 'Allow',
        Action: `svc${i}:Put*`,
        Resource: `arn:aws:svc${i}:::bucket-${i}/\${aws:username}/*`,
        Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } },
      },
      {
        Sid: 'Team',
        Effect: 'Allow',
        Action: `svc${i}:Update*`,
        Resource: '*',
        Condition: {
          StringEquals: { 'aws:PrincipalTag/team': 'core' },
          IpAddress: { 'aws:SourceIp': '10.0.0.0/8' },
        },
      },
      {
        Sid: 'NoDelete',
        Effect: 'Deny',
        Action: `svc${i}:Delete*`,
        Resource: '*',
        Condition: { StringNotEquals: { 'aws:PrincipalTag/role': 'admin' } },
      },
      {
        Sid: 'Time',
        Effect: 'Allow',
        Action: `svc${i}:Describe*`,
        Resource: '*',
        Condition: { DateLessThan: { 'aws:CurrentTime': '2030-01-01T00:00:00Z' } },
      },
    ],
  });
}

async function main(): Promise<void> {
  const t = await Scenario.create();
  await t.given({ type: 'CreateUser', userName: 'alice', tags: [{ key: 'team', value: 'core' }] });
  for (let i = 0; i < 50; i += 1) {
    await t.given({ type: 'CreatePolicy', policyName: `P${i}`, policyDocument: policy(i) });
  }
  for (let i = 0; i < 10; i += 1) {
    await t.given({
      type: 'AttachUserPolicy',
      userName: 'alice',
      policyArn: `arn:gatehouse:iam::${ACCOUNT}:policy/P${i}`,
    });
  }
  for (let g = 0; g < 4; g += 1) {
    await t.given(
      { type: 'CreateGroup', groupName: `g${g}` },
      { type: 'AddUserToGroup', groupName: `g${g}`, userName: 'alice' },
    );
    for (let i = 0; i < 10; i += 1) {
      const n = 10 + g * 10 + i;
      await t.given({
        type: 'AttachGroupPolicy',
        groupName: `g${g}`,
        policyArn: `arn:gatehouse:iam::${ACCOUNT}:policy/P${n}`,
      });
    }
  }
  await t.given({ type: 'CreateLoginProfile', userName: 'alice', password: 'Alice-Password-1' });
  const signIn = await t.run(
    { type: 'SignIn', userName: 'alice', password: 'Alice-Password-1' },
    { principalType: 'Anonymous', principalArn: 'anonymous' },
  );
  const alice = await t.iam.authenticateSessionToken(signIn.sessionToken);
  const resolved = await t.iam.resolvePrincipalPolicies(alice.principalArn);
  if (resolved.identityPolicies.length !== 50)
    throw new Error(`expected 50 policies, got ${resolved.identityPolicies.length}`);

  const requests = Array.from({ length: 1000 }, (_, k) => {
    const i = k % 50;
    const verbs = [
      'GetObject',
      'PutObject',
      'UpdateThing',
      'DeleteThing',
      'DescribeThing',
      'Unrelated',
    ];
    return {
      principal: alice,
      action: `svc${i}:${verbs[k % verbs.length] ?? 'Get'}`,
      resource: `arn:aws:svc${i}:::bucket-${i}/alice/key-${k}`,
      context: { 'aws:SourceIp': '10.1.2.3' },
    };
  });
  const decisions = new Map<string, number>();
  for (const r of requests) {
    const d = t.iam.authorize(r).decision;
    decisions.set(d, (decisions.get(d) ?? 0) + 1);
  }

  const run = (label: string, iterations: number, fn: (k: number) => void): void => {
    for (let k = 0; k < 2000; k += 1) fn(k); // warm-up
    const samples: number[] = [];
    for (let k = 0; k < iterations; k += 1) {
      const start = performance.now();
      fn(k);
      samples.push((performance.now() - start) * 1000);
    }
    samples.sort((a, b) => a - b);
    const mean = samples.reduce((s, x) => s + x, 0) / samples.length;
    const at = (q: number) =>
      (samples[Math.min(samples.length - 1, Math.floor(q * samples.length))] ?? 0).toFixed(2);
    console.log(
      `${label} (${iterations}): median ${at(0.5)} us   p99 ${at(0.99)} us   mean ${mean.toFixed(2)} us`,
    );
  };

  console.log(
    `principal: ${alice.principalArn}, ${resolved.identityPolicies.length} policies, 250 statements`,
  );
  console.log(`decisions over the request mix: ${JSON.stringify(Object.fromEntries(decisions))}`);
  run('authorize (resolved policies cached until the next event)', 20_000, (k) => {
    t.iam.authorize(requests[k % requests.length]!);
  });
  run('authorize, policies resolved from the view every time', 20_000, (k) => {
    authorizeWith(t.iam.view, requests[k % requests.length]!, new Date());
  });
}

await main();
