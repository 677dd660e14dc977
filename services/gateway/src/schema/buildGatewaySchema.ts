import 'reflect-metadata';
import type { GraphQLSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { authorizationMiddleware } from '../authorization/authorizationMiddleware.js';
import { errorMappingMiddleware } from '../errors/errorMappingMiddleware.js';
import { RESOLVERS } from '../resolvers/index.js';

/**
 * The gateway's GraphQL schema, built from the resolver classes. Every root
 * field runs behind two global middlewares: error mapping (outermost) and
 * authorization (default deny). Arguments are not validated here: the domain's
 * command schemas check every field and report `BAD_USER_INPUT` with the path.
 */
export async function buildGatewaySchema(): Promise<GraphQLSchema> {
  return buildSchema({
    resolvers: [...RESOLVERS],
    globalMiddlewares: [errorMappingMiddleware, authorizationMiddleware],
    validate: false,
    emitSchemaFile: false,
  });
}
