// A bare Apollo Server on Fastify, the baseline of the gateway bench: the same
// query and mutation shapes, constant answers, no authentication, no
// authorization, no database. Started as its own process by gateway.bench.ts.
import { ApolloServer } from '@apollo/server';
import fastifyApollo from '@as-integrations/fastify';
import Fastify from 'fastify';

const typeDefs = /* GraphQL */ `
  type User {
    userName: String!
    userId: String!
    arn: String!
    path: String!
    createDate: String!
  }
  type CreateUserPayload {
    status: String!
    user: User
  }
  type Query {
    getUser(userName: String!): User
  }
  type Mutation {
    createUser(userName: String!): CreateUserPayload!
  }
`;

const user = (userName: string) => ({
  userName,
  userId: 'AIDABENCHBENCHBENCHBENCH',
  arn: `arn:gatehouse:iam::123456789012:user/${userName}`,
  path: '/',
  createDate: '2026-11-28T00:00:00.000Z',
});

const resolvers = {
  Query: { getUser: (_: unknown, args: { userName: string }) => user(args.userName) },
  Mutation: {
    createUser: (_: unknown, args: { userName: string }) => ({
      status: 'APPLIED',
      user: user(args.userName),
    }),
  },
};

const app = Fastify();
const apollo = new ApolloServer({ typeDefs, resolvers });
await apollo.start();
await app.register(fastifyApollo(apollo), { path: '/graphql' });
app.get('/healthz', () => ({ status: 'ok' }));
await app.listen({ host: '127.0.0.1', port: Number(process.env.PORT ?? 0) });
process.on('SIGTERM', () => {
  void app.close().then(() => process.exit(0));
});
