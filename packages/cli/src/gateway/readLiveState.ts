import type {
  AccountState,
  ApprovalRulesState,
  GroupState,
  ManagedPolicyState,
  PolicyDocument,
  PolicyVersionState,
  RoleState,
  UserState,
} from '../state/accountState.js';
import { CliError } from '../cli/cliError.js';
import { mapConcurrent } from './concurrency.js';
import type { GatewayClient } from './graphqlClient.js';

/** Relay's page info. */
interface PageInfo {
  readonly hasNextPage: boolean;
  readonly endCursor: string | null;
}

/** A Relay connection. */
interface Connection<T> {
  readonly edges: readonly { readonly node: T }[];
  readonly pageInfo: PageInfo;
}

interface TagNode {
  readonly key: string;
  readonly value: string;
}

interface PolicyNode {
  readonly policyName: string;
  readonly policyId: string;
  readonly arn: string;
  readonly path: string;
  readonly defaultVersionId: string;
  readonly description: string | null;
  readonly tags: readonly TagNode[];
}

interface UserNode {
  readonly userName: string;
  readonly userId: string;
  readonly arn: string;
  readonly path: string;
  readonly tags: readonly TagNode[];
  readonly permissionsBoundary: { readonly permissionsBoundaryArn: string } | null;
}

interface GroupNode {
  readonly groupName: string;
  readonly groupId: string;
  readonly arn: string;
  readonly path: string;
}

interface RoleNode {
  readonly roleName: string;
  readonly roleId: string;
  readonly arn: string;
  readonly path: string;
  readonly assumeRolePolicyDocument: string;
  readonly description: string | null;
  readonly maxSessionDuration: number;
  readonly tags: readonly TagNode[];
  readonly permissionsBoundary: { readonly permissionsBoundaryArn: string } | null;
}

const PAGE = `pageInfo { hasNextPage endCursor }`;
const PAGE_SIZE = 100;

/** Progress while reading (`users 3/12`). */
export type ReadProgress = (what: string, done: number, total: number) => void;

/** Options of {@link readLiveState}. */
export interface ReadLiveStateOptions {
  readonly concurrency?: number | undefined;
  readonly onProgress?: ReadProgress | undefined;
  /** Also read the published approval rules (`approvalRules`), when the gateway has them. */
  readonly approvalRules?: boolean | undefined;
}

/** The account the caller works in (`getCallerIdentity`). */
export interface CallerIdentity {
  readonly account: string;
  readonly arn: string;
  readonly userId: string;
  readonly principalType: string;
  readonly mfaAuthenticated: boolean;
  readonly sessionExpiration: string | null;
}

/** `getCallerIdentity`. */
export async function getCallerIdentity(client: GatewayClient): Promise<CallerIdentity> {
  const data = await client.request<{ getCallerIdentity: CallerIdentity }>(
    `query CallerIdentity { getCallerIdentity { account arn userId principalType mfaAuthenticated sessionExpiration } }`,
  );
  return data.getCallerIdentity;
}

/** Every node of a connection, page by page. */
async function allPages<T>(
  client: GatewayClient,
  field: string,
  query: string,
  variables: Readonly<Record<string, unknown>>,
): Promise<T[]> {
  const nodes: T[] = [];
  let after: string | null = null;
  for (;;) {
    const data: Record<string, Connection<T>> = await client.request<Record<string, Connection<T>>>(
      query,
      { ...variables, first: PAGE_SIZE, after },
    );
    const connection = data[field];
    if (connection === undefined)
      throw new CliError('API', `the gateway answered without \`${field}\``);
    nodes.push(...connection.edges.map((edge) => edge.node));
    if (!connection.pageInfo.hasNextPage || connection.pageInfo.endCursor === null) return nodes;
    after = connection.pageInfo.endCursor;
  }
}

function parseDocument(text: string, what: string): PolicyDocument {
  try {
    const value = JSON.parse(text) as unknown;
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      return value as PolicyDocument;
    }
  } catch {
    // reported below
  }
  throw new CliError(
    'API',
    `the gateway returned a document for ${what} that is not a JSON object`,
  );
}

