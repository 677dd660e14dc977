import { CliError } from '../cli/cliError.js';
import type { GatewayClient } from './graphqlClient.js';

// The approvals API as packages/workflow's README suggests the gateway will expose it
// ("GraphQL (suggested)"). Until the gateway has these fields, every call fails with
// NOT_AVAILABLE (the gateway's schema validation names the missing field).

/** A change request as listed. */
export interface ChangeRequestSummary {
  readonly requestId: string;
  readonly status: string;
  readonly summary: string;
  readonly action: string;
  readonly resource: string;
  readonly requesterArn: string;
  readonly risk: string;
  readonly submittedAt: string;
  readonly pendingUntil: string;
}

const SUMMARY_FIELDS =
  'requestId status summary action resource requesterArn risk submittedAt pendingUntil';

/** Statuses after which a request no longer changes by review. */
export const SETTLED_STATUSES = new Set([
  'APPROVED',
  'SCHEDULED',
  'ACTIVE',
  'APPLIED',
  'REJECTED',
  'CANCELLED',
  'TIMED_OUT',
  'FAILED',
  'EXPIRED',
  'REVOKED',
]);

/** The message for a gateway without the approvals API. */
export function approvalsUnavailable(error: unknown, what: string): unknown {
  if (error instanceof CliError && error.code === 'NOT_AVAILABLE') {
    return new CliError(
      'NOT_AVAILABLE',
      `${what}: ${error.message} (the approvals API is not available on this gateway yet)`,
      {
        details: error.details,
        hint: 'review change requests where the approval workflow runs until the gateway exposes it',
      },
    );
  }
  return error;
}

/** Requests awaiting the caller's review, or the caller's own (`mine`). */
export async function listChangeRequests(
  client: GatewayClient,
  options: { readonly mine: boolean; readonly status?: string | undefined },
): Promise<ChangeRequestSummary[]> {
  try {
    if (options.mine) {
      const data = await client.request<{
        myChangeRequests: { edges: { node: ChangeRequestSummary }[] };
      }>(
        `query Mine($status: String, $first: Int) { myChangeRequests(status: $status, first: $first) { edges { node { ${SUMMARY_FIELDS} } } } }`,
        { status: options.status, first: 100 },
      );
      return data.myChangeRequests.edges.map((e) => e.node);
    }
    const data = await client.request<{
      changeRequestsAwaitingMyReview: { edges: { node: ChangeRequestSummary }[] };
    }>(
      `query Awaiting($first: Int) { changeRequestsAwaitingMyReview(first: $first) { edges { node { ${SUMMARY_FIELDS} } } } }`,
      { first: 100 },
    );
    return data.changeRequestsAwaitingMyReview.edges.map((e) => e.node);
  } catch (error) {
    throw approvalsUnavailable(error, 'cannot list change requests');
  }
}

/** One change request (always current). */
export async function getChangeRequest(
  client: GatewayClient,
  id: string,
): Promise<ChangeRequestSummary> {
  try {
    const data = await client.request<{ changeRequest: ChangeRequestSummary }>(
      `query Request($id: ID!) { changeRequest(id: $id) { ${SUMMARY_FIELDS} } }`,
      { id },
    );
    return data.changeRequest;
  } catch (error) {
    throw approvalsUnavailable(error, `cannot read change request \`${id}\``);
  }
}

/** Approves or rejects a change request; returns its status afterwards. */
export async function reviewChangeRequest(
  client: GatewayClient,
  review: {
    readonly id: string;
    readonly decision: 'approve' | 'reject';
    readonly text?: string | undefined;
  },
): Promise<{ requestId: string; status: string }> {
  const field = review.decision === 'approve' ? 'approveChangeRequest' : 'rejectChangeRequest';
  const textArg = review.decision === 'approve' ? 'comment' : 'reason';
  try {
    const data = await client.request<
      Record<string, { request: { requestId: string; status: string } }>
    >(
      `mutation Review($id: ID!, $text: String) { ${field}(id: $id, ${textArg}: $text) { request { requestId status } } }`,
      { id: review.id, text: review.text },
    );
    const payload = data[field];
    if (payload === undefined)
      throw new CliError('API', `the gateway answered without \`${field}\``);
    return payload.request;
  } catch (error) {
    throw approvalsUnavailable(error, `cannot ${review.decision} change request \`${review.id}\``);
  }
}
