/**
 * `@gatehouse/gateway/testing`: the built gateway as its own OS process on a fresh database, for
 * the integration tests of other packages (the CLI's); its schema, for clients' unit tests that
 * validate their GraphQL documents against it.
 */
export { buildGatewaySchema } from '../schema/buildGatewaySchema.js';
export {
  ACCOUNT_ID,
  ROOT_EMAIL,
  ROOT_PASSWORD,
  SECRETS_KEY,
  startGatewayProcess,
  type GatewayUnderTest,
} from './gatewayProcess.js';
export {
  graphql,
  repoRoot,
  startService,
  type GraphqlResponse,
  type ServiceProcess,
  type StartServiceOptions,
} from './serviceProcess.js';
