// The approval workflow as a client drives it over HTTP: people and groups set
// up by root, rules published with updateApprovalRules, requests read with
// changeRequest (always current, from the request's stream) and awaited by status.
import { policyDocument } from './account.js';
import type { GraphqlClient, GraphqlResponse } from './graphqlClient.js';
import { waitFor } from './waitFor.js';

/** Every `approvals:` action a member of the workflow needs to take part. */
export const WORKFLOW_ACTIONS = [
  'approvals:SubmitChangeRequest',
  'approvals:GetChangeRequest',
  'approvals:ListChangeRequests',
  'approvals:ApproveChangeRequest',
  'approvals:RejectChangeRequest',
];

/** The password of a user made by {@link createPeople}. */
export const passwordOf = (name: string): string => `${name}-Password-1!`;

export const CHANGE_REQUEST_FIELDS = /* GraphQL */ `
  requestId arn status action resource requesterArn beneficiaryArn durationSeconds startAt
  quorum { satisfied missing }
  approvals { person groups }
  grant { grantId startsAt activatedAt expiresAt endedAt endReason }
  failureReason
`;

/** What the scenarios read of a change request. */
export interface ChangeRequestShape {
  readonly requestId: string;
  readonly arn: string;
  readonly status: string;
  readonly action: string;
  readonly resource: string;
  readonly requesterArn: string;
  readonly beneficiaryArn: string | null;
  readonly durationSeconds: number | null;
  readonly startAt: string | null;
  readonly quorum: { readonly satisfied: boolean; readonly missing: number };
  readonly approvals: readonly { readonly person: string; readonly groups: readonly string[] }[];
  readonly grant: {
    readonly grantId: string;
    readonly startsAt: string | null;
    readonly activatedAt: string | null;
    readonly expiresAt: string | null;
    readonly endedAt: string | null;
    readonly endReason: string | null;
  } | null;
  readonly failureReason: string | null;
}

/**
 * Root creates groups (each with an inline policy when given), users with
 * passwords and their memberships; returns each user's session token.
 */
export async function createPeople(
  client: GraphqlClient,
  root: string,
  setup: {
    readonly groups: Readonly<Record<string, string | undefined>>;
    readonly users: Readonly<Record<string, readonly string[]>>;
  },
): Promise<Record<string, string>> {
  for (const [group, document] of Object.entries(setup.groups)) {
    await client.must(
      `mutation($g: String!) { createGroup(groupName: $g) { status } }`,
      { g: group },
      root,
    );
    if (document !== undefined) {
      await client.must(
        `mutation($g: String!, $d: String!) { putGroupPolicy(groupName: $g, policyName: "p", policyDocument: $d) { status } }`,
        { g: group, d: document },
        root,
      );
    }
  }
  const tokens: Record<string, string> = {};
  for (const [name, groups] of Object.entries(setup.users)) {
    await client.must(
      `mutation($u: String!) { createUser(userName: $u) { status } }`,
      { u: name },
      root,
    );
    await client.must(
      `mutation($u: String!, $p: String!) { createLoginProfile(userName: $u, password: $p) { userName } }`,
      { u: name, p: passwordOf(name) },
      root,
    );
    for (const group of groups) {
      await client.must(
        `mutation($g: String!, $u: String!) { addUserToGroup(groupName: $g, userName: $u) { status } }`,
        { g: group, u: name },
        root,
      );
    }
    tokens[name] = await client.signIn({ userName: name, password: passwordOf(name) });
  }
  return tokens;
}

/** The inline policy of a group whose members take part in the workflow. */
export const workflowMemberPolicy = (): string => policyDocument('Allow', WORKFLOW_ACTIONS);

/** Publishes a rules file (YAML) through the API; returns its version. */
export async function publishRules(
  client: GraphqlClient,
  token: string,
  source: string,
): Promise<number> {
  const data = await client.must<{ updateApprovalRules: { version: number } }>(
    `mutation($s: String!) { updateApprovalRules(source: $s, fileName: "e2e-rules.yaml") { version changed } }`,
    { s: source },
    token,
  );
  return data.updateApprovalRules.version;
}

