import { CliError } from '../cli/cliError.js';
import type { GatewayClient } from '../gateway/graphqlClient.js';
import { mapConcurrent } from '../gateway/concurrency.js';
import { getCallerIdentity, readLiveState, type CallerIdentity } from '../gateway/readLiveState.js';
import type { RepositoryModel } from '../repository/repositoryModel.js';
import type { AccountState } from '../state/accountState.js';
import { fingerprintState } from '../state/fingerprint.js';
import { CLI_VERSION } from '../version.js';
import { accountSnapshot } from './accountSnapshot.js';
import { analyzePlan } from './analyzePlan.js';
import { computePlan, type UserCredentials } from './computePlan.js';
import { desiredState } from './desiredState.js';
import { PLAN_FORMAT_VERSION, summarize, type PlanFile } from './planFile.js';

/** Progress of planning, for a status line. */
export type PlanProgress = (text: string) => void;

/** Options of {@link makePlan}. */
export interface MakePlanOptions {
  readonly client: GatewayClient;
  readonly endpoint: string;
  readonly model: RepositoryModel;
  /** The repository path as given (recorded in the plan). */
  readonly repositoryPath: string;
  readonly onProgress?: PlanProgress | undefined;
  readonly now?: (() => Date) | undefined;
}

/** The caller, checked against the account the repository names. */
export async function callerFor(
  client: GatewayClient,
  model: RepositoryModel,
): Promise<CallerIdentity> {
  const identity = await getCallerIdentity(client);
  const expected = model.config.account;
  if (expected !== undefined && identity.account !== expected) {
    throw new CliError(
      'CONFIG',
      `the repository describes account \`${expected}\` but the credentials are for account \`${identity.account}\``,
      {
        hint: 'choose the profile of the right account (`--profile`), or fix `account` in gatehouse.yaml',
      },
    );
  }
  return identity;
}

/** Reads the live state the way plan and apply both do (so their fingerprints compare). */
export async function readState(
  client: GatewayClient,
  accountId: string,
  includesApprovalRules: boolean,
  onProgress?: PlanProgress,
): Promise<AccountState> {
  return readLiveState(client, accountId, {
    approvalRules: includesApprovalRules,
    onProgress: (what, done, total) => onProgress?.(`reading ${what} ${done}/${total}`),
  });
}

async function credentialsOf(
  client: GatewayClient,
  userNames: readonly string[],
): Promise<Map<string, UserCredentials>> {
  const entries = await mapConcurrent(userNames, 4, async (userName) => {
    const data = await client.request<{
      listAccessKeys: { edges: { node: { accessKeyId: string } }[] };
      listMfaDevices: { edges: { node: { serialNumber: string } }[] };
    }>(
      `query Credentials($u: String!) {
        listAccessKeys(userName: $u) { edges { node { accessKeyId } } }
        listMfaDevices(userName: $u, first: 100) { edges { node { serialNumber } } }
      }`,
      { u: userName },
    );
    return [
      userName,
      {
        accessKeyIds: data.listAccessKeys.edges.map((e) => e.node.accessKeyId),
        mfaSerialNumbers: data.listMfaDevices.edges.map((e) => e.node.serialNumber),
      },
    ] as const;
  });
  return new Map(entries);
}

/**
 * Plans a repository against the live account: reads the live state (fingerprinted), computes
 * the operations, reads the credentials of users it deletes, and analyses every permission
 * change with @gatehouse/policy.
 */
export async function makePlan(options: MakePlanOptions): Promise<PlanFile> {
  const { client, model } = options;
  const progress = options.onProgress ?? (() => undefined);
  progress('checking the caller');
  const identity = await callerFor(client, model);
  const includesApprovalRules = model.approvalRules !== undefined;
  const live = await readState(client, identity.account, includesApprovalRules, progress);
  const fingerprint = fingerprintState(live);
  const desired = desiredState(model, identity.account);
  const input = { desired, live, ignore: model.config.ignore };
  let diff = computePlan(input);
  const deletedUsers = diff.operations
    .filter((o) => o.mutation === 'deleteUser')
    .map((o) => String(o.variables.userName));
  if (deletedUsers.length > 0) {
    progress('reading credentials of users to delete');
    diff = computePlan({ ...input, credentials: await credentialsOf(client, deletedUsers) });
  }
  const operations = analyzePlan(
    diff.operations,
    accountSnapshot(live, model.config.adminPrincipals),
    (done, total) => progress(`analysing ${done}/${total}`),
  );
  const analysed = { ...diff, operations };
  return {
    formatVersion: PLAN_FORMAT_VERSION,
    tool: { name: 'gatehouse', version: CLI_VERSION },
    createdAt: (options.now?.() ?? new Date()).toISOString(),
    endpoint: options.endpoint,
    accountId: identity.account,
    caller: identity.arn,
    repository: { path: options.repositoryPath, digest: model.digest },
    liveState: { fingerprint, includesApprovalRules },
    summary: summarize(analysed),
    changes: analysed.changes,
    operations: analysed.operations,
    warnings: analysed.warnings,
    errors: analysed.errors,
  };
}
