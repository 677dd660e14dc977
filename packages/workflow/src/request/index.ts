export * from './change.js';
export * from './events.js';
export * from './evolve.js';
export * from './decide.js';
