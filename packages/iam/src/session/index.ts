export * from './commands.js';
export type * from './events.js';
export { sessionEvolver, sessionUsable, type SessionState } from './evolve.js';
export * from './decide.js';
