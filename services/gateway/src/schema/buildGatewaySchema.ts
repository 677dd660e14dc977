import 'reflect-metadata';
import type { GraphQLSchema } from 'graphql';
import { buildSchema, type PubSub } from 'type-graphql';
import { authorizationMiddleware } from '../authorization/authorizationMiddleware.js';
import { errorMappingMiddleware } from '../errors/errorMappingMiddleware.js';
import { RESOLVERS } from '../resolvers/index.js';

/**
 * Subscriptions here bring their own source (`subscribe`: the change-request
 * feed tailing the log), never type-graphql topics; type-graphql insists on a
 * PubSub anyway, so this one refuses to be used.
 */
const NO_TOPICS: PubSub = {
  publish() {
    throw new Error('topic subscriptions are not used: subscriptions read the event log');
  },
  subscribe() {
    throw new Error('topic subscriptions are not used: subscriptions read the event log');
  },
};

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
    pubSub: NO_TOPICS,
    emitSchemaFile: false,
  });
}
