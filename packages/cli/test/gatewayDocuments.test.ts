// Every GraphQL document the CLI builds, validated against the gateway's schema (its resolvers,
// built as the gateway builds them): the mutations a plan may run (with every argument, so each
// argument's name and type is checked), and the approvals API's queries and reviews. Documents
// sent by commands are also validated on every in-process run (test/support/memoryIo.ts).
import { describe, expect, it } from '@jest/globals';
import { isEnumType } from 'graphql';
import {
  CHANGE_REQUEST_DOCUMENTS,
  CHANGE_REQUEST_STATUSES,
} from '../src/gateway/changeRequests.js';
import { MUTATIONS, mutationDocument, type MutationName } from '../src/plan/mutations.js';
import { gatewaySchema, schemaErrors } from './support/gatewaySchema.js';

describe("the CLI's GraphQL documents against the gateway's schema", () => {
  it('accepts every mutation a plan may run, with all its arguments', async () => {
    const names = Object.keys(MUTATIONS) as MutationName[];
    expect(names.length).toBeGreaterThan(20);
    const refused: Record<string, string[]> = {};
    for (const name of names) {
      const all = Object.fromEntries(Object.keys(MUTATIONS[name].args).map((arg) => [arg, 'x']));
      const errors = await schemaErrors(mutationDocument(name, all));
      if (errors.length > 0) refused[name] = errors;
    }
    expect(refused).toEqual({});
  });

  it.each(Object.entries(CHANGE_REQUEST_DOCUMENTS))(
    'accepts the approvals document %s',
    async (_name, document) => {
      expect(await schemaErrors(document)).toEqual([]);
    },
  );

  it("offers `--status` with exactly the gateway's change request statuses", async () => {
    const type = (await gatewaySchema()).getType('ChangeRequestStatus');
    if (!isEnumType(type)) throw new Error('ChangeRequestStatus is not an enum');
    expect([...CHANGE_REQUEST_STATUSES].sort()).toEqual(
      type
        .getValues()
        .map((v) => v.name)
        .sort(),
    );
  });

  it('refuses a document of the approvals API as it was guessed before the API existed', async () => {
    // The check can fail: the planned names the CLI used first are refused with the reason.
    expect(
      await schemaErrors(
        'mutation($id: ID!) { approveChangeRequest(id: $id) { request { requestId status } } }',
      ),
    ).toEqual(['Cannot query field "request" on type "ChangeRequestPayload".']);
    expect(
      await schemaErrors(
        'query($status: ChangeRequestStatus) { myChangeRequests(status: $status) { edges { node { requestId } } } }',
      ),
    ).toEqual([
      'Variable "$status" of type "ChangeRequestStatus" used in position expecting type "[ChangeRequestStatus!]".',
    ]);
  });
});
