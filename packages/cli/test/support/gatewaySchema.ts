// The gateway's own schema (built from its resolvers, @gatehouse/gateway/testing), to validate
// every GraphQL document the CLI sends: a renamed field, argument or type fails the unit tests.
import { buildGatewaySchema } from '@gatehouse/gateway/testing';
import { GraphQLError, parse, validate, type GraphQLSchema } from 'graphql';

let schema: Promise<GraphQLSchema> | undefined;

/** The gateway's schema, built once per test file. */
export function gatewaySchema(): Promise<GraphQLSchema> {
  schema ??= buildGatewaySchema();
  return schema;
}

/** What the gateway's validation says about a document: nothing when it is valid. */
export async function schemaErrors(document: string): Promise<string[]> {
  try {
    return validate(await gatewaySchema(), parse(document)).map((e) => e.message);
  } catch (error) {
    if (error instanceof GraphQLError) return [error.message];
    throw error;
  }
}
