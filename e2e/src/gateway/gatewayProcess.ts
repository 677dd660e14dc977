// The gateway process helper lives in @gatehouse/gateway/testing (shared with the CLI's integration tests).
export {
  ACCOUNT_ID,
  ROOT_EMAIL,
  ROOT_PASSWORD,
  startGatewayProcess,
  type GatewayUnderTest,
} from '@gatehouse/gateway/testing';
