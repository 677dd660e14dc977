import 'reflect-metadata';
export { loadGatewayConfig, type GatewayConfig } from './config.js';
export { createGatewayServer, type GatewayServerOptions } from './server/createGatewayServer.js';
export {
  startGateway,
  type Gateway,
  type StartGatewayOptions,
} from './composition/startGateway.js';
export {
  signRequest,
  signingKeyFromSecret,
  stringToSign,
  SIGNING_ALGORITHM,
  DATE_HEADER,
  SECURITY_TOKEN_HEADER,
  type SignRequestInput,
} from './auth/requestSigning.js';
export { GATEWAY_ERROR_CODES, type GatewayErrorCode } from './errors/errorCodes.js';
