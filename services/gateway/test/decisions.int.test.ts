// Gatehouse as other services' decision point (isAuthorized, isAuthorizedBatch),
// and the decision log every decision goes to.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTestDatabase } from '@gatehouse/db/testing';
import { createLogger } from '@gatehouse/service-kit';
import pg from 'pg';
import { PostgresDecisionLog } from '../src/decisions/postgresDecisionLog.js';
import {
  createUserWithPassword,
  errorCode,
  ok,
  policy,
  rootToken,
  userArn,
  userToken,
} from './support/operations.js';
import { ACCOUNT_ID, startTestGateway, type TestGateway } from './support/testGateway.js';

let gw: TestGateway;
let root = '';
let service = '';

const IS_AUTHORIZED = /* GraphQL */ `
  query ($p: String!, $a: String!, $r: String!, $c: [ContextEntryInput!]) {
    isAuthorized(principal: $p, action: $a, resource: $r, context: $c) {
      decision
      allowed
      matchedStatements {
        policy
        statement
        sid
        effect
      }
    }
  }
`;

beforeAll(async () => {
  gw = await startTestGateway();
  root = await rootToken(gw);
  await createUserWithPassword(gw, root, 'billing-service', 'Service-Password-1!');
  await createUserWithPassword(gw, root, 'alice', 'Alice-Password-1!');
  ok(
    await gw.gql(
      `mutation($d: String!) { putUserPolicy(userName: "billing-service", policyName: "Decide", policyDocument: $d) { status } }`,
      {
        d: policy(
          'Allow',
          ['iam:SimulatePrincipalPolicy'],
          [`arn:gatehouse:iam::${ACCOUNT_ID}:user/*`],
        ),
      },
      { token: root },
    ),
  );
  const invoices = JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'ReadOwnInvoices',
        Effect: 'Allow',
        Action: 'billing:GetInvoice',
        Resource: 'arn:gatehouse:billing::123456789012:invoice/${aws:username}/*',
        Condition: { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } },
      },
      { Sid: 'NeverDelete', Effect: 'Deny', Action: 'billing:Delete*', Resource: '*' },
    ],
  });
  ok(
    await gw.gql(
      `mutation($d: String!) { putUserPolicy(userName: "alice", policyName: "Invoices", policyDocument: $d) { status } }`,
      { d: invoices },
      { token: root },
    ),
  );
  service = await userToken(gw, 'billing-service', 'Service-Password-1!');
});

afterAll(async () => {
  await gw.close();
});

