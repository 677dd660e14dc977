import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { evaluate } from './evaluate.js';
import type { EvaluationInput, EvaluationResult, PolicyInput } from './evaluationTypes.js';

// Small vocabularies so that generated statements and requests often meet.
const ACCOUNT = '111122223333';
const PRINCIPALS = [
  `arn:aws:iam::${ACCOUNT}:user/alice`,
  `arn:aws:sts::${ACCOUNT}:assumed-role/app/s1`,
  `arn:aws:sts::${ACCOUNT}:federated-user/carol`,
  `arn:aws:iam::${ACCOUNT}:root`,
];
const ACTIONS = ['s3:GetObject', 's3:PutObject', 'iam:PassRole', 'sqs:SendMessage'];
const ACTION_PATTERNS = [...ACTIONS, 's3:*', 's3:Get*', '*', '*', 'iam:*', 'SQS:send*'];
const RESOURCES = [
  'arn:aws:s3:::b/k',
  'arn:aws:s3:::b/x/y',
  'arn:aws:s3:::alice/k',
  `arn:aws:sqs:us-east-1:${ACCOUNT}:q`,
];
const RESOURCE_PATTERNS = [
  ...RESOURCES,
  '*',
  '*',
  'arn:aws:s3:::b/*',
  'arn:aws:s3:::*',
  'arn:aws:s3:::${aws:username}/*',
  'arn:aws:sqs:*:*:q',
];
const CONDITIONS: Record<string, Record<string, unknown>>[] = [
  { StringEquals: { 'aws:PrincipalTag/team': 'blue' } },
  { StringNotEquals: { 'aws:PrincipalTag/team': ['red', 'green'] } },
  { Bool: { 'aws:SecureTransport': 'true' } },
  { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } },
  { NotIpAddress: { 'aws:SourceIp': '10.0.0.0/8' } },
  { 'ForAnyValue:StringEquals': { 'aws:TagKeys': ['a', 'b'] } },
  { 'ForAllValues:StringLike': { 'aws:TagKeys': ['a*'] } },
  { Null: { 'aws:TokenIssueTime': 'true' } },
  { StringEqualsIfExists: { 'aws:RequestedRegion': 'us-east-1' } },
  { NumericLessThan: { 's3:max-keys': '10' } },
  { StringLike: { 's3:prefix': 'home/${aws:username}/*' } },
];
const PRINCIPAL_ELEMENTS = [
  '*',
  { AWS: ACCOUNT },
  { AWS: PRINCIPALS[0] },
  { AWS: `arn:aws:iam::${ACCOUNT}:role/app` },
];

const list = <T>(items: readonly T[]) =>
  fc.oneof(
    fc.constantFrom(...items),
    fc.uniqueArray(fc.constantFrom(...items), { minLength: 1, maxLength: 3 }),
  );

function statementArbitrary(effect: fc.Arbitrary<'Allow' | 'Deny'>, withPrincipal: boolean) {
  return fc
    .record({
      effect,
      negateAction: fc.integer({ min: 0, max: 3 }),
      actions: list(ACTION_PATTERNS),
      negateResource: fc.integer({ min: 0, max: 3 }),
      resources: list(RESOURCE_PATTERNS),
      condition: fc.option(fc.constantFrom(...CONDITIONS), { nil: undefined }),
      principal: fc.constantFrom(...PRINCIPAL_ELEMENTS),
      negatePrincipal: fc.boolean(),
    })
    .map((s) => {
      const statement: Record<string, unknown> = { Effect: s.effect };
      // Negated elements are rarer in real policies; keep them at one in four.
      statement[s.negateAction === 0 ? 'NotAction' : 'Action'] = s.actions;
      statement[s.negateResource === 0 ? 'NotResource' : 'Resource'] = s.resources;
      if (withPrincipal)
        statement[s.negatePrincipal && s.effect === 'Deny' ? 'NotPrincipal' : 'Principal'] =
          s.principal;
      if (s.condition !== undefined) statement.Condition = s.condition;
      return statement;
    });
}

const anyEffect = fc.constantFrom<'Allow' | 'Deny'>('Allow', 'Allow', 'Allow', 'Allow', 'Deny');

/** A policy whose statements carry unique Sids, so that results can be compared by Sid. */
function policyArbitrary(name: string, withPrincipal: boolean, effect = anyEffect) {
  return fc
    .array(statementArbitrary(effect, withPrincipal), { minLength: 1, maxLength: 4 })
    .map((statements): PolicyInput => ({
      name,
      document: {
        Version: '2012-10-17',
        Statement: statements.map((s, i) => ({ Sid: `${name.replace(/\W/g, '')}S${i}`, ...s })),
      },
    }));
}

