export * from './commands.js';
export type * from './events.js';
export { accountEvolver, type AccountState } from './evolve.js';
export { decideAccount, decideCreateAccount } from './decide.js';