/** Asks for membership of a group, time-bound when `duration` is given. */
export function requestGroupAccess(
  client: GraphqlClient,
  token: string,
  input: { readonly groupName: string; readonly duration?: string; readonly startAt?: Date },
): Promise<GraphqlResponse<{ requestAccess: { changeRequest: ChangeRequestShape } }>> {
  return client.call(
    `mutation($g: String!, $d: String, $s: DateTimeISO) {
      requestAccess(access: { groupName: $g }, justification: "quarterly report", duration: $d, startAt: $s) {
        changeRequest { ${CHANGE_REQUEST_FIELDS} } } }`,
    { g: input.groupName, d: input.duration, s: input.startAt?.toISOString() },
    token,
  );
}

/** Approves as the token's principal; the response as received (refusals are typed errors). */
export function approve(
  client: GraphqlClient,
  token: string,
  id: string,
): Promise<GraphqlResponse<{ approveChangeRequest: { changeRequest: ChangeRequestShape } }>> {
  return client.call(
    `mutation($id: ID!) { approveChangeRequest(id: $id, comment: "ok") { changeRequest { ${CHANGE_REQUEST_FIELDS} } } }`,
    { id },
    token,
  );
}

/** The request now (read from its stream). */
export async function changeRequest(
  client: GraphqlClient,
  token: string,
  id: string,
): Promise<ChangeRequestShape> {
  const data = await client.must<{ changeRequest: ChangeRequestShape }>(
    `query($id: ID!) { changeRequest(id: $id) { ${CHANGE_REQUEST_FIELDS} } }`,
    { id },
    token,
  );
  return data.changeRequest;
}

/**
 * Waits until the request reads `status`; a terminal status other than the one
 * awaited fails at once, naming the request and `context` (a service's log tail).
 */
export async function waitForStatus(
  client: GraphqlClient,
  token: string,
  id: string,
  status: string,
  options: { readonly timeoutMs?: number; readonly context?: () => string } = {},
): Promise<ChangeRequestShape> {
  const terminal = [
    'REJECTED',
    'CANCELLED',
    'TIMED_OUT',
    'FAILED',
    'REVOKED',
    'EXPIRED',
    'APPLIED',
  ];
  let unexpected: ChangeRequestShape | undefined;
  const request = await waitFor(
    async () => {
      const now = await changeRequest(client, token, id);
      if (now.status === status) return now;
      if (terminal.includes(now.status)) {
        unexpected = now;
        return now;
      }
      return undefined;
    },
    { what: `change request ${id} to read ${status}`, ...options },
  );
  if (unexpected !== undefined) {
    throw new Error(
      `change request ${id} ended ${unexpected.status} (${unexpected.failureReason ?? 'no reason'}) instead of ${status}` +
        (options.context === undefined ? '' : `\n${options.context()}`),
    );
  }
  return request;
}

/** `isAuthorized` as root asks it: the decision now. */
export async function decisionNow(
  client: GraphqlClient,
  root: string,
  question: { readonly principal: string; readonly action: string; readonly resource: string },
): Promise<string> {
  const data = await client.must<{ isAuthorized: { decision: string } }>(
    `query($p: String!, $a: String!, $r: String!) { isAuthorized(principal: $p, action: $a, resource: $r) { decision } }`,
    { p: question.principal, a: question.action, r: question.resource },
    root,
  );
  return data.isAuthorized.decision;
}

/**
 * Waits until the gateway has authorized `principal`'s `action` on `resource`
 * (a row of its decision log, read with listDecisions). A subscription is
 * authorized as it starts and joins the feed right after (one read of the
 * request): graphql-ws acknowledges no subscription, so this is how a test
 * knows a subscription is live before it changes what the subscription watches.
 */
export async function waitForDecisionLogged(
  client: GraphqlClient,
  root: string,
  filter: { readonly principalArn: string; readonly action: string; readonly resource: string },
  timeoutMs = 15_000,
): Promise<void> {
  await waitFor(
    async () => {
      const data = await client.must<{ listDecisions: { edges: unknown[] } }>(
        `query($f: DecisionFilterInput) { listDecisions(filter: $f, first: 1) { edges { cursor } } }`,
        { f: { ...filter, source: 'gateway' } },
        root,
      );
      return data.listDecisions.edges.length > 0 ? true : undefined;
    },
    { what: `a logged decision on ${filter.action} ${filter.resource}`, timeoutMs },
  );
}
