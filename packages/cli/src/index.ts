/**
 * @gatehouse/cli: the `gatehouse` command (policy as code) and the pieces it is made of, for
 * tests and for tools that embed it. Talks to the gateway over GraphQL only.
 */

/** Run the CLI with arguments and an I/O; returns the exit code. */
export { runCli, buildProgram } from './cli/program.js';
/** The exit codes and the CLI's one error class. */
export { EXIT_CODES } from './cli/exitCodes.js';
export type { ExitCode } from './cli/exitCodes.js';
export { CliError, exitCodeOf, isCliError } from './cli/cliError.js';
export type { CliErrorCode } from './cli/cliError.js';
/** The process around the CLI. */
export type { CliIo, GlobalOptions } from './cli/context.js';

/** Reading and writing repositories. */
export { loadRepository, ENTITY_DIRECTORIES } from './repository/loadRepository.js';
export type { LoadedRepository, LoadRepositoryOptions } from './repository/loadRepository.js';
export { writeRepository } from './repository/writeRepository.js';
export type { WriteRepositoryOptions } from './repository/writeRepository.js';
export type { RepositoryModel, RepositoryConfig } from './repository/repositoryModel.js';
export { SourceFile } from './repository/sourceFile.js';
/** Findings of validate. */
export { REPOSITORY_FINDING_SEVERITY, meetsThreshold } from './findings/finding.js';
export type {
  RepositoryFinding,
  RepositoryFindingCode,
  FailThreshold,
} from './findings/finding.js';
export { toSarif } from './output/sarif.js';
export type { SarifLog } from './output/sarif.js';

/** The account model, its fingerprint, and plans. */
export type { AccountState } from './state/accountState.js';
export { fingerprintState } from './state/fingerprint.js';
export { computePlan } from './plan/computePlan.js';
export type { ComputePlanInput, UserCredentials } from './plan/computePlan.js';
export { desiredState } from './plan/desiredState.js';
export { makePlan } from './plan/makePlan.js';
export { readPlanFile, PLAN_FORMAT_VERSION } from './plan/planFile.js';
/** The optimistic check of apply: why a plan must not be applied to the account as it is now. */
export { staleness } from './plan/staleness.js';
export type { PlanFile, PlanSummary } from './plan/planFile.js';
export type { PlannedOperation, ResourceChange, PlanDiff } from './plan/planModel.js';
export { applyPlan } from './apply/applyPlan.js';
export type { ApplyResult, OperationOutcome } from './apply/applyPlan.js';

/** The gateway client. */
export { GatewayClient } from './gateway/graphqlClient.js';
export type { Credentials } from './gateway/credentials.js';
export { readLiveState, getCallerIdentity } from './gateway/readLiveState.js';
export { signRequest } from './gateway/requestSigning.js';
