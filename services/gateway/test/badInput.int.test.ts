// Bad input for every mutation: a malformed argument (empty name, negative
// number, empty tag key...) is refused with BAD_USER_INPUT, a message naming the
// argument, and nothing appended. Called as root, so authorization never hides
// the validation. Enumerated from the schema.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { buildGatewaySchema } from '../src/schema/buildGatewaySchema.js';
import { errorCode, ok, policy, rootToken } from './support/operations.js';
import { invalidValueFor, operationFor, placeholdersFor } from './support/placeholders.js';
import { startTestGateway, type TestGateway } from './support/testGateway.js';

let gw: TestGateway;
let root = '';

beforeAll(async () => {
  gw = await startTestGateway();
  root = await rootToken(gw);
});

afterAll(async () => {
  await gw.close();
});

describe('bad input', () => {
  it('is refused by every mutation with BAD_USER_INPUT, naming the argument, appending nothing', async () => {
    const schema = await buildGatewaySchema();
    const outcomes: {
      field: string;
      argument: string;
      code: string | undefined;
      named: boolean;
      appended: number;
    }[] = [];
    for (const field of Object.values(schema.getMutationType()?.getFields() ?? {})) {
      const arg = field.args[0];
      if (arg === undefined) continue;
      const invalid = invalidValueFor(arg);
      if (invalid === undefined) continue;
      const document = operationFor('mutation', field.name, field.args, [arg.name]);
      const variables = { ...placeholdersFor(field.args), [arg.name]: invalid };
      const before = await gw.eventCount();
      const response = await gw.gql(document, variables, { token: root });
      const message = response.errors?.[0]?.message ?? '';
      const details = JSON.stringify(response.errors?.[0]?.extensions?.details ?? {});
      outcomes.push({
        field: field.name,
        argument: arg.name,
        code: errorCode(response),
        named: message.includes(arg.name) || details.includes(arg.name),
        appended: (await gw.eventCount()) - before,
      });
    }
    expect(outcomes.length).toBeGreaterThan(50);
    expect(
      outcomes.filter((o) => o.code !== 'BAD_USER_INPUT' || !o.named || o.appended !== 0),
    ).toEqual([]);
  });

  it('reports a malformed policy document with findings located by line and column', async () => {
    const response = await gw.gql(
      `mutation($d: String!) { createPolicy(policyName: "Broken", policyDocument: $d) { status } }`,
      {
        d: '{\n  "Version": "2012-10-17",\n  "Statement": [{ "Effect": "Alow", "Action": "iam:GetUser", "Resource": "*" }]\n}',
      },
      { token: root },
    );
    expect(errorCode(response)).toBe('BAD_USER_INPUT');
    const findings = response.errors?.[0]?.extensions?.details?.findings as {
      code: string;
      line: number;
      column: number;
    }[];
    expect(findings).toContainEqual(expect.objectContaining({ code: 'INVALID_EFFECT', line: 3 }));
  });

  it('refuses page sizes above 100 before reading anything', async () => {
    const response = await gw.gql(
      `{ listUsers(first: 101) { edges { cursor } } }`,
      {},
      { token: root },
    );
    expect(errorCode(response)).toBe('BAD_USER_INPUT');
    expect(response.errors?.[0]?.message).toMatch(/first/);
  });

  it('refuses a forged cursor', async () => {
    const response = await gw.gql(
      `{ listUsers(first: 1, after: "bm90LWEtY3Vyc29y") { edges { cursor } } }`,
      {},
      { token: root },
    );
    expect(errorCode(response)).toBe('BAD_USER_INPUT');
  });

  it('keeps well-formed input working (control)', async () => {
    ok(
      await gw.gql(
        `mutation($d: String!) { createPolicy(policyName: "Fine", policyDocument: $d) { status } }`,
        { d: policy('Allow', ['iam:GetUser']) },
        { token: root },
      ),
    );
  });
});
