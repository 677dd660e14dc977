export * from './commands.js';
export type * from './events.js';
export { groupEvolver, type GroupState } from './evolve.js';
export * from './decide.js';
