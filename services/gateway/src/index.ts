export { loadGatewayConfig, type GatewayConfig } from './config.js';
export { createGatewayServer, type GatewayServerOptions } from './server/createGatewayServer.js';
