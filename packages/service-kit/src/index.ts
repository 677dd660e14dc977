export { ConfigError, env, loadConfig, type ConfigProblem } from './config/loadConfig.js';
export {
  createLogger,
  REDACTED_PATHS,
  type CreateLoggerOptions,
  type Logger,
} from './logging/createLogger.js';
export { installShutdown, type Closeable, type ShutdownOptions } from './lifecycle/shutdown.js';