function tagMap(tags: readonly TagNode[]): Record<string, string> {
  return Object.fromEntries(tags.map((tag) => [tag.key, tag.value]));
}

type HolderKind = 'User' | 'Group' | 'Role';

async function inlinePoliciesOf(
  client: GatewayClient,
  kind: HolderKind,
  name: string,
): Promise<Record<string, PolicyDocument>> {
  const field = `list${kind}Policies`;
  const arg = `${kind.toLowerCase()}Name`;
  const nodes = await allPages<{ policyName: string; policyDocument: string }>(
    client,
    field,
    `query Inline($name: String!, $first: Int, $after: String) { ${field}(${arg}: $name, first: $first, after: $after) { edges { node { policyName policyDocument } } ${PAGE} } }`,
    { name },
  );
  return Object.fromEntries(
    nodes.map((node) => [
      node.policyName,
      parseDocument(node.policyDocument, `inline policy \`${node.policyName}\` of \`${name}\``),
    ]),
  );
}

async function attachedPoliciesOf(
  client: GatewayClient,
  kind: HolderKind,
  name: string,
): Promise<string[]> {
  const field = `listAttached${kind}Policies`;
  const arg = `${kind.toLowerCase()}Name`;
  const nodes = await allPages<{ policyArn: string }>(
    client,
    field,
    `query Attached($name: String!, $first: Int, $after: String) { ${field}(${arg}: $name, first: $first, after: $after) { edges { node { policyArn } } ${PAGE} } }`,
    { name },
  );
  return nodes.map((node) => node.policyArn).sort();
}

async function readPolicy(client: GatewayClient, node: PolicyNode): Promise<ManagedPolicyState> {
  const data = await client.request<{
    getPolicyVersion: { document: string };
    listPolicyVersions: Connection<PolicyVersionState>;
  }>(
    `query Policy($arn: String!, $version: String!) {
      getPolicyVersion(policyArn: $arn, versionId: $version) { document }
      listPolicyVersions(policyArn: $arn) { edges { node { versionId isDefaultVersion createDate } } }
    }`,
    { arn: node.arn, version: node.defaultVersionId },
  );
  return {
    name: node.policyName,
    path: node.path,
    arn: node.arn,
    description: node.description ?? '',
    tags: tagMap(node.tags),
    document: parseDocument(data.getPolicyVersion.document, `policy \`${node.policyName}\``),
    id: node.policyId,
    defaultVersionId: node.defaultVersionId,
    versions: data.listPolicyVersions.edges
      .map((edge) => edge.node)
      .sort((a, b) => (a.createDate < b.createDate ? -1 : a.createDate > b.createDate ? 1 : 0)),
  };
}

/**
 * Reads the whole account through the gateway's list and get queries: customer managed
 * policies with their default documents and versions, users with tags, boundary, groups,
 * inline and attached policies, groups and roles likewise, and (when asked and available) the
 * published approval rules. The root user is not an IAM user and never appears.
 */
