import { describe, expect, it } from '@jest/globals';
import { InMemoryIamStore } from '@gatehouse/iam/testing';
import { WorkflowIamStore, type IamCommitAttachment } from './workflowIamStore.js';

const event = (type: string) => ({ type, data: {}, actor: 'system' });

describe('WorkflowIamStore', () => {
  it('commits the attached workflow events with the IAM command’s, streams in order', async () => {
    const inner = new InMemoryIamStore();
    const store = new WorkflowIamStore(inner);
    let seen: readonly string[] = [];
    const attachment: IamCommitAttachment = {
      appends: (request) => {
        seen = request.appends.map((a) => a.streamId);
        return [
          { streamId: 'workflow-request-1', expectedVersion: 0, events: [event('GrantActivated')] },
        ];
      },
      committed: false,
    };
    await store.run(attachment, () =>
      store.commit({
        appends: [
          { streamId: 'iam-user-1', expectedVersion: 0, events: [event('UserAddedToGroup')] },
        ],
        secrets: [],
        mfaSteps: [],
      }),
    );
    expect(seen).toEqual(['iam-user-1']);
    expect(attachment.committed).toBe(true);
    expect((await store.readStream('workflow-request-1')).events.map((e) => e.type)).toEqual([
      'GrantActivated',
    ]);
    expect((await store.readStream('iam-user-1')).events.map((e) => e.type)).toEqual([
      'UserAddedToGroup',
    ]);
  });

  it('commits nothing of the workflow when the command writes nothing, or outside run()', async () => {
    const store = new WorkflowIamStore(new InMemoryIamStore());
    const attachment: IamCommitAttachment = { appends: () => [], committed: false };
    await store.run(attachment, () => Promise.resolve());
    expect(attachment.committed).toBe(false);
    await store.commit({
      appends: [{ streamId: 'iam-user-2', expectedVersion: 0, events: [event('UserCreated')] }],
      secrets: [],
      mfaSteps: [],
    });
    expect((await store.readStream('iam-user-2')).version).toBe(1);
  });

  it('refuses the whole commit when a workflow stream moved', async () => {
    const inner = new InMemoryIamStore();
    const store = new WorkflowIamStore(inner);
    await inner.commit({
      appends: [
        {
          streamId: 'workflow-request-3',
          expectedVersion: 0,
          events: [event('ChangeRequestSubmitted')],
        },
      ],
      secrets: [],
      mfaSteps: [],
    });
    const attachment: IamCommitAttachment = {
      appends: () => [
        { streamId: 'workflow-request-3', expectedVersion: 0, events: [event('GrantActivated')] },
      ],
      committed: false,
    };
    await expect(
      store.run(attachment, () =>
        store.commit({
          appends: [
            { streamId: 'iam-user-3', expectedVersion: 0, events: [event('UserAddedToGroup')] },
          ],
          secrets: [],
          mfaSteps: [],
        }),
      ),
    ).rejects.toThrow();
    expect(attachment.committed).toBe(false);
    expect((await store.readStream('iam-user-3')).version).toBe(0);
  });
});
