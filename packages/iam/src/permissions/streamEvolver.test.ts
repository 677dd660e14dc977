import { describe, expect, it } from '@jest/globals';
import { AccountView, streamEvolver } from './accountView.js';

const at = new Date('2026-11-28T10:00:00Z');
const userId = 'AIDAEXAMPLE0000000001';
const arn = 'arn:gatehouse:iam::123456789012:user/alice';
const events = [
  {
    type: 'UserCreated',
    data: { userId, userName: 'alice', path: '/', arn, tags: [], permissionsBoundary: null },
  },
  { type: 'UserTagged', data: { userId, tags: [{ key: 'team', value: 'core' }] } },
  { type: 'UserPolicyPut', data: { userId, policyName: 'p', policyDocument: '{}', size: 2 } },
].map((e, i) => ({
  ...e,
  streamId: `iam-user-${userId}`,
  streamVersion: i + 1,
  occurredAt: at,
  actor: 'system',
  globalPosition: BigInt(i + 1),
  transactionId: 1n,
}));

describe('streamEvolver', () => {
  it('folds one stream to the state the account view holds', () => {
    const evolver = streamEvolver(`iam-user-${userId}`);
    if (evolver === undefined) throw new Error('no evolver for a user stream');
    const folded = events.reduce(
      (state, e) => evolver.evolve(state, { type: e.type, data: e.data }, at.toISOString()),
      evolver.initialState,
    );
    const view = new AccountView();
    view.apply(events);
    expect(folded).toEqual(view.user(userId));
  });

  it('has none for streams that are not IAM', () => {
    expect(streamEvolver('workflow-request-1')).toBeUndefined();
    expect(streamEvolver('iam-account')).toBeDefined();
  });
});