export async function readLiveState(
  client: GatewayClient,
  accountId: string,
  options: ReadLiveStateOptions = {},
): Promise<AccountState> {
  const concurrency = options.concurrency ?? 4;
  const progress = options.onProgress ?? (() => undefined);

  const policyNodes = await allPages<PolicyNode>(
    client,
    'listPolicies',
    `query Policies($first: Int, $after: String) { listPolicies(first: $first, after: $after) { edges { node { policyName policyId arn path defaultVersionId description tags { key value } } } ${PAGE} } }`,
    {},
  );
  const policies = await mapConcurrent(policyNodes, concurrency, async (node, index) => {
    progress('policies', index + 1, policyNodes.length);
    return readPolicy(client, node);
  });

  const userNodes = await allPages<UserNode>(
    client,
    'listUsers',
    `query Users($first: Int, $after: String) { listUsers(first: $first, after: $after) { edges { node { userName userId arn path tags { key value } permissionsBoundary { permissionsBoundaryArn } } } ${PAGE} } }`,
    {},
  );
  const users = await mapConcurrent(
    userNodes,
    concurrency,
    async (node, index): Promise<UserState> => {
      progress('users', index + 1, userNodes.length);
      const groups = await allPages<{ groupName: string }>(
        client,
        'listGroupsForUser',
        `query Groups($name: String!, $first: Int, $after: String) { listGroupsForUser(userName: $name, first: $first, after: $after) { edges { node { groupName } } ${PAGE} } }`,
        { name: node.userName },
      );
      return {
        name: node.userName,
        path: node.path,
        arn: node.arn,
        id: node.userId,
        tags: tagMap(node.tags),
        groups: groups.map((g) => g.groupName).sort(),
        policies: await attachedPoliciesOf(client, 'User', node.userName),
        inlinePolicies: await inlinePoliciesOf(client, 'User', node.userName),
        ...(node.permissionsBoundary === null
          ? {}
          : { permissionsBoundary: node.permissionsBoundary.permissionsBoundaryArn }),
      };
    },
  );

  const groupNodes = await allPages<GroupNode>(
    client,
    'listGroups',
    `query Groups($first: Int, $after: String) { listGroups(first: $first, after: $after) { edges { node { groupName groupId arn path } } ${PAGE} } }`,
    {},
  );
  const groups = await mapConcurrent(
    groupNodes,
    concurrency,
    async (node, index): Promise<GroupState> => {
      progress('groups', index + 1, groupNodes.length);
      return {
        name: node.groupName,
        path: node.path,
        arn: node.arn,
        id: node.groupId,
        policies: await attachedPoliciesOf(client, 'Group', node.groupName),
        inlinePolicies: await inlinePoliciesOf(client, 'Group', node.groupName),
      };
    },
  );

  const roleNodes = await allPages<RoleNode>(
    client,
    'listRoles',
    `query Roles($first: Int, $after: String) { listRoles(first: $first, after: $after) { edges { node { roleName roleId arn path assumeRolePolicyDocument description maxSessionDuration tags { key value } permissionsBoundary { permissionsBoundaryArn } } } ${PAGE} } }`,
    {},
  );
  const roles = await mapConcurrent(
    roleNodes,
    concurrency,
    async (node, index): Promise<RoleState> => {
      progress('roles', index + 1, roleNodes.length);
      return {
        name: node.roleName,
        path: node.path,
        arn: node.arn,
        id: node.roleId,
        description: node.description ?? '',
        maxSessionDuration: node.maxSessionDuration,
        trustPolicy: parseDocument(
          node.assumeRolePolicyDocument,
          `trust policy of \`${node.roleName}\``,
        ),
        tags: tagMap(node.tags),
        policies: await attachedPoliciesOf(client, 'Role', node.roleName),
        inlinePolicies: await inlinePoliciesOf(client, 'Role', node.roleName),
        ...(node.permissionsBoundary === null
          ? {}
          : { permissionsBoundary: node.permissionsBoundary.permissionsBoundaryArn }),
      };
    },
  );

  return {
    accountId,
    policies,
    users,
    groups,
    roles,
    ...(options.approvalRules === true ? { approvalRules: await readApprovalRules(client) } : {}),
  };
}

/**
 * The published approval rules, `null` when none are published, `'unsupported'` when the
 * gateway has no approvals API (field names as suggested in packages/workflow's README).
 */
export async function readApprovalRules(
  client: GatewayClient,
): Promise<ApprovalRulesState | null | 'unsupported'> {
  try {
    // The workflow's `rules()` as the gateway exposes it: version 0 is the built-in default
    // (nothing published); `digest` is the hex SHA-256 of the published file's text.
    const data = await client.request<{
      approvalRules: { version: number; digest: string; fileName: string } | null;
    }>(`query ApprovalRules { approvalRules { version digest fileName } }`);
    const rules = data.approvalRules;
    if (rules === null || rules.version === 0) return null;
    return { fileName: rules.fileName, digest: rules.digest };
  } catch (error) {
    if (error instanceof CliError && error.code === 'NOT_AVAILABLE') return 'unsupported';
    throw error;
  }
}
