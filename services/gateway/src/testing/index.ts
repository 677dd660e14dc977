/**
 * `@gatehouse/gateway/testing`: the built gateway as its own OS process on a fresh database, for
 * the integration tests of other packages (the CLI's).
 */
export {
  ACCOUNT_ID,
  ROOT_EMAIL,
  ROOT_PASSWORD,
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
