/**
 * Test helpers of @gatehouse/iam for its own tests and its consumers' (the
 * gateway's): an in-memory store with the real store's contract, a manual
 * clock, predictable ids, a given/when/then scenario, policy documents and
 * TOTP codes.
 */
export { InMemoryIamStore } from './inMemoryIamStore.js';
export { ManualClock } from './manualClock.js';
export { SequentialIds } from './sequentialIds.js';
export { Scenario, type EventView } from './scenario.js';
export { allow, deny, sizedPolicy, trust } from './documents.js';
export { mfaCode } from './mfaCodes.js';
