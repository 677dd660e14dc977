// The authorization matrix: every mutation and every query, called by an
// authenticated principal with no permissions, is refused with FORBIDDEN and
// appends nothing to the event log. The fields are enumerated from the schema,
// so a new field is covered without editing this test.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { GraphQLArgument } from 'graphql';
import { buildGatewaySchema } from '../src/schema/buildGatewaySchema.js';
import { createUserWithPassword, errorCode, rootToken, userToken } from './support/operations.js';
import { operationFor, placeholdersFor } from './support/placeholders.js';
import { startTestGateway, type TestGateway } from './support/testGateway.js';

/** Fields any authenticated caller may use by design (IAM/STS semantics), or anyone (sign-in). */
const NOT_PERMISSION_CHECKED = new Set([
  'signIn',
  'signOut',
  'getSessionToken',
  'getCallerIdentity',
  'validatePolicy',
  'serviceInfo',
]);

let gw: TestGateway;
let nobody = '';
const fields: { kind: 'query' | 'mutation'; name: string; args: readonly GraphQLArgument[] }[] = [];

beforeAll(async () => {
  gw = await startTestGateway();
  const schema = await buildGatewaySchema();
  for (const field of Object.values(schema.getMutationType()?.getFields() ?? {})) {
    fields.push({ kind: 'mutation', name: field.name, args: field.args });
  }
  for (const field of Object.values(schema.getQueryType()?.getFields() ?? {})) {
    fields.push({ kind: 'query', name: field.name, args: field.args });
  }
  const root = await rootToken(gw);
  await createUserWithPassword(gw, root, 'nobody', 'Nobody-Password-1!');
  nobody = await userToken(gw, 'nobody', 'Nobody-Password-1!');
});

afterAll(async () => {
  await gw.close();
});

describe('a principal without permissions', () => {
  it('is refused every permission-checked field with FORBIDDEN, appending no event', async () => {
    const outcomes: { field: string; code: string | undefined; eventsAppended: number }[] = [];
    for (const field of fields) {
      if (NOT_PERMISSION_CHECKED.has(field.name)) continue;
      const before = await gw.eventCount();
      const response = await gw.gql(
        operationFor(field.kind, field.name, field.args),
        placeholdersFor(field.args),
        {
          token: nobody,
        },
      );
      outcomes.push({
        field: field.name,
        code: errorCode(response),
        eventsAppended: (await gw.eventCount()) - before,
      });
    }
    expect(outcomes.length).toBeGreaterThan(80);
    expect(outcomes.filter((o) => o.code !== 'FORBIDDEN' || o.eventsAppended !== 0)).toEqual([]);
  });

  it('is refused everything but sign-in without credentials (UNAUTHENTICATED)', async () => {
    const outcomes: { field: string; code: string | undefined }[] = [];
    for (const field of fields) {
      if (field.name === 'signIn' || field.name === 'serviceInfo') continue;
      const response = await gw.gql(
        operationFor(field.kind, field.name, field.args),
        placeholdersFor(field.args),
      );
      outcomes.push({ field: field.name, code: errorCode(response) });
    }
    expect(outcomes.filter((o) => o.code !== 'UNAUTHENTICATED')).toEqual([]);
  });
});
