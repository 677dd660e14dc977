export { loadApprovalsConfig, type ApprovalsConfig } from './config.js';
export {
  createApprovalsServer,
  type ApprovalsServerOptions,
} from './server/createApprovalsServer.js';
