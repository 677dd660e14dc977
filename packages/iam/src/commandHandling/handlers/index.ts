import type { HandlerTable } from '../handlerEnv.js';
import { accountHandlers } from './accountHandlers.js';
import { groupHandlers } from './groupHandlers.js';
import { mfaHandlers } from './mfaHandlers.js';
import { policyHandlers } from './policyHandlers.js';
import { roleHandlers } from './roleHandlers.js';
import { sessionHandlers } from './sessionHandlers.js';
import { userHandlers } from './userHandlers.js';

/** Every command's handler (the type makes a missing one a compile error). */
export const HANDLERS: HandlerTable = {
  ...accountHandlers,
  ...userHandlers,
  ...groupHandlers,
  ...roleHandlers,
  ...policyHandlers,
  ...mfaHandlers,
  ...sessionHandlers,
};