describe('isAuthorized', () => {
  it("decides with the principal's policies, conditions and variables, naming the statements", async () => {
    const ask = async (resource: string, sourceIp: string, action = 'billing:GetInvoice') =>
      ok(
        await gw.gql<{
          isAuthorized: {
            decision: string;
            allowed: boolean;
            matchedStatements: { sid: string; effect: string }[];
          };
        }>(
          IS_AUTHORIZED,
          {
            p: userArn('alice'),
            a: action,
            r: resource,
            c: [{ key: 'aws:SourceIp', values: [sourceIp] }],
          },
          { token: service },
        ),
      ).isAuthorized;
    expect(
      await ask('arn:gatehouse:billing::123456789012:invoice/alice/2026-11', '10.1.2.3'),
    ).toMatchObject({
      decision: 'Allowed',
      allowed: true,
      matchedStatements: [{ sid: 'ReadOwnInvoices', effect: 'Allow' }],
    });
    expect(
      (await ask('arn:gatehouse:billing::123456789012:invoice/bob/2026-11', '10.1.2.3')).decision,
    ).toBe('ImplicitlyDenied');
    expect(
      (await ask('arn:gatehouse:billing::123456789012:invoice/alice/2026-11', '192.0.2.1'))
        .decision,
    ).toBe('ImplicitlyDenied');
    expect(await ask('*', '10.1.2.3', 'billing:DeleteInvoice')).toMatchObject({
      decision: 'ExplicitlyDenied',
      matchedStatements: [{ sid: 'NeverDelete', effect: 'Deny' }],
    });
  });

  it('does not let callers claim principal keys in the context', async () => {
    const response = ok(
      await gw.gql<{ isAuthorized: { decision: string } }>(
        IS_AUTHORIZED,
        {
          p: userArn('alice'),
          a: 'billing:GetInvoice',
          r: 'arn:gatehouse:billing::123456789012:invoice/bob/1',
          c: [
            { key: 'aws:username', values: ['bob'] },
            { key: 'aws:SourceIp', values: ['10.0.0.1'] },
          ],
        },
        { token: service },
      ),
    );
    expect(response.isAuthorized.decision).toBe('ImplicitlyDenied');
  });

  it('answers a batch in order, and refuses more than 100 questions', async () => {
    const question = (resource: string) => ({
      principal: userArn('alice'),
      action: 'billing:GetInvoice',
      resource,
      context: [{ key: 'aws:SourceIp', values: ['10.9.9.9'] }],
    });
    const batch = ok(
      await gw.gql<{ isAuthorizedBatch: { resource: string; allowed: boolean }[] }>(
        `query($r: [AuthorizationRequestInput!]!) { isAuthorizedBatch(requests: $r) { resource allowed } }`,
        {
          r: [
            question('arn:gatehouse:billing::123456789012:invoice/alice/1'),
            question('arn:gatehouse:billing::123456789012:invoice/carol/1'),
          ],
        },
        { token: service },
      ),
    );
    expect(batch.isAuthorizedBatch.map((d) => d.allowed)).toEqual([true, false]);
    const tooMany = await gw.gql(
      `query($r: [AuthorizationRequestInput!]!) { isAuthorizedBatch(requests: $r) { allowed } }`,
      { r: Array.from({ length: 101 }, () => question('*')) },
      { token: service },
    );
    expect(errorCode(tooMany)).toBe('BAD_USER_INPUT');
  });

  it('needs iam:SimulatePrincipalPolicy on the principal asked about', async () => {
    const alice = await userToken(gw, 'alice', 'Alice-Password-1!');
    const response = await gw.gql(
      IS_AUTHORIZED,
      { p: userArn('billing-service'), a: 'x:Y', r: '*' },
      { token: alice },
    );
    expect(errorCode(response)).toBe('FORBIDDEN');
  });

  it('logs every answer with the asking service, for audit and "last used"', async () => {
    await gw.gateway.decisionLog.flush();
    const { rows } = await gw.pool.query<{
      source: string;
      caller_arn: string;
      service: string;
      decision: string;
      matched: unknown[];
    }>(
      `SELECT source, caller_arn, service, decision, matched FROM authorization_decisions
        WHERE principal_arn = $1 AND source = 'isAuthorized' ORDER BY id`,
      [userArn('alice')],
    );
    expect(rows.length).toBeGreaterThanOrEqual(6);
    expect(rows[0]).toEqual({
      source: 'isAuthorized',
      caller_arn: userArn('billing-service'),
      service: 'billing',
      decision: 'Allowed',
      matched: [expect.objectContaining({ sid: 'ReadOwnInvoices' })],
    });
  });
});

describe('PostgresDecisionLog', () => {
  it('writes in batches, and falls back to the process log when the table is missing', async () => {
    const database = await createTestDatabase({ migrate: false });
    const pool = new pg.Pool({ connectionString: database.url });
    const lines: string[] = [];
    const logger = createLogger({
      service: 'test',
      level: 'info',
      destination: { write: (line: string) => lines.push(line) },
    });
    const log = new PostgresDecisionLog({ pool, logger, batchSize: 2 });
    const decision = {
      decidedAt: new Date(),
      requestId: 'r',
      source: 'gateway' as const,
      callerArn: 'a',
      principalArn: 'a',
      action: 'iam:GetUser',
      resource: '*',
      decision: 'Allowed' as const,
      matched: [],
      root: false,
      sourceIp: null,
    };
    try {
      log.record(decision);
      await log.close();
      expect(lines.join('\n')).toMatch(/decision log table is missing/);
      expect(lines.join('\n')).toMatch(/"action":"iam:GetUser"/);
    } finally {
      await pool.end();
      await database.drop();
    }
  });
});
