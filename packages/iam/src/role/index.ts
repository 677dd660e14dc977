export * from './commands.js';
export type * from './events.js';
export { roleEvolver, type RoleState } from './evolve.js';
export * from './decide.js';