const contextArbitrary = fc.record(
  {
    'aws:PrincipalTag/team': fc.constantFrom('blue', 'red'),
    'aws:SecureTransport': fc.boolean(),
    'aws:SourceIp': fc.constantFrom('10.1.2.3', '192.0.2.1'),
    'aws:TagKeys': fc.constantFrom(['a'], ['b', 'c'], []),
    'aws:TokenIssueTime': fc.constant('2025-01-01T00:00:00Z'),
    'aws:RequestedRegion': fc.constantFrom('us-east-1', 'eu-west-1'),
    's3:max-keys': fc.integer({ min: 0, max: 20 }),
    's3:prefix': fc.constantFrom('home/alice/x', 'tmp/'),
    'aws:username': fc.constant('alice'),
  },
  { requiredKeys: [] },
);

const inputArbitrary: fc.Arbitrary<EvaluationInput> = fc
  .record({
    principal: fc.constantFrom(...PRINCIPALS),
    action: fc.constantFrom(...ACTIONS),
    resource: fc.constantFrom(...RESOURCES),
    context: contextArbitrary,
    identity: fc
      .array(fc.nat(), { minLength: 1, maxLength: 3 })
      .chain((ids) => fc.tuple(...ids.map((_, i) => policyArbitrary(`identity-${i}`, false)))),
    resourcePolicy: fc.option(policyArbitrary('resource', true), { nil: undefined }),
    mustAllow: fc.boolean(),
    // Ceilings present in about a third of the inputs each, so that all decisions occur often.
    boundary: fc.option(policyArbitrary('boundary', false), { nil: undefined, freq: 2 }),
    session: fc.option(policyArbitrary('session', false), { nil: undefined, freq: 2 }),
    guardrails: fc
      .array(fc.nat(), { maxLength: 1 })
      .chain((ids) => fc.tuple(...ids.map((_, i) => policyArbitrary(`guardrail-${i}`, false)))),
  })
  .map((g) => ({
    request: { principal: g.principal, action: g.action, resource: g.resource, context: g.context },
    identityPolicies: g.identity,
    resourcePolicy:
      g.resourcePolicy === undefined ? undefined : { ...g.resourcePolicy, mustAllow: g.mustAllow },
    permissionsBoundary: g.boundary,
    sessionPolicy: g.session,
    guardrails: g.guardrails,
  }));

type Role = 'identity' | 'resource' | 'boundary' | 'session' | 'guardrail';

/** The input with one more statement in the policy of the given role (a new policy if absent). */
function withStatement(
  input: EvaluationInput,
  role: Role,
  statement: Record<string, unknown>,
): EvaluationInput {
  const add = (policy: PolicyInput | undefined, name: string): PolicyInput => {
    const document = policy?.document as { Statement: unknown[] } | undefined;
    return {
      name: policy?.name ?? name,
      document: {
        Version: '2012-10-17',
        Statement: [...(document?.Statement ?? []), { Sid: 'Added', ...statement }],
      },
    };
  };
  switch (role) {
    case 'identity': {
      const [first, ...rest] = input.identityPolicies;
      return { ...input, identityPolicies: [add(first, 'added'), ...rest] };
    }
    case 'resource':
      return {
        ...input,
        resourcePolicy: { ...input.resourcePolicy, ...add(input.resourcePolicy, 'added-resource') },
      };
    case 'boundary':
      return { ...input, permissionsBoundary: add(input.permissionsBoundary, 'added-boundary') };
    case 'session':
      return { ...input, sessionPolicy: add(input.sessionPolicy, 'added-session') };
    case 'guardrail': {
      const [first, ...rest] = input.guardrails ?? [];
      return { ...input, guardrails: [add(first, 'added-guardrail'), ...rest] };
    }
  }
}

const roleArbitrary = fc.constantFrom<Role>(
  'identity',
  'resource',
  'boundary',
  'session',
  'guardrail',
);

