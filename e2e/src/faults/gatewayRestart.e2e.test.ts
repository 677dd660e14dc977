// The gateway restarted (SIGTERM, then kill -9) while clients keep asking it
// authorization questions whose right answers are known: through `isAuthorized`
// as another service asks, and by using the API as the principal itself. A
// request may fail while the gateway is down (refused connection, 5xx, a typed
// error other than a decision); an answer, when there is one, is never wrong.
import { beforeAll, describe, expect, it } from '@jest/globals';
import { arn, policyDocument } from '../support/account.js';
import type { GraphqlClient } from '../support/graphqlClient.js';
import { useStack } from '../support/stack.js';

const stack = useStack({ name: 'gateway-restart' });

/** A question and its one right answer. */
interface Question {
  readonly name: string;
  ask(client: GraphqlClient): Promise<'allowed' | 'denied' | 'error'>;
  readonly expected: 'allowed' | 'denied';
}

const questions: Question[] = [];
let root = '';

beforeAll(async () => {
  const { client } = stack();
  root = await stack().rootToken();
  const must = (query: string, variables: Record<string, unknown> = {}) =>
    client.must(query, variables, root);
  await must(`mutation { createGroup(groupName: "readers") { status } }`);
  await must(
    `mutation($d: String!) { createPolicy(policyName: "ReadUsers", policyDocument: $d) { status } }`,
    { d: policyDocument('Allow', ['iam:GetUser', 'iam:ListUsers']) },
  );
  await must(
    `mutation($p: String!) { attachGroupPolicy(groupName: "readers", policyArn: $p) { status } }`,
    { p: arn('policy', 'ReadUsers') },
  );
  for (const name of ['alice', 'bob', 'carol']) {
    await must(`mutation($u: String!) { createUser(userName: $u) { status } }`, { u: name });
    await must(
      `mutation($u: String!, $p: String!) { createLoginProfile(userName: $u, password: $p) { userName } }`,
      { u: name, p: `${name}-Password-1!` },
    );
  }
  await must(`mutation { addUserToGroup(groupName: "readers", userName: "alice") { status } }`);
  await must(
    `mutation($d: String!) { putUserPolicy(userName: "alice", policyName: "NoBob", policyDocument: $d) { status } }`,
    { d: policyDocument('Deny', ['iam:GetUser'], [arn('user', 'bob')]) },
  );
  const alice = await client.signIn({ userName: 'alice', password: 'alice-Password-1!' });

  // Another service asking for decisions (root may simulate any principal).
  const decision = (principal: string, action: string, resource: string) =>
    async function ask(c: GraphqlClient) {
      const response = await c.call<{ isAuthorized: { decision: string; allowed: boolean } }>(
        `query($p: String!, $a: String!, $r: String!) { isAuthorized(principal: $p, action: $a, resource: $r) { decision allowed } }`,
        { p: principal, a: action, r: resource },
        root,
        5_000,
      );
      const answer = response.data?.isAuthorized;
      if (answer === undefined) return 'error' as const;
      // The decision and the flag must agree, or the answer is wrong both ways.
      if (answer.allowed !== (answer.decision === 'Allowed')) return 'error' as const;
      return answer.allowed ? ('allowed' as const) : ('denied' as const);
    };
  // The principal itself using the API: FORBIDDEN is a decision, other errors are not.
  const use = (query: string) =>
    async function ask(c: GraphqlClient) {
      const response = await c.call(query, {}, alice, 5_000);
      if (response.code === 'FORBIDDEN') return 'denied' as const;
      if (response.errors === undefined && response.data !== undefined && response.data !== null) {
        return 'allowed' as const;
      }
      return 'error' as const;
    };
  questions.push(
    {
      name: 'isAuthorized alice GetUser carol',
      ask: decision(arn('user', 'alice'), 'iam:GetUser', arn('user', 'carol')),
      expected: 'allowed',
    },
    {
      name: 'isAuthorized alice GetUser bob (explicit deny)',
      ask: decision(arn('user', 'alice'), 'iam:GetUser', arn('user', 'bob')),
      expected: 'denied',
    },
    {
      name: 'isAuthorized alice CreateUser',
      ask: decision(arn('user', 'alice'), 'iam:CreateUser', arn('user', 'dave')),
      expected: 'denied',
    },
    {
      name: 'isAuthorized bob GetUser carol',
      ask: decision(arn('user', 'bob'), 'iam:GetUser', arn('user', 'carol')),
      expected: 'denied',
    },
    {
      name: 'alice getUser carol',
      ask: use(`{ getUser(userName: "carol") { arn } }`),
      expected: 'allowed',
    },
    {
      name: 'alice getUser bob (explicit deny)',
      ask: use(`{ getUser(userName: "bob") { arn } }`),
      expected: 'denied',
    },
    {
      name: 'alice createUser',
      ask: use(`mutation { createUser(userName: "dave") { status } }`),
      expected: 'denied',
    },
  );
});

/** Tallies of a load run. */
interface Tally {
  right: number;
  errors: number;
  readonly wrong: string[];
}

/** Clients asking questions in a loop until stopped; a refused connection counts as an error. */
function startLoad(client: GraphqlClient, clients: number) {
  const tally: Tally = { right: 0, errors: 0, wrong: [] };
  let running = true;
  const loops = Array.from({ length: clients }, async (_, clientIndex) => {
    for (let round = clientIndex; running; round += 1) {
      const question = questions[round % questions.length]!;
      let answer: 'allowed' | 'denied' | 'error';
      try {
        answer = await question.ask(client);
      } catch {
        answer = 'error';
      }
      if (answer === 'error') {
        tally.errors += 1;
        // Do not spin on a refused connection.
        await new Promise((resolve) => setTimeout(resolve, 25));
      } else if (answer === question.expected) tally.right += 1;
      else tally.wrong.push(`${question.name}: ${answer}, expected ${question.expected}`);
    }
  });
  return {
    tally,
    /** Resolves once `count` more right answers came in. */
    async rightAnswers(count: number, timeoutMs = 60_000) {
      const target = tally.right + count;
      const deadline = Date.now() + timeoutMs;
      while (tally.right < target) {
        if (Date.now() > deadline)
          throw new Error(`only ${tally.right} of ${target} right answers`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    async stop() {
      running = false;
      await Promise.all(loops);
    },
  };
}

describe('the gateway restarted under load', () => {
  it('never gives a wrong decision, through a graceful restart and a kill -9', async () => {
    const { gateway, client } = stack();
    const load = startLoad(client, 4);
    try {
      // Right answers on every side of both restarts (each call fails when they do not come).
      await load.rightAnswers(50);
      await gateway.restart();
      await load.rightAnswers(50);
      await gateway.restart({ crash: true });
      await load.rightAnswers(50);
    } finally {
      await load.stop();
    }
    expect(gateway.starts).toBe(3);
    expect(load.tally.wrong).toEqual([]);
    process.stdout.write(
      `gateway restart under load: ${load.tally.right} right, ${load.tally.errors} errors, ${load.tally.wrong.length} wrong\n`,
    );
  });
});
