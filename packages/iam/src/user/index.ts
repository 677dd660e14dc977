export * from './commands.js';
export type * from './events.js';
export {
  userEvolver,
  type AccessKeyInfo,
  type LoginProfile,
  type UserMfaDevice,
  type UserState,
} from './evolve.js';
export * from './decide.js';
