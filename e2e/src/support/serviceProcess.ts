// The process helpers live in @gatehouse/gateway/testing (shared with the CLI's integration tests).
export {
  graphql,
  repoRoot,
  startService,
  type GraphqlResponse,
  type ServiceProcess,
  type StartServiceOptions,
} from '@gatehouse/gateway/testing';
