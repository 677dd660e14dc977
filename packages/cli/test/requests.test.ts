// `gatehouse requests`: the operations and arguments sent (the approvals API names of
// packages/workflow's README), argument checks, formatting, and a gateway without the API.
// Against a real gateway once its approvals API is merged (integration tests to follow).
import { describe, expect, it } from '@jest/globals';
import { EXIT_CODES } from '../src/index.js';
import { runInMemory, type SentRequest } from './support/memoryIo.js';

const env = {
  GATEHOUSE_ENDPOINT: 'http://gw.test',
  GATEHOUSE_SESSION_TOKEN: 'ghs1.dGVzdA',
  NO_COLOR: '1',
};
const request = (id: string, status = 'PENDING') => ({
  requestId: id,
  status,
  summary: 'attach `read-iam` to role `deployer`',
  action: 'iam:AttachRolePolicy',
  resource: 'arn:gatehouse:iam::123456789012:role/deployer',
  requesterArn: 'arn:gatehouse:iam::123456789012:user/ci',
  risk: 'MEDIUM',
  submittedAt: '2026-11-28T11:00:00.000Z',
  pendingUntil: '2026-12-01T11:00:00.000Z',
});
const page = (field: string, ids: string[], endCursor: string | null) => ({
  data: {
    [field]: {
      edges: ids.map((id) => ({ node: request(id) })),
      pageInfo: { hasNextPage: endCursor !== null, endCursor },
    },
  },
});
const rootField = (sent: SentRequest | undefined) => /\{\s*(\w+)/.exec(sent?.query ?? '')?.[1];

describe('gatehouse requests', () => {
  it('lists the requests awaiting my review, two lines each, with the next page’s cursor', async () => {
    const run = await runInMemory(['requests', 'list', '--first', '2'], {
      env,
      gateway: () => page('changeRequestsAwaitingMyReview', ['cr-1', 'cr-2'], 'cursor-2'),
    });
    expect(run.code).toBe(0);
    expect(rootField(run.sent[0])).toBe('changeRequestsAwaitingMyReview');
    expect(run.sent[0]?.variables).toEqual({ first: 2, after: null });
    expect(run.stdout).toBe(
      [
        'cr-1  PENDING  risk MEDIUM  attach `read-iam` to role `deployer`',
        '    by arn:gatehouse:iam::123456789012:user/ci, submitted 2026-11-28T11:00:00.000Z, pending until 2026-12-01T11:00:00.000Z',
        'cr-2  PENDING  risk MEDIUM  attach `read-iam` to role `deployer`',
        '    by arn:gatehouse:iam::123456789012:user/ci, submitted 2026-11-28T11:00:00.000Z, pending until 2026-12-01T11:00:00.000Z',
        '',
        'More: add `--after cursor-2`.',
        '',
      ].join('\n'),
    );
  });

  it('lists my own requests by status and page, as JSON', async () => {
    const run = await runInMemory(
      ['requests', 'list', '--mine', '--status', 'APPROVED', '--after', 'c-9', '-o', 'json'],
      { env, gateway: () => page('myChangeRequests', ['cr-3'], null) },
    );
    expect(run.code).toBe(0);
    expect(rootField(run.sent[0])).toBe('myChangeRequests');
    expect(run.sent[0]?.query).toContain('$status: [ChangeRequestStatus!]');
    expect(run.sent[0]?.variables).toEqual({ status: ['APPROVED'], first: 50, after: 'c-9' });
    expect(JSON.parse(run.stdout)).toEqual({ requests: [request('cr-3')] });
  });

  it('checks arguments before calling the gateway', async () => {
    for (const argv of [
      ['requests', 'list', '--status', 'PENDING'], // --status needs --mine
      ['requests', 'list', '--mine', '--status', 'MAYBE'],
      ['requests', 'list', '--first', '101'],
      ['requests', 'list', '--first', '0'],
      ['requests', 'reject', 'cr-1'], // a reason is required
      ['requests', 'reject', 'cr-1', '--reason', '  '],
      ['requests', 'approve'],
      ['requests', 'approve', 'cr-1', '--comment', 'x'.repeat(2001)],
    ]) {
      const run = await runInMemory(argv, { env });
      expect({ argv, code: run.code }).toEqual({ argv, code: EXIT_CODES.USAGE });
      expect(run.sent).toEqual([]);
    }
  });

  it('approves with a comment and rejects with a reason', async () => {
    const approved = await runInMemory(
      ['requests', 'approve', 'cr-1', '--comment', 'ticket OPS-12'],
      {
        env,
        gateway: () => ({
          data: {
            approveChangeRequest: { changeRequest: { requestId: 'cr-1', status: 'APPROVED' } },
          },
        }),
      },
    );
    expect(approved.code).toBe(0);
    expect(rootField(approved.sent[0])).toBe('approveChangeRequest');
    expect(approved.sent[0]?.variables).toEqual({ id: 'cr-1', comment: 'ticket OPS-12' });
    expect(approved.stdout).toBe('Change request cr-1 is now APPROVED.\n');

    const rejected = await runInMemory(
      ['requests', 'reject', 'cr-2', '--reason', 'too broad', '-o', 'json'],
      {
        env,
        gateway: () => ({
          data: {
            rejectChangeRequest: { changeRequest: { requestId: 'cr-2', status: 'REJECTED' } },
          },
        }),
      },
    );
    expect(rejected.code).toBe(0);
    expect(rootField(rejected.sent[0])).toBe('rejectChangeRequest');
    expect(rejected.sent[0]?.variables).toEqual({ id: 'cr-2', reason: 'too broad' });
    expect(JSON.parse(rejected.stdout)).toEqual({ requestId: 'cr-2', status: 'REJECTED' });
  });

  it('shows one request, and why it failed', async () => {
    const run = await runInMemory(['requests', 'show', 'cr-1'], {
      env,
      gateway: () => ({
        data: { changeRequest: { ...request('cr-1', 'APPLIED'), failureReason: null } },
      }),
    });
    expect(run.code).toBe(0);
    expect(run.sent[0]?.variables).toEqual({ id: 'cr-1' });
    expect(run.stdout.split('\n')[0]).toBe('cr-1  APPLIED');
    expect(run.stdout).toContain(
      'iam:AttachRolePolicy on arn:gatehouse:iam::123456789012:role/deployer (risk MEDIUM)',
    );
    expect(run.stdout).not.toContain('failed');

    const failed = await runInMemory(['requests', 'show', 'cr-2'], {
      env,
      gateway: () => ({
        data: {
          changeRequest: {
            ...request('cr-2', 'FAILED'),
            failureReason: 'the role `deployer` no longer exists',
          },
        },
      }),
    });
    expect(failed.stdout).toContain('  failed: the role `deployer` no longer exists');
  });

  it('says the approvals API is not available on a gateway without it (exit 5)', async () => {
    const run = await runInMemory(['requests', 'list'], {
      env,
      gateway: () => ({
        errors: [
          {
            message: 'Cannot query field "changeRequestsAwaitingMyReview" on type "Query".',
            extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
          },
        ],
      }),
    });
    expect(run.code).toBe(EXIT_CODES.API);
    expect(run.stderr).toContain(
      'cannot list change requests: the gateway at `http://gw.test` has no `changeRequestsAwaitingMyReview` query (the approvals API is not available on this gateway)',
    );
  });
});
