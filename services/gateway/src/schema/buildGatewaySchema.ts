import 'reflect-metadata';
import type { GraphQLSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { ServiceInfoResolver } from '../resolvers/ServiceInfoResolver.js';

/** The gateway's GraphQL schema, built from the resolver classes. */
export async function buildGatewaySchema(): Promise<GraphQLSchema> {
  return buildSchema({
    resolvers: [ServiceInfoResolver],
    validate: { forbidUnknownValues: true },
    emitSchemaFile: false,
  });
}
