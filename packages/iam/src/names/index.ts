export type { NameEvent, NameReleased, NameReserved } from './events.js';
export { nameEvolver, type NameState } from './evolve.js';
export { releaseName, reserveName } from './decide.js';
