import { CliError } from '../cli/cliError.js';
import type { GatewayClient } from './graphqlClient.js';

// The approvals API with the names of packages/workflow's README ("What the gateway calls"):
// `myChangeRequests(status, first, after)`, `changeRequestsAwaitingMyReview(first, after)`,
// `changeRequest(id)`, `approveChangeRequest(id, comment)`, `rejectChangeRequest(id, reason)`.
// A gateway without these fields answers NOT_AVAILABLE (its schema validation names the field).
// Assumed GraphQL types, to check once the gateway's API lands: `id: ID!`, `status:
// ChangeRequestStatus` (an enum, as the gateway registers its other enums), connections with
// `edges { node }` and `pageInfo { hasNextPage endCursor }`, and review mutations returning the
// workflow's receipt `{ request { requestId status } }`.

/** The statuses of a change request (@gatehouse/workflow's `RequestStatus`). */
export const CHANGE_REQUEST_STATUSES = [
  'PENDING',
  'APPROVED',
  'SCHEDULED',
  'ACTIVE',
  'APPLIED',
  'EXPIRED',
  'REVOKED',
  'REJECTED',
  'CANCELLED',
  'TIMED_OUT',
  'FAILED',
] as const;

/** One of {@link CHANGE_REQUEST_STATUSES}. */
export type ChangeRequestStatus = (typeof CHANGE_REQUEST_STATUSES)[number];

/** True once reviewers have decided (or the request ended otherwise): anything but PENDING. */
export function isDecided(status: string): boolean {
  return status !== 'PENDING';
}

/** A change request as listed and shown. */
export interface ChangeRequestSummary {
  readonly requestId: string;
  readonly status: string;
  readonly summary: string;
  readonly action: string;
  readonly resource: string;
  readonly requesterArn: string;
  readonly risk: string;
  readonly submittedAt: string;
  readonly pendingUntil: string | null;
}

/** A page of change requests and the cursor of the next one (undefined on the last page). */
export interface ChangeRequestPage {
  readonly requests: readonly ChangeRequestSummary[];
  readonly nextCursor?: string | undefined;
}

/** The largest page the gateway serves (its Relay connections take `first` 1-100). */
export const MAX_PAGE_SIZE = 100;

const SUMMARY_FIELDS =
  'requestId status summary action resource requesterArn risk submittedAt pendingUntil';

interface Connection {
  readonly edges: readonly { readonly node: ChangeRequestSummary }[];
  readonly pageInfo: { readonly hasNextPage: boolean; readonly endCursor: string | null };
}

/** The message for a gateway without the approvals API. */
function approvalsUnavailable(error: unknown, what: string): unknown {
  if (error instanceof CliError && error.code === 'NOT_AVAILABLE') {
    return new CliError(
      'NOT_AVAILABLE',
      `${what}: ${error.message} (the approvals API is not available on this gateway)`,
      { details: error.details, hint: 'upgrade the gateway, or review where the workflow runs' },
    );
  }
  return error;
}

/** Options of {@link listChangeRequests}. */
export interface ListOptions {
  /** The caller's own requests instead of those awaiting the caller's review. */
  readonly mine: boolean;
  /** Only with `mine`. */
  readonly status?: ChangeRequestStatus | undefined;
  readonly first: number;
  readonly after?: string | undefined;
}

/** A page of the requests awaiting the caller's review, or of the caller's own (`mine`). */
export async function listChangeRequests(
  client: GatewayClient,
  options: ListOptions,
): Promise<ChangeRequestPage> {
  const page = `first: $first, after: $after`;
  const selection = `{ edges { node { ${SUMMARY_FIELDS} } } pageInfo { hasNextPage endCursor } }`;
  try {
    let connection: Connection;
    if (options.mine) {
      const data = await client.request<{ myChangeRequests: Connection }>(
        `query MyChangeRequests($status: ChangeRequestStatus, $first: Int, $after: String) { myChangeRequests(status: $status, ${page}) ${selection} }`,
        { status: options.status ?? null, first: options.first, after: options.after ?? null },
      );
      connection = data.myChangeRequests;
    } else {
      const data = await client.request<{ changeRequestsAwaitingMyReview: Connection }>(
        `query AwaitingMyReview($first: Int, $after: String) { changeRequestsAwaitingMyReview(${page}) ${selection} }`,
        { first: options.first, after: options.after ?? null },
      );
      connection = data.changeRequestsAwaitingMyReview;
    }
    const next = connection.pageInfo.hasNextPage ? connection.pageInfo.endCursor : null;
    return {
      requests: connection.edges.map((e) => e.node),
      ...(next === null ? {} : { nextCursor: next }),
    };
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
    const data = await client.request<{ changeRequest: ChangeRequestSummary | null }>(
      `query ChangeRequest($id: ID!) { changeRequest(id: $id) { ${SUMMARY_FIELDS} } }`,
      { id },
    );
    if (data.changeRequest === null) {
      throw new CliError('API', `no change request \`${id}\``, {
        details: { gatewayCode: 'NOT_FOUND' },
      });
    }
    return data.changeRequest;
  } catch (error) {
    throw approvalsUnavailable(error, `cannot read change request \`${id}\``);
  }
}

/** A reviewer's decision: approve with an optional comment, or reject with a reason. */
export type Review =
  | { readonly id: string; readonly decision: 'approve'; readonly comment?: string | undefined }
  | { readonly id: string; readonly decision: 'reject'; readonly reason: string };

/** What a review mutation answers (the workflow's receipt, as much as the CLI reads). */
interface Receipt {
  readonly request: { readonly requestId: string; readonly status: string };
}

/** Approves or rejects a change request; returns its status afterwards. */
export async function reviewChangeRequest(
  client: GatewayClient,
  review: Review,
): Promise<{ requestId: string; status: string }> {
  try {
    if (review.decision === 'approve') {
      const data = await client.request<{ approveChangeRequest: Receipt }>(
        `mutation ApproveChangeRequest($id: ID!, $comment: String) { approveChangeRequest(id: $id, comment: $comment) { request { requestId status } } }`,
        { id: review.id, comment: review.comment ?? null },
      );
      return data.approveChangeRequest.request;
    }
    const data = await client.request<{ rejectChangeRequest: Receipt }>(
      `mutation RejectChangeRequest($id: ID!, $reason: String!) { rejectChangeRequest(id: $id, reason: $reason) { request { requestId status } } }`,
      { id: review.id, reason: review.reason },
    );
    return data.rejectChangeRequest.request;
  } catch (error) {
    throw approvalsUnavailable(error, `cannot ${review.decision} change request \`${review.id}\``);
  }
}
