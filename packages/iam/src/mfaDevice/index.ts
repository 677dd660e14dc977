export * from './commands.js';
export type * from './events.js';
export { mfaDeviceEvolver, type MfaDeviceState } from './evolve.js';
export * from './decide.js';
