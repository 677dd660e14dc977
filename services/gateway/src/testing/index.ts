/**
 * `@gatehouse/gateway/testing`: the built gateway as its own OS process on a fresh database, for
 * the integration and end-to-end tests of other packages (e2e, the CLI).
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