function shuffled<T>(items: readonly T[], seed: number): T[] {
  const copy = [...items];
  let state = seed || 1;
  for (let i = copy.length - 1; i > 0; i--) {
    state = (state * 1103515245 + 12345) % 2147483648;
    const j = state % (i + 1);
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}

function shuffleStatements(policy: PolicyInput, seed: number): PolicyInput {
  const document = policy.document as { Version: string; Statement: unknown[] };
  return { ...policy, document: { ...document, Statement: shuffled(document.Statement, seed) } };
}

/** Matched statements as a sorted set of policy/Sid/effect, independent of positions. */
function matchedSet(result: EvaluationResult): string[] {
  return result.matched.map((m) => `${m.policy}/${m.sid ?? '?'}/${m.effect}`).sort();
}

const RUNS = { numRuns: 400 };

describe('evaluate properties', () => {
  it('are checked on inputs that reach every decision', () => {
    const counts = { Allowed: 0, ExplicitlyDenied: 0, ImplicitlyDenied: 0 };
    for (const input of fc.sample(inputArbitrary, { numRuns: 600, seed: 42 })) {
      counts[evaluate(input).decision]++;
    }
    expect(counts.Allowed).toBeGreaterThan(60);
    expect(counts.ExplicitlyDenied).toBeGreaterThan(60);
    expect(counts.ImplicitlyDenied).toBeGreaterThan(60);
  });

  it('adding a Deny statement never produces Allowed', () => {
    fc.assert(
      fc.property(
        inputArbitrary,
        roleArbitrary,
        statementArbitrary(fc.constant('Deny'), true),
        (input, role, deny) => {
          const statement =
            role === 'resource' ? deny : { ...deny, Principal: undefined, NotPrincipal: undefined };
          const before = evaluate(input).decision;
          const after = evaluate(
            withStatement(
              input,
              role,
              JSON.parse(JSON.stringify(statement)) as Record<string, unknown>,
            ),
          ).decision;
          if (after === 'Allowed') expect(before).toBe('Allowed');
          if (before === 'ExplicitlyDenied') expect(after).toBe('ExplicitlyDenied');
        },
      ),
      RUNS,
    );
  });

  it('adding an Allow statement never produces ExplicitlyDenied', () => {
    fc.assert(
      fc.property(
        inputArbitrary,
        roleArbitrary,
        statementArbitrary(fc.constant('Allow'), true),
        (input, role, allow) => {
          const statement =
            role === 'resource'
              ? allow
              : { ...allow, Principal: undefined, NotPrincipal: undefined };
          const before = evaluate(input).decision;
          const after = evaluate(
            withStatement(
              input,
              role,
              JSON.parse(JSON.stringify(statement)) as Record<string, unknown>,
            ),
          ).decision;
          if (after === 'ExplicitlyDenied') expect(before).toBe('ExplicitlyDenied');
        },
      ),
      RUNS,
    );
  });

  it('a guardrail or a permissions boundary never widens access', () => {
    fc.assert(
      fc.property(
        inputArbitrary,
        policyArbitrary('ceiling', false),
        fc.boolean(),
        (input, ceiling, asGuardrail) => {
          const before = evaluate(input).decision;
          const limited: EvaluationInput = asGuardrail
            ? { ...input, guardrails: [...(input.guardrails ?? []), ceiling] }
            : { ...input, permissionsBoundary: input.permissionsBoundary ?? ceiling };
          if (evaluate(limited).decision === 'Allowed') expect(before).toBe('Allowed');
        },
      ),
      RUNS,
    );
  });

  it('the decision does not depend on statement or policy order', () => {
    fc.assert(
      fc.property(inputArbitrary, fc.integer({ min: 1, max: 1_000_000 }), (input, seed) => {
        const reordered: EvaluationInput = {
          ...input,
          identityPolicies: shuffled(
            input.identityPolicies.map((p) => shuffleStatements(p, seed)),
            seed,
          ),
          resourcePolicy: input.resourcePolicy && {
            ...input.resourcePolicy,
            ...shuffleStatements(input.resourcePolicy, seed),
          },
          permissionsBoundary:
            input.permissionsBoundary && shuffleStatements(input.permissionsBoundary, seed),
          sessionPolicy: input.sessionPolicy && shuffleStatements(input.sessionPolicy, seed),
          guardrails: shuffled(
            (input.guardrails ?? []).map((p) => shuffleStatements(p, seed + 1)),
            seed + 2,
          ),
        };
        const a = evaluate(input);
        const b = evaluate(reordered);
        expect(b.decision).toBe(a.decision);
        expect(matchedSet(b)).toEqual(matchedSet(a));
      }),
      RUNS,
    );
  });

  it('a document gives the same decision as text and as an object', () => {
    fc.assert(
      fc.property(inputArbitrary, (input) => {
        const asText: EvaluationInput = {
          ...input,
          identityPolicies: input.identityPolicies.map((p) => ({
            ...p,
            document: JSON.stringify(p.document),
          })),
        };
        expect(evaluate(asText)).toEqual(evaluate(input));
      }),
      { numRuns: 200 },
    );
  });
});
